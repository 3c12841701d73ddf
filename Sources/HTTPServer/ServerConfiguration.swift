import FoundationEssentials

/// Everything the server needs to start, as a value with documented defaults.
public struct ServerConfiguration: Sendable {
    public var listeners: [ListenerConfiguration]
    public var limits: ServerLimits
    /// Event-loop threads; each serves any listener. Defaults to one per core.
    public var eventLoopThreads: Int
    /// After ``HTTPServer/beginGracefulShutdown()``, keep accepting and serving this long while readiness
    /// reports 503, so load balancers and the API server stop sending new work first.
    public var shutdownDelay: Duration
    /// The whole graceful shutdown, delay included, ends within this; connections still open then are closed.
    public var shutdownTimeout: Duration
    /// How often TLS listeners re-read their certificate files, in case a file-system event was missed.
    public var certificatePollInterval: Duration

    public init(
        listeners: [ListenerConfiguration],
        limits: ServerLimits = ServerLimits(),
        eventLoopThreads: Int = ServerConfiguration.defaultEventLoopThreads,
        shutdownDelay: Duration = .zero,
        shutdownTimeout: Duration = .seconds(30),
        certificatePollInterval: Duration = .seconds(10)
    ) {
        self.listeners = listeners
        self.limits = limits
        self.eventLoopThreads = eventLoopThreads
        self.shutdownDelay = shutdownDelay
        self.shutdownTimeout = shutdownTimeout
        self.certificatePollInterval = certificatePollInterval
    }

    /// One loop per core the process may use.
    public static var defaultEventLoopThreads: Int {
        max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
}
