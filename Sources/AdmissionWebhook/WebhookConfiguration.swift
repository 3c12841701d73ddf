public import AdmissionRules
public import HTTPServer
public import TLS

/// Everything `serve` decides from its flags, as one value with the SPEC's defaults, so the
/// executable only parses and tests build servers without a command line.
public struct WebhookConfiguration: Sendable {
    /// The TLS listener for the API server (SPEC §2: 0.0.0.0:9443).
    public var secureAddress: ListenAddress
    public var tls: TLSConfiguration
    /// The plain-HTTP probe and metrics listener; `nil` turns it off (`--metrics-bind-address=0`).
    public var metricsAddress: ListenAddress?
    public var policy: AdmissionPolicy
    public var limits: ServerLimits
    public var eventLoopThreads: Int
    /// How long the server keeps accepting after SIGTERM, while endpoints controllers catch up.
    public var shutdownDelay: Duration
    /// The most the drain may take before connections are closed.
    public var shutdownTimeout: Duration

    public init(
        secureAddress: ListenAddress = ListenAddress(host: "0.0.0.0", port: 9443),
        tls: TLSConfiguration,
        metricsAddress: ListenAddress? = ListenAddress(host: "0.0.0.0", port: 8080),
        policy: AdmissionPolicy = AdmissionPolicy(),
        limits: ServerLimits = ServerLimits(),
        eventLoopThreads: Int = ServerConfiguration.defaultEventLoopThreads,
        shutdownDelay: Duration = .zero,
        shutdownTimeout: Duration = .seconds(30)
    ) {
        self.secureAddress = secureAddress
        self.tls = tls
        self.metricsAddress = metricsAddress
        self.policy = policy
        self.limits = limits
        self.eventLoopThreads = eventLoopThreads
        self.shutdownDelay = shutdownDelay
        self.shutdownTimeout = shutdownTimeout
    }
}
