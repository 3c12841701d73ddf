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
        var method: String
        var requiresClientCertificate: Bool
        var handler: Handler
    }

    /// The routes of one path.
    private struct PathRoutes: Sendable {
        let path: String
        var routes: [Route]
    }

    private let errorRenderer: any HTTPErrorRenderer
    /// Lists searched in order, not dictionaries: a server has a handful of paths and methods, and
    /// comparing a few strings costs less than hashing the path and the method (SipHash) on every request.
    private var paths: [PathRoutes] = []

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
        let route = Route(method: method, requiresClientCertificate: requiresClientCertificate, handler: handler)
        guard let index = paths.firstIndex(where: { $0.path == path }) else {
            paths.append(PathRoutes(path: path, routes: [route]))
            return
        }
        if let existing = paths[index].routes.firstIndex(where: { $0.method == method }) {
            paths[index].routes[existing] = route
        } else {
            paths[index].routes.append(route)
        }
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        do throws(HTTPRequestError) {
            guard let index = paths.firstIndex(where: { $0.path == request.path }) else { throw .notFound(path: request.path) }
            let routes = paths[index].routes
            let route: Route
            if let exact = routes.first(where: { $0.method == request.method }) {
                route = exact
            } else if request.method == "HEAD", let get = routes.first(where: { $0.method == "GET" }) {
                route = get
            } else {
                throw .methodNotAllowed(allowed: Self.allowed(routes))
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

    private static func allowed(_ routes: [Route]) -> [String] {
        var names = Set(routes.map(\.method))
        if names.contains("GET") { names.insert("HEAD") }
        return names.sorted()
    }
}
