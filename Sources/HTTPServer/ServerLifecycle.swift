import Synchronization

/// Shared state that readiness reports: set by the server, read by `/readyz` on any thread.
public final class ServerLifecycle: Sendable {
    private let draining = Atomic<Bool>(false)
    private let certificateLoaded = Atomic<Bool>(false)

    public init() {}

    /// True from the moment graceful shutdown begins, so `/readyz` answers 503 at once and every response
    /// started afterwards closes its connection.
    public var isDraining: Bool {
        get { draining.load(ordering: .acquiring) }
        set { draining.store(newValue, ordering: .releasing) }
    }

    /// True once every TLS listener has a serving certificate (at once when there is no TLS listener).
    public var isCertificateLoaded: Bool {
        get { certificateLoaded.load(ordering: .acquiring) }
        set { certificateLoaded.store(newValue, ordering: .releasing) }
    }
}
