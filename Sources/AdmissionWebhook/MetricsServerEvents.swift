import FoundationEssentials
import HTTPServer
import Prometheus

/// The server's events (connections, TLS handshakes, certificate reads) as Prometheus
/// metrics, so the HTTP layer reports them without knowing Prometheus exists.
struct MetricsServerEvents: ServerEvents {
    let metrics: WebhookMetrics

    func connectionOpened(listener: String) {
        metrics.openConnections.increment()
    }

    func connectionClosed(listener: String) {
        metrics.openConnections.decrement()
    }

    func tlsHandshakeFailed(listener: String, reason: String) {
        metrics.tlsHandshakeFailures.increment()
    }

    func certificateRead(succeeded: Bool, notAfter: Date?) {
        metrics.certificateReads.increment()
        if !succeeded { metrics.certificateReadErrors.increment() }
        if succeeded, let notAfter { metrics.certificateExpiry.set(to: notAfter.timeIntervalSince1970) }
    }
}
