import JSONModel

/// The parts of an AdmissionReview request the rules need, read from the raw JSON with every malformed
/// shape turned into an `AdmissionReviewError` (SPEC §3).
struct AdmissionRequest {
    static let supportedAPIVersions = ["admission.k8s.io/v1", "admission.k8s.io/v1beta1"]

    /// Members of the review nothing here reads, which the parser checks but does not build: the
    /// objects' `managedFields`, `annotations` (with `kubectl apply`'s last-applied copy of the whole
    /// object), `labels` and the rest of the metadata the API server fills in, their own `apiVersion` and
    /// `kind` (`request.kind` is the one judged), and the request's resource, options, dry-run flag, groups
    /// and user uid. They are often half of a review and most of its strings. Whatever comes to read one
    /// of them must take it off this list.
    static let unreadMembers: [JSONPath] =
        ["resource", "requestKind", "requestResource", "options", "dryRun"].map { JSONPath("request", $0) }
        + ["groups", "extra", "uid"].map { JSONPath("request", "userInfo", $0) }
        + ["object", "oldObject"].flatMap { object in
            ["apiVersion", "kind"].map { JSONPath("request", object, $0) }
                + ["managedFields", "annotations", "labels", "uid", "creationTimestamp", "generation", "resourceVersion", "ownerReferences", "finalizers"]
                .map { JSONPath("request", object, "metadata", $0) }
        }

    /// What the mutating webhook skips besides `unreadMembers`: defaulting reads three members of
    /// `object.spec` (SPEC §4), so the rest of it, `status` and `oldObject`'s spec and status are only
    /// checked. An UPDATE carries the whole stored restore in `oldObject`, and a restore's `tables` can be
    /// thousands long: none of it is built for a patch that never looks at it.
    static let unreadByDefaulting: [JSONPath] =
        ["clusterRef", "source", "tables"].map { JSONPath("request", "object", "spec", $0) }
        + [JSONPath("request", "object", "status"), JSONPath("request", "oldObject", "spec"), JSONPath("request", "oldObject", "status")]

    /// Members of the review `mode`'s rules never read.
    static func unreadMembers(for mode: AdmissionMode) -> [JSONPath] {
        switch mode {
        case .mutate: unreadMembers + unreadByDefaulting
        case .validate: unreadMembers
        }
    }

    /// Keys of a review and of the Kubernetes objects in it, which the parser makes into strings once
    /// (`JSONParser(commonKeys:)`) instead of in every request.
    static let commonKeys = [
        "kind", "apiVersion", "request", "uid", "group", "version", "resource", "subResource", "name", "namespace",
        "operation", "userInfo", "username", "groups", "extra", "object", "oldObject", "dryRun", "options",
        "metadata", "labels", "annotations", "managedFields", "generateName", "generation", "resourceVersion",
        "finalizers", "ownerReferences", "spec", "status", "phase", "clusterRef", "source", "backupId", "location",
        "credentialsSecret", "tables", "restoreMode", "restoreTimeout", "backoffLimit", "requestKind", "requestResource",
    ]

    /// The review's apiVersion, which the answer repeats.
    let apiVersion: String
    let uid: String
    let operation: AdmissionOperation
    /// `request.kind`, which must be antfly.io/v1 AntflyRestore.
    let kind: JSONValue?
    let subResource: String
    /// `request.namespace`, else the object's `metadata.namespace`.
    let namespace: String
    /// The object's `metadata.name`, else `request.name`, else the old object's name.
    let name: String
    let user: String
    let object: JSONValue?
    let oldObject: JSONValue?

    init(_ document: JSONValue) throws(AdmissionReviewError) {
        guard case .object(let review) = document else {
            throw AdmissionReviewError(.notAnObject(document.typeName))
        }
        let apiVersion = review["apiVersion"]?.stringValue
        guard let apiVersion, Self.supportedAPIVersions.contains(apiVersion) else {
            throw AdmissionReviewError(.unsupportedAPIVersion(apiVersion))
        }
        let kind = review["kind"]?.stringValue
        guard kind == "AdmissionReview" else { throw AdmissionReviewError(.notAnAdmissionReview(kind)) }
        guard case .object(let request)? = review["request"] else { throw AdmissionReviewError(.missingRequest) }
        guard let uid = request["uid"]?.stringValue, !uid.isEmpty else { throw AdmissionReviewError(.missingUID) }
        let operationName = request["operation"]?.stringValue
        guard let operation = operationName.flatMap(AdmissionOperation.init(rawValue:)) else {
            throw AdmissionReviewError(.unsupportedOperation(operationName))
        }
        let object = Self.object(request["object"])
        let oldObject = Self.object(request["oldObject"])
        switch operation {
        case .create, .update:
            guard object != nil else { throw AdmissionReviewError(.missingObject(operation)) }
            if operation == .update && oldObject == nil { throw AdmissionReviewError(.missingOldObject) }
        case .delete, .connect:
            break
        }

        self.apiVersion = apiVersion
        self.uid = uid
        self.operation = operation
        self.kind = request["kind"]
        self.subResource = request["subResource"]?.stringValue ?? ""
        let metadata = object?["metadata"]
        self.namespace = Self.nonEmpty(request["namespace"]?.stringValue, metadata?["namespace"]?.stringValue)
        self.name = Self.nonEmpty(
            metadata?["name"]?.stringValue, request["name"]?.stringValue, oldObject?["metadata"]?["name"]?.stringValue)
        self.user = request["userInfo"]?["username"]?.stringValue ?? ""
        self.object = object
        self.oldObject = oldObject
    }

    /// Whether `request.kind` is the one resource this webhook judges.
    var isAntflyRestore: Bool {
        guard case .object(let kind)? = kind else { return false }
        return kind["group"]?.stringValue == "antfly.io" && kind["version"]?.stringValue == "v1"
            && kind["kind"]?.stringValue == "AntflyRestore"
    }

    /// `request.kind` as Kubernetes prints a GroupVersionKind (`apps/v1, Kind=Deployment`), quoted.
    var kindDescription: String {
        guard case .object? = kind else { return "missing" }
        let group = kind?["group"]?.stringValue ?? ""
        let version = kind?["version"]?.stringValue ?? ""
        let kindName = kind?["kind"]?.stringValue ?? ""
        return GoQuote.quote(FieldErrorKind.abbreviated(group + "/" + version + ", Kind=" + kindName))
    }

    private static func object(_ value: JSONValue?) -> JSONValue? {
        guard case .object? = value else { return nil }
        return value
    }

    /// The first candidate that is a non-empty string, else `""`. Fixed parameters rather than a variadic
    /// list, which allocated an array on every request.
    private static func nonEmpty(_ first: String?, _ second: String?, _ third: String? = nil) -> String {
        if let first, !first.isEmpty { return first }
        if let second, !second.isEmpty { return second }
        return third ?? ""
    }
}
