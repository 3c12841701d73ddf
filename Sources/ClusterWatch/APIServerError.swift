public import TLS

/// Why a list or watch request to the API server failed; the watcher logs it and retries.
public enum APIServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Connecting, the TLS handshake (including verifying the server), or the transport failed.
    case connection(TLSError)
    /// Nothing arrived for this long: a silent hang (a dead path, a stuck proxy).
    case silent(Duration)
    /// The connection ended before the response did.
    case closed
    /// The bearer token could not be read (the path and the reason).
    case credentials(String)
    /// 401 or 403: the token or certificate was refused, or RBAC does not allow the request.
    case unauthorized(status: Int, message: String)
    /// 410 Gone, as a response or a watch ERROR event: the resourceVersion is too old, list again.
    case gone(message: String)
    /// Any other unexpected status, or a watch ERROR event: the code and the server's message.
    case status(code: Int, message: String)
    /// Not the HTTP or JSON the API server sends, or larger than our limits.
    case malformed(String)

    /// The metric label and log key for restarting after this error.
    public var restartReason: WatchRestartReason {
        switch self {
        case .connection, .closed: .connectionLost
        case .silent: .silent
        case .credentials, .unauthorized: .unauthorized
        case .gone: .gone
        case .status: .error
        case .malformed: .malformed
        }
    }

    public var description: String {
        switch self {
        case .connection(let error):
            "\(error)"
        case .silent(let duration):
            "no data from the API server for \(duration)"
        case .closed:
            "the API server closed the connection before the response was complete"
        case .credentials(let reason):
            "cannot read the bearer token: \(reason)"
        case .unauthorized(401, let message):
            "the API server rejected our credentials (401 Unauthorized): \(message)"
        case .unauthorized(let status, let message):
            "the API server forbids listing and watching antflyclusters.antfly.io (\(status)): \(message); "
                + "RBAC must grant get, list and watch on antflyclusters.antfly.io"
        case .gone(let message):
            "resourceVersion expired (410 Gone): \(message)"
        case .status(404, let message):
            "the API server does not serve antflyclusters.antfly.io (404): \(message); is the Antfly operator's CRD installed?"
        case .status(let code, let message):
            "the API server answered \(code): \(message)"
        case .malformed(let reason):
            "unexpected response from the API server: \(reason)"
        }
    }
}
