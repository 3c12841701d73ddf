import HTTPServer
import Prometheus

/// Liveness, readiness and the Prometheus exposition, served on both the TLS port and the
/// plain probe port. Readiness is what takes a pod out of the Service while it drains.
struct HealthEndpoints: Sendable {
    let lifecycle: ServerLifecycle
    let registry: PrometheusCollectorRegistry
    let renderer: StatusErrorRenderer

    /// 200 while the process serves: if the event loop is wedged, this does not answer at all.
    func healthz(_ request: HTTPRequest) -> HTTPResponse {
        Self.ok
    }

    /// 200 once a certificate is loaded, 503 while draining (SPEC §2).
    func readyz(_ request: HTTPRequest) -> HTTPResponse {
        if lifecycle.isDraining {
            return renderer.response(status: 503, message: "shutting down: draining connections")
        }
        guard lifecycle.isCertificateLoaded else {
            return renderer.response(status: 503, message: "no serving certificate loaded yet")
        }
        return Self.ok
    }

    func metrics(_ request: HTTPRequest) -> HTTPResponse {
        HTTPResponse(
            status: 200,
            headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")],
            body: registry.emitToBuffer())
    }

    private static let ok = HTTPResponse(
        status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array("ok".utf8))
}
