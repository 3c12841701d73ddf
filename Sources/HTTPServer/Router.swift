/// Exact-path routing: the API server appends a query (`?timeout=10s`) that is ignored, and anything
/// not registered is answered by the error renderer (404, or 405 with `Allow`).
///
/// A route may require a verified client certificate: when the listener verifies client certificates
/// (mutual TLS is on) and the connection did not present a valid one, the answer is 403. When mutual
/// TLS is off the flag has no effect, so probes and metrics never need one.
public struct Router: HTTPResponder {
    /// Answers one request; throwing an ``HTTPRequestError`` lets the renderer build the body.
    public typealias Handler = @Sendable (HTTPRequest) throws(HTTPRequestError) -> HTTPResponse

    private struct Route: Sendable {
        var requiresClientCertificate: Bool
        var handler: Handler
    }

    private let errorRenderer: any HTTPErrorRenderer
    /// path → method → route.
    private var routes: [String: [String: Route]] = [:]

    public init(errorRenderer: any HTTPErrorRenderer) {
        self.errorRenderer = errorRenderer
    }

    /// Registers `method path`; `GET` routes also answer `HEAD` (without the body).
    public mutating func add(
        _ method: String,
        _ path: String,
        requiresClientCertificate: Bool = false,
        handler: @escaping Handler
    ) {
        routes[path, default: [:]][method] = Route(requiresClientCertificate: requiresClientCertificate, handler: handler)
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        do throws(HTTPRequestError) {
            guard let methods = routes[request.path] else { throw .notFound(path: request.path) }
            let route: Route
            if let exact = methods[request.method] {
                route = exact
            } else if request.method == "HEAD", let get = methods["GET"] {
                route = get
            } else {
                throw .methodNotAllowed(allowed: Self.allowed(methods))
            }
            if route.requiresClientCertificate && request.isClientCertificateVerificationEnabled
                && !request.isClientCertificateVerified
            {
                throw .clientCertificateRequired
            }
            return try route.handler(request)
        } catch {
            return errorResponse(for: error)
        }
    }

    /// The renderer's response, plus `Allow` for 405 (RFC 9110 §15.5.6 requires it).
    private func errorResponse(for error: HTTPRequestError) -> HTTPResponse {
        var response = errorRenderer.response(for: error)
        response.status = error.status
        if case .methodNotAllowed(let allowed) = error {
            response.headers.append((name: "Allow", value: allowed.joined(separator: ", ")))
        }
        return response
    }

    private static func allowed(_ methods: [String: Route]) -> [String] {
        var names = Set(methods.keys)
        if names.contains("GET") { names.insert("HEAD") }
        return names.sorted()
    }
}
