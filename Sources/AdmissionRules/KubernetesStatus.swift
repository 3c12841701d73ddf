import JSONModel

/// The one renderer of Kubernetes `Status` JSON (STYLE §4): the denial of an invalid restore, as
/// k8s.io/apimachinery's `NewInvalid` builds it, and the plain failures the server sends as HTTP error
/// bodies. Members appear in `metav1.Status`'s order: kind, apiVersion, metadata, status, message, reason,
/// details, code.
public enum KubernetesStatus {
    static let group = "antfly.io"
    static let kind = "AntflyRestore"

    /// A complete `Status` document for an HTTP error body (400, 403, 404, 405, 408, 413, 415, 431, 500):
    /// `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":...,"reason":...,"code":...}`.
    public static func failure(code: Int, reason: String, message: String) -> [UInt8] {
        var object = JSONObject()
        object["kind"] = "Status"
        object["apiVersion"] = "v1"
        for member in failureMembers(code: code, reason: reason, message: message) {
            object[member.key] = member.value
        }
        return JSONWriter.bytes(.object(object))
    }

    /// A failure as `response.status` of an AdmissionReview carries it (no kind or apiVersion, as
    /// controller-runtime leaves them out).
    static func failureStatus(code: Int, reason: String, message: String) -> JSONValue {
        .object(JSONObject(failureMembers(code: code, reason: reason, message: message)))
    }

    private static func failureMembers(code: Int, reason: String, message: String) -> [JSONObject.Member] {
        [
            .init(key: "metadata", value: .object(JSONObject())),
            .init(key: "status", value: "Failure"),
            .init(key: "message", value: .string(message)),
            .init(key: "reason", value: .string(reason)),
            .init(key: "code", value: .number(JSONNumber(Int64(code)))),
        ]
    }

    /// The denial of an invalid restore as `response.status`: code 422, reason `Invalid`, the message of
    /// `invalidMessage(name:errors:)`, and one cause per error, in order, as `NewInvalid` lists them.
    static func invalidStatus(name: String, errors: [FieldError]) -> JSONValue {
        let causes = errors.map { error -> JSONValue in
            .object(
                JSONObject([
                    .init(key: "reason", value: .string(error.reason)),
                    .init(key: "message", value: .string(error.message)),
                    .init(key: "field", value: .string(error.path.description)),
                ]))
        }
        let details = JSONObject([
            .init(key: "name", value: .string(name)),
            .init(key: "group", value: .string(group)),
            .init(key: "kind", value: .string(kind)),
            .init(key: "causes", value: .array(causes)),
        ])
        return .object(
            JSONObject([
                .init(key: "metadata", value: .object(JSONObject())),
                .init(key: "status", value: "Failure"),
                .init(key: "message", value: .string(invalidMessage(name: name, errors: errors))),
                .init(key: "reason", value: "Invalid"),
                .init(key: "details", value: .object(details)),
                .init(key: "code", value: 422),
            ]))
    }

    /// `AntflyRestore.antfly.io "NAME" is invalid: ...`, with the errors aggregated as
    /// `ErrorList.ToAggregate().Error()` does: a repeated message is shown once, a single remaining
    /// message stands alone, several are joined as `[e1, e2]`.
    static func invalidMessage(name: String, errors: [FieldError]) -> String {
        var seen = Set<String>()
        var messages: [String] = []
        for error in errors {
            let message = error.description
            if seen.insert(message).inserted { messages.append(message) }
        }
        let list = messages.count == 1 ? messages[0] : "[" + messages.joined(separator: ", ") + "]"
        return kind + "." + group + " " + GoQuote.quote(name) + " is invalid: " + list
    }
}
