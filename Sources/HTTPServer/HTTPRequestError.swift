/// Every way a request can fail at the HTTP layer, each with the one status it is answered with.
/// The body comes from the listener's ``HTTPErrorRenderer``; ``description`` is for logs only.
public enum HTTPRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not valid HTTP/1.1 framing (including every request-smuggling shape); the connection is closed after the answer.
    case malformed(String)
    /// The request line and header fields exceed ``ServerLimits/maxHeaderBytes``.
    case headerTooLarge
    /// The body exceeds ``ServerLimits/maxBodyBytes``.
    case bodyTooLarge
    /// The request was not received within ``ServerLimits/requestTimeout``.
    case timedOut
    /// The request line names a version other than HTTP/1.0 or HTTP/1.1.
    case versionNotSupported
    /// No route has this path.
    case notFound(path: String)
    /// The route exists but not for this method; `allowed` becomes the `Allow` header.
    case methodNotAllowed(allowed: [String])
    /// The route requires a verified client certificate and mutual TLS is on.
    case clientCertificateRequired
    /// The body's media type is not one the route accepts.
    case unsupportedMediaType(String)
    /// Something failed on our side; the detail is logged, never sent.
    case `internal`

    public var status: Int {
        switch self {
        case .malformed: 400
        case .clientCertificateRequired: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .timedOut: 408
        case .bodyTooLarge: 413
        case .unsupportedMediaType: 415
        case .headerTooLarge: 431
        case .internal: 500
        case .versionNotSupported: 505
        }
    }

    /// The connection cannot carry another request after this error (its framing is lost or untrusted).
    public var closesConnection: Bool {
        switch self {
        case .malformed, .headerTooLarge, .bodyTooLarge, .timedOut, .versionNotSupported: true
        case .notFound, .methodNotAllowed, .clientCertificateRequired, .unsupportedMediaType, .internal: false
        }
    }

    public var description: String {
        switch self {
        case .malformed(let detail): "malformed request: \(detail)"
        case .headerTooLarge: "request header fields too large"
        case .bodyTooLarge: "request body too large"
        case .timedOut: "request not received in time"
        case .versionNotSupported: "HTTP version not supported"
        case .notFound(let path): "no route for path \(path)"
        case .methodNotAllowed(let allowed): "method not allowed; allowed: \(allowed.joined(separator: ", "))"
        case .clientCertificateRequired: "a verified client certificate is required"
        case .unsupportedMediaType(let type): "unsupported media type \(type)"
        case .internal: "internal error"
        }
    }
}
