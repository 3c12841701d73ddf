import AdmissionRules
import AdmissionWebhook
import ArgumentParser
import ClusterWatch
import FoundationEssentials
import HTTPServer
import Logging
import Prometheus
import TLS

/// `serve`: parse the flags into a `WebhookConfiguration`, bootstrap logging, start the server
/// and turn SIGTERM/SIGINT into a graceful shutdown. Everything else lives in the libraries.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the mutating and validating admission webhooks over HTTPS.",
        discussion: """
            Paths: POST /mutate-antfly-io-v1-antflyrestore, POST /validate-antfly-io-v1-antflyrestore, \
            GET /healthz, /readyz, /metrics. Durations use Go syntax (5s, 1m30s).
            """
    )

    @Option(help: "Address of the TLS listener.")
    var bindAddress = "0.0.0.0"

    @Option(help: "Port of the TLS listener (0 picks a free port).")
    var securePort = 9443

    @Option(help: "PEM certificate chain for the TLS listener (RSA or ECDSA); reloaded when it changes.")
    var tlsCertFile: String?

    @Option(help: "PEM private key matching --tls-cert-file; reloaded when it changes.")
    var tlsPrivateKeyFile: String?

    @Option(
        name: .customLong("client-ca-file"),
        help: "PEM CA bundle: admission paths then require a client certificate it signed (probes and metrics do not).")
    var clientCAFile: String?

    @Option(help: ArgumentHelp("Lowest TLS version accepted.", valueName: "VersionTLS12|VersionTLS13"))
    var tlsMinVersion: TLSMinVersionChoice = .tls12

    @Option(
        help: ArgumentHelp(
            "Comma-separated TLS 1.2 cipher suites (IANA names, as Kubernetes); default: ECDHE with AES-GCM or ChaCha20.",
            valueName: "suites"))
    var tlsCipherSuites: String?

    @Option(help: "HOST:PORT of the plain-HTTP listener for /healthz, /readyz and /metrics; 0 turns it off.")
    var metricsBindAddress = ":8080"

    @Option(help: ArgumentHelp("Restores whose spec.clusterRef.namespace is another namespace.", valueName: "deny|allow"))
    var crossNamespace: CrossNamespaceChoice = .deny

    @Option(help: ArgumentHelp("file:// locations: allow with a warning, or deny.", valueName: "warn|deny"))
    var fileLocations: FileLocationsChoice = .warn

    @Option(
        help: ArgumentHelp(
            "Does spec.clusterRef name an existing AntflyCluster? off, warn (allow with a warning) or deny.",
            valueName: "off|warn|deny"))
    var clusterCheck: ClusterCheckChoice = .warn

    @Option(
        help: ArgumentHelp(
            "When the cluster cache cannot answer (not listed yet, or its watch broken past the grace period).",
            valueName: "allow|deny"))
    var clusterCheckUnavailable: ClusterCheckUnavailableChoice = .allow

    @Option(
        help: "kubeconfig for the cluster check (current context; token or client certificate). Without it, the pod's service account; with neither, the check is off.")
    var kubeconfig: String?

    @Option(help: "Lowest level logged.")
    var logLevel: LogLevelChoice = .info

    @Option(help: "Event-loop threads (default: one per core).")
    var eventLoopThreads: Int?

    @Option(help: "Largest request header block in bytes (431 beyond).")
    var maxHeaderBytes = ServerLimits().maxHeaderBytes

    @Option(help: "Largest request body in bytes (413 beyond).")
    var maxBodyBytes = ServerLimits().maxBodyBytes

    @Option(help: "Most simultaneous client connections; more are refused.")
    var maxConnections = ServerLimits().maxConnections

    @Option(help: "Time to receive a whole request (408 and close beyond). (default: 10s)", transform: GoDurationFlag.parse)
    var requestTimeout: Duration = ServerLimits().requestTimeout

    @Option(help: "How long an idle keep-alive connection stays open. (default: 90s)", transform: GoDurationFlag.parse)
    var idleTimeout: Duration = ServerLimits().idleTimeout

    @Option(help: "After SIGTERM, keep serving this long before refusing new connections. (default: 0s)", transform: GoDurationFlag.parse)
    var shutdownDelay: Duration = .zero

    @Option(help: "After the delay, the most time in-flight requests get to finish. (default: 30s)", transform: GoDurationFlag.parse)
    var shutdownTimeout: Duration = .seconds(30)

    @Flag(help: "Development mode: certificates from certs/dev (make them with certs/make-dev-certs.sh), bind 127.0.0.1.")
    var dev = false

    func validate() throws {
        if !dev && (tlsCertFile == nil || tlsPrivateKeyFile == nil) {
            throw ValidationError("--tls-cert-file and --tls-private-key-file are required (or --dev for a local server)")
        }
        if let eventLoopThreads, !(1...256).contains(eventLoopThreads) {
            throw ValidationError("--event-loop-threads must be between 1 and 256, got \(eventLoopThreads)")
        }
        for (flag, value) in [("--max-header-bytes", maxHeaderBytes), ("--max-body-bytes", maxBodyBytes), ("--max-connections", maxConnections)]
        where value < 1 {
            throw ValidationError("\(flag) must be positive, got \(value)")
        }
        if metricsBindAddress != "0" {
            _ = try listenAddress(metricsBindAddress, flag: "--metrics-bind-address")
        }
    }

    func run() async throws {
        let level = logLevel.level
        LoggingSystem.bootstrap { label in
            var handler = JSONLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "antfly-restore-webhook")
        var configuration = try webhookConfiguration()
        let metrics = WebhookMetrics(registry: PrometheusCollectorRegistry())
        let (clusters, watcher) = try startClusterWatch(policy: &configuration.policy, metrics: metrics, logger: logger)
        defer { watcher?.stop() }
        let server: WebhookServer
        do {
            server = try WebhookServer(configuration: configuration, clusters: clusters, metrics: metrics, logger: logger)
        } catch {
            // One clear line and exit code 2: a bad certificate or a busy port is an operator's fix, not a crash.
            StandardError.writeLine("antfly-restore-webhook: cannot start: \(error)")
            throw ExitCode(2)
        }
        let port = server.port(of: WebhookServer.secureListener) ?? configuration.secureAddress.port
        logger.info(
            "serving",
            metadata: [
                "server.address": "\(configuration.secureAddress.host):\(port)",
                "server.metrics_address": "\(configuration.metricsAddress.map { "\($0.host):\(server.port(of: WebhookServer.metricsListener) ?? $0.port)" } ?? "off")",
            ])
        if dev {
            StandardError.writeLine(DevMode.tryItLine(port: port, caFile: DevMode.caFile))
        }
        let signals = ShutdownSignals { signal in
            logger.info("shutting down", metadata: ["signal": "\(signal)"])
            server.beginGracefulShutdown()
        }
        try await server.run()
        withExtendedLifetime(signals) {}
        logger.info("stopped")
    }

    private func webhookConfiguration() throws -> WebhookConfiguration {
        let tls = TLSConfiguration(
            certificateFile: tlsCertFile ?? DevMode.certificateFile,
            privateKeyFile: tlsPrivateKeyFile ?? DevMode.privateKeyFile,
            clientCAFile: clientCAFile,
            minimumVersion: tlsMinVersion.version,
            cipherSuites: tlsCipherSuites.map { $0.split(separator: ",").map { String($0.filter { !$0.isWhitespace }) } })
        var limits = ServerLimits()
        limits.maxHeaderBytes = maxHeaderBytes
        limits.maxBodyBytes = maxBodyBytes
        limits.maxConnections = maxConnections
        limits.requestTimeout = requestTimeout
        limits.idleTimeout = idleTimeout
        var policy = AdmissionPolicy()
        policy.crossNamespace = crossNamespace.policy
        policy.fileLocations = fileLocations.policy
        policy.clusterCheck = clusterCheck.mode
        policy.clusterCheckUnavailable = clusterCheckUnavailable.policy
        return WebhookConfiguration(
            secureAddress: ListenAddress(host: dev && bindAddress == "0.0.0.0" ? "127.0.0.1" : bindAddress, port: securePort),
            tls: tls,
            metricsAddress: metricsBindAddress == "0" ? nil : try listenAddress(metricsBindAddress, flag: "--metrics-bind-address"),
            policy: policy,
            limits: limits,
            eventLoopThreads: eventLoopThreads ?? ServerConfiguration.defaultEventLoopThreads,
            shutdownDelay: shutdownDelay,
            shutdownTimeout: shutdownTimeout)
    }

    /// SPEC §6: the AntflyCluster cache behind `--cluster-check`, fed by a list + watch on its own
    /// thread. Without API access (no `--kubeconfig`, no service account) the check is off, said once.
    private func startClusterWatch(
        policy: inout AdmissionPolicy, metrics: WebhookMetrics, logger: Logger
    ) throws -> (any ClusterDirectory, ClusterWatcher?) {
        guard policy.clusterCheck != .off else { return (OfflineClusterDirectory(), nil) }
        let access: KubernetesAccess?
        do {
            access = try KubernetesAccess.discover(kubeconfig: kubeconfig, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError("--kubeconfig: \(error)")
        }
        guard let access else {
            logger.notice("cluster check off: no --kubeconfig and no in-cluster service account")
            policy.clusterCheck = .off
            return (OfflineClusterDirectory(), nil)
        }
        let cache = ClusterCache()
        let watcher = ClusterWatcher(access: access, cache: cache, events: metrics, logger: logger)
        logger.info("cluster check on", metadata: ["cluster.api_server": "\(access)", "cluster.check": "\(policy.clusterCheck)"])
        watcher.start()
        return (cache, watcher)
    }

    private func listenAddress(_ text: String, flag: String) throws -> ListenAddress {
        do {
            return try ListenAddress(parsing: text)
        } catch {
            throw ValidationError("\(flag): \(error)")
        }
    }
}
