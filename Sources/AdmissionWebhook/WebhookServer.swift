public import AdmissionRules
import HTTPServer
import JSONModel
public import Logging

/// The webhook assembled: the admission endpoints and probes on the TLS listener, the probes
/// and metrics on the plain listener, the server's events as metrics. It owns no logic of its
/// own beyond the wiring; the rules decide and the server serves.
public final class WebhookServer: Sendable {
    /// The listener names, for `port(of:)`.
    public static let secureListener = "webhook"
    public static let metricsListener = "metrics"

    private let server: HTTPServer

    /// Binds both listeners at once, so `port(of:)` answers (port 0 picks a free port).
    public init(
        configuration: WebhookConfiguration, clusters: any ClusterDirectory, metrics: WebhookMetrics, logger: Logger
    ) throws {
        let lifecycle = ServerLifecycle()
        let renderer = StatusErrorRenderer()
        // The JSON size limit follows the body limit, so raising --max-body-bytes is enough.
        var parserLimits = JSONParser.Limits()
        parserLimits.maxBytes = max(parserLimits.maxBytes, configuration.limits.maxBodyBytes)
        let reviewer = AdmissionReviewer(policy: configuration.policy, clusters: clusters, parserLimits: parserLimits)
        let health = HealthEndpoints(lifecycle: lifecycle, registry: metrics.registry, renderer: renderer)
        let decisionLog = DecisionLog(logger: logger)
        func admission(_ mode: AdmissionMode) -> AdmissionEndpoint {
            AdmissionEndpoint(
                mode: mode, reviewer: reviewer, metrics: metrics.endpoint(mode), decisions: metrics.decisions,
                log: decisionLog, renderer: renderer)
        }
        func addProbes(to router: inout Router) {
            router.add("GET", WebhookPaths.healthz, handler: health.healthz)
            router.add("GET", WebhookPaths.readyz, handler: health.readyz)
            router.add("GET", WebhookPaths.metrics, handler: health.metrics)
        }
        var secureRouter = Router(errorRenderer: renderer)
        for mode in [AdmissionMode.mutate, .validate] {
            let endpoint = admission(mode)
            secureRouter.add(
                "POST", mode == .mutate ? WebhookPaths.mutate : WebhookPaths.validate,
                requiresClientCertificate: true, handler: endpoint.respond)
        }
        addProbes(to: &secureRouter)
        var listeners = [
            ListenerConfiguration(
                name: Self.secureListener, host: configuration.secureAddress.host, port: configuration.secureAddress.port,
                tls: configuration.tls, responder: secureRouter)
        ]
        if let metricsAddress = configuration.metricsAddress {
            var plainRouter = Router(errorRenderer: renderer)
            addProbes(to: &plainRouter)
            listeners.append(
                ListenerConfiguration(
                    name: Self.metricsListener, host: metricsAddress.host, port: metricsAddress.port, responder: plainRouter))
        }
        server = try HTTPServer(
            configuration: ServerConfiguration(
                listeners: listeners, limits: configuration.limits, eventLoopThreads: configuration.eventLoopThreads,
                shutdownDelay: configuration.shutdownDelay, shutdownTimeout: configuration.shutdownTimeout),
            lifecycle: lifecycle, errorRenderer: renderer, events: MetricsServerEvents(metrics: metrics), logger: logger)
    }

    /// The bound port of `secureListener` or `metricsListener`.
    public func port(of listener: String) -> Int? {
        server.port(of: listener)
    }

    /// Serves until a graceful shutdown has finished; `onRunning` is called once the event loops
    /// accept connections (tests and the start-up log wait for it).
    public func run(onRunning: @Sendable () -> Void = {}) async throws {
        try await server.run(onRunning: onRunning)
    }

    /// Readiness turns 503 at once; the drain follows the configured delay and timeout.
    public func beginGracefulShutdown() {
        server.beginGracefulShutdown()
    }
}
