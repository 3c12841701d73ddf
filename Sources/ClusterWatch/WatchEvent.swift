import JSONModel

/// One event of an AntflyCluster watch, reduced to what the cache needs.
enum WatchEvent: Equatable {
    case added(ClusterReference, resourceVersion: String?)
    case modified(ClusterReference, resourceVersion: String?)
    case deleted(ClusterReference, resourceVersion: String?)
    /// A bookmark: nothing changed up to this resourceVersion (resume from it).
    case bookmark(resourceVersion: String)
    /// An ERROR event: `.gone` for 410 (list again), `.status` otherwise.
    case error(APIServerError)

    /// Reads `{"type": ..., "object": {...}}`.
    init(parsing event: JSONValue) throws(APIServerError) {
        guard let type = event["type"]?.stringValue, let object = event["object"], object.objectValue != nil else {
            throw APIServerError.malformed("watch event without a type and an object")
        }
        switch type {
        case "ADDED":
            self = .added(try Self.reference(in: object), resourceVersion: Self.resourceVersion(of: object))
        case "MODIFIED":
            self = .modified(try Self.reference(in: object), resourceVersion: Self.resourceVersion(of: object))
        case "DELETED":
            self = .deleted(try Self.reference(in: object), resourceVersion: Self.resourceVersion(of: object))
        case "BOOKMARK":
            guard let version = Self.resourceVersion(of: object) else {
                throw APIServerError.malformed("BOOKMARK event without metadata.resourceVersion")
            }
            self = .bookmark(resourceVersion: version)
        case "ERROR":
            self = .error(Self.statusError(object))
        default:
            throw APIServerError.malformed("unknown watch event type \(String(type.prefix(40)))")
        }
    }

    /// The namespace and name of an AntflyCluster object (a list item or an event's object).
    static func reference(in object: JSONValue) throws(APIServerError) -> ClusterReference {
        guard let name = object["metadata"]?["name"]?.stringValue, !name.isEmpty else {
            throw APIServerError.malformed("AntflyCluster without metadata.name")
        }
        return ClusterReference(namespace: object["metadata"]?["namespace"]?.stringValue ?? "", name: name)
    }

    static func resourceVersion(of object: JSONValue) -> String? {
        guard let version = object["metadata"]?["resourceVersion"]?.stringValue, !version.isEmpty else { return nil }
        return version
    }

    /// The error a Kubernetes `Status` object describes (an ERROR event, or an error response
    /// body, whose HTTP status then wins over the body's `code`).
    static func statusError(_ status: JSONValue, httpStatus: Int? = nil) -> APIServerError {
        let code = httpStatus ?? status["code"]?.numberValue?.int64Value.map { Int(clamping: $0) } ?? 500
        let message = status["message"]?.stringValue ?? status["reason"]?.stringValue ?? "no message"
        return statusError(code: code, message: message)
    }

    /// The error for a status code and the server's message (shortened for logs).
    static func statusError(code: Int, message: String) -> APIServerError {
        let message = String(message.prefix(300))
        switch code {
        case 410: return .gone(message: message)
        case 401, 403: return .unauthorized(status: code, message: message)
        default: return .status(code: code, message: message)
        }
    }
}
