import JSONModel

/// What a document (or a List item) is to `check`, read from its `apiVersion` and `kind`.
enum ManifestKind {
    /// `apiVersion: antfly.io/v1, kind: AntflyRestore`: judged.
    case restore
    /// `kind: List`, `kind: AntflyRestoreList` or any other `...List` with an `items` array, as kubectl
    /// reads lists: each item is classified in turn.
    case list([JSONValue])
    /// `kind: AntflyRestore` under another apiVersion: kubectl would not find the resource, and the
    /// webhook would never see it, so it is skipped with a warning rather than silently.
    case restoreOfOtherVersion(apiVersion: String)
    /// Not an object with a string `kind`: not a Kubernetes object at all.
    case notAnObject
    /// Any other kind (a Secret beside the restore): left as it is.
    case other

    static let apiVersion = "antfly.io/v1"
    static let restoreKind = "AntflyRestore"

    init(of value: JSONValue) {
        guard case .object(let object) = value, let kind = object["kind"]?.stringValue, !kind.isEmpty else {
            self = .notAnObject
            return
        }
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        if kind == Self.restoreKind {
            self = apiVersion == Self.apiVersion ? .restore : .restoreOfOtherVersion(apiVersion: apiVersion)
        } else if kind.hasSuffix("List"), case .array(let items)? = object["items"] {
            self = .list(items)
        } else {
            self = .other
        }
    }
}
