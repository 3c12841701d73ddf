import AdmissionRules
import JSONModel
import Synchronization

/// Restores to judge: the API reference's basic example, changed one field at a time.
enum Fixtures {
    static let namespace = "production"

    /// The "Basic Restore" example of the API reference, as the API server would send it.
    static let basic: JSONValue = [
        "apiVersion": "antfly.io/v1",
        "kind": "AntflyRestore",
        "metadata": ["name": "restore-latest", "namespace": "production"],
        "spec": [
            "clusterRef": ["name": "my-cluster"],
            "source": [
                "backupId": "backup-20250115-020000",
                "location": "s3://my-bucket/antfly-backups",
                "credentialsSecret": ["name": "backup-credentials"],
            ],
        ],
    ]

    /// `basic` with the defaults of SPEC §4 filled in.
    static var defaulted: JSONValue {
        basic.setting(["spec", "restoreMode"], to: "fail_if_exists")
            .setting(["spec", "restoreTimeout"], to: "2h")
            .setting(["spec", "backoffLimit"], to: 3)
    }

    /// `basic` with one spec field set (or removed, for `nil`).
    static func spec(_ keys: String..., is value: JSONValue?) -> JSONValue {
        basic.setting(["spec"] + keys, to: value)
    }

    /// A raw JSON number literal, for values no integer literal can spell (`3.5`, `1e2`, 10,000 digits).
    static func number(_ text: String) -> JSONValue {
        .number(JSONNumber(text: text))
    }
}

extension JSONValue {
    /// A copy with the member at `keys` set, creating objects on the way; `nil` removes the member.
    func setting(_ keys: [String], to value: JSONValue?) -> JSONValue {
        guard let key = keys.first else { return value ?? .null }
        var object = objectValue ?? JSONObject()
        if keys.count == 1 {
            object[key] = value
        } else {
            object[key] = (object[key] ?? .object(JSONObject())).setting(Array(keys.dropFirst()), to: value)
        }
        return .object(object)
    }
}

/// A directory with fixed answers, which records what it was asked.
final class StubClusterDirectory: ClusterDirectory {
    private let answers: [String: ClusterLookup]
    private let fallback: ClusterLookup
    private let asked = Mutex<[String]>([])

    init(_ answers: [String: ClusterLookup] = [:], otherwise fallback: ClusterLookup = .found) {
        self.answers = answers
        self.fallback = fallback
    }

    func lookup(namespace: String, name: String) -> ClusterLookup {
        let key = namespace + "/" + name
        asked.withLock { $0.append(key) }
        return answers[key] ?? fallback
    }

    /// Every lookup so far, as `namespace/name`.
    var lookups: [String] { asked.withLock { $0 } }
}

extension RestoreValidator {
    /// The default policy, with every cluster found.
    static let standard = RestoreValidator(policy: AdmissionPolicy(), clusters: StubClusterDirectory())

    /// Judges `object` as a CREATE in the fixtures' namespace.
    func create(_ object: JSONValue, namespace: String = Fixtures.namespace) -> ValidationResult {
        validate(operation: .create, object: object, oldObject: nil, namespace: namespace)
    }
}

extension ValidationResult {
    /// Each error as `path: message`, which is how users see them.
    var messages: [String] { errors.map(\.description) }
    var paths: [String] { errors.map(\.path.description) }
    var reasons: [String] { errors.map(\.reason) }
    var warningTexts: [String] { warnings.map(\.description) }
}
