import AdmissionRules
import HTTPServer

/// Turns every HTTP-level failure into a Kubernetes `Status` JSON body, so a client (or a
/// person with curl) always gets JSON saying what went wrong. The JSON itself is built by
/// `KubernetesStatus`, the one renderer of that format.
struct StatusErrorRenderer: HTTPErrorRenderer {
    func response(for error: HTTPRequestError) -> HTTPResponse {
        response(status: error.status, message: error.description)
    }

    func response(status: Int, message: String) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: [("Content-Type", "application/json")],
            body: KubernetesStatus.failure(code: status, reason: Self.reason(for: status), message: message))
    }

    /// The `metav1.StatusReason` Kubernetes uses for each status.
    private static func reason(for status: Int) -> String {
        switch status {
        case 400: "BadRequest"
        case 403: "Forbidden"
        case 404: "NotFound"
        case 405: "MethodNotAllowed"
        case 408: "Timeout"
        case 413: "RequestEntityTooLarge"
        case 415: "UnsupportedMediaType"
        case 431: "RequestHeaderFieldsTooLarge"
        case 503: "ServiceUnavailable"
        default: "InternalError"
        }
    }
}
