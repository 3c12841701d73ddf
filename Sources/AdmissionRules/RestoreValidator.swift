public import JSONModel

/// The validating webhook's work (SPEC §5 and §6): every rule over one AntflyRestore, all errors at once in
/// field order, plus warnings. Pure: the only outside knowledge is the `ClusterDirectory` answer, which
/// must come from memory. Every field may have any JSON type (the mutating webhook and `check` see raw
/// input), and each wrong type is a `FieldValueTypeInvalid` error, never a trap.
public struct RestoreValidator: Sendable {
    public let policy: AdmissionPolicy
    public let clusters: any ClusterDirectory

    public init(policy: AdmissionPolicy, clusters: any ClusterDirectory) {
        self.policy = policy
        self.clusters = clusters
    }

    /// Judges `object` for `operation`. `namespace` is the restore's namespace (the request's, else the
    /// object's `metadata.namespace`); when it is empty, the rules that need it (cross-namespace, the
    /// cluster lookup's default namespace) are skipped. For UPDATE, `oldObject` is the stored restore; without
    /// it the update is judged like a CREATE.
    public func validate(
        operation: AdmissionOperation, object: JSONValue, oldObject: JSONValue?, namespace: String
    ) -> ValidationResult {
        switch operation {
        case .delete, .connect:
            return ValidationResult()
        case .create:
            return validateRestore(object, operation: .create, namespace: namespace, checksCluster: true)
        case .update:
            return validateUpdate(object, oldObject: oldObject, namespace: namespace)
        }
    }

    /// SPEC §5 rule 11. An object being deleted, and an update that leaves the defaulted spec as it was
    /// (metadata, finalizers, status), always pass: a webhook must never wedge a finalizer. A spec change is
    /// judged like a CREATE until the operator has started the restore, and forbidden afterwards.
    private func validateUpdate(_ object: JSONValue, oldObject: JSONValue?, namespace: String) -> ValidationResult {
        if Self.isBeingDeleted(object) || oldObject.map(Self.isBeingDeleted) == true {
            return ValidationResult()
        }
        guard let oldObject else {
            return validateRestore(object, operation: .update, namespace: namespace, checksCluster: true)
        }
        if RestoreDefaults.defaulted(oldObject["spec"]) == RestoreDefaults.defaulted(object["spec"]) {
            return ValidationResult()
        }
        if case .started(let phase) = Self.progress(of: oldObject) {
            var result = ValidationResult()
            let state = phase.map { "status.phase is \(GoQuote.quote($0))" } ?? "status.phase is set"
            result.add(
                .forbidden(
                    detail: "spec is immutable once the restore has started (\(state)): delete and recreate the AntflyRestore to run a different restore"
                ),
                at: JSONPath("spec"))
            return result
        }
        let changesCluster =
            Self.clusterTarget(of: oldObject, namespace: namespace) != Self.clusterTarget(of: object, namespace: namespace)
        return validateRestore(object, operation: .update, namespace: namespace, checksCluster: changesCluster)
    }

    /// Rules 1-10, 12, 13 and the cluster check, in field order.
    private func validateRestore(
        _ object: JSONValue, operation: AdmissionOperation, namespace: String, checksCluster: Bool
    ) -> ValidationResult {
        var result = ValidationResult()
        validateMetadata(object["metadata"], operation: operation, into: &result)
        let specPath = JSONPath("spec")
        guard let spec = Self.requiredObject(object["spec"], at: specPath, into: &result) else { return result }
        warnAboutUnknownFields(in: spec, known: Self.specFields, at: specPath, into: &result)
        validateClusterRef(spec, namespace: namespace, checksCluster: checksCluster, into: &result)
        validateSource(spec, into: &result)
        let listsTables = validateTables(spec, into: &result)
        validateRestoreMode(spec, listsTables: listsTables, into: &result)
        validateRestoreTimeout(spec, into: &result)
        validateBackoffLimit(spec, into: &result)
        return result
    }

    static let specFields = ["clusterRef", "source", "tables", "restoreMode", "restoreTimeout", "backoffLimit"]

    // MARK: - Rule 1: names

    /// The operator's Job is `<name>-restore`, and the name is also a label value (at most 63 characters).
    static let maxNameLength = 55
    /// The API server appends 5 random characters to `generateName`.
    static let maxGenerateNameLength = 50

    private func validateMetadata(_ metadata: JSONValue?, operation: AdmissionOperation, into result: inout ValidationResult) {
        let name = metadata?["name"]?.stringValue ?? ""
        if name.unicodeScalars.count > Self.maxNameLength {
            result.add(
                .invalid(
                    .string(name),
                    detail: "must be no more than \(Self.maxNameLength) characters: the operator names its Job \"<name>-restore\", which must fit in a 63-character label value"
                ),
                at: JSONPath("metadata", "name"))
        } else if name.isEmpty, operation == .create, let generateName = metadata?["generateName"]?.stringValue,
            generateName.unicodeScalars.count > Self.maxGenerateNameLength
        {
            result.add(
                .invalid(
                    .string(generateName),
                    detail: "must be no more than \(Self.maxGenerateNameLength) characters: the API server appends 5 random characters, and the name must stay within \(Self.maxNameLength)"
                ),
                at: JSONPath("metadata", "generateName"))
        }
    }

    // MARK: - UPDATE helpers

    private static func isBeingDeleted(_ object: JSONValue) -> Bool {
        guard let timestamp = object["metadata"]?["deletionTimestamp"] else { return false }
        return !timestamp.isNull
    }

    /// Whether the operator has picked a stored restore up, according to its `status.phase`.
    private enum Progress {
        /// Phase absent, `null`, `""` or `Pending`.
        case notStarted
        /// Any other phase; `nil` when it is not even a string (treated as started, to be safe).
        case started(phase: String?)
    }

    private static func progress(of oldObject: JSONValue) -> Progress {
        switch oldObject["status"]?["phase"] {
        case nil, .null?, .string("")?, .string("Pending")?:
            .notStarted
        case .string(let phase)?:
            .started(phase: phase)
        default:
            .started(phase: nil)
        }
    }

    /// What an UPDATE must change for the cluster to be looked up again: the name and the effective namespace.
    private static func clusterTarget(of object: JSONValue, namespace: String) -> [JSONValue?] {
        let clusterRef = object["spec"]?["clusterRef"]
        var clusterNamespace = clusterRef?["namespace"]
        if clusterNamespace == nil || clusterNamespace == .null || clusterNamespace == .string("") {
            clusterNamespace = .string(namespace)
        }
        return [clusterRef?["name"], clusterNamespace]
    }

    // MARK: - Shared shapes

    /// The value of an optional field: `nil` when absent or `null`, which Kubernetes treats alike.
    static func present(_ object: JSONObject, _ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    /// A required object, or `nil` after recording why there is none.
    static func requiredObject(_ value: JSONValue?, at path: JSONPath, into result: inout ValidationResult) -> JSONObject? {
        switch value {
        case nil, .null?:
            result.add(.required(), at: path)
            return nil
        case .object(let object)?:
            return object
        case let other?:
            result.add(.typeInvalid(other, detail: "must be an object"), at: path)
            return nil
        }
    }

    /// A required, non-empty string, or `nil` after recording why there is none.
    static func requiredString(_ object: JSONObject, _ key: String, at path: JSONPath, into result: inout ValidationResult)
        -> String?
    {
        switch object[key] {
        case nil, .null?, .string("")?:
            result.add(.required(), at: path)
            return nil
        case .string(let string)?:
            return string
        case let other?:
            result.add(.typeInvalid(other, detail: "must be a string"), at: path)
            return nil
        }
    }
}
