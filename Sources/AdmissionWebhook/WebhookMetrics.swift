import AdmissionRules
import ClusterWatch
public import Prometheus

/// Every metric the webhook exports, declared in one type because swift-prometheus traps on a
/// name registered twice with different help texts. The handles are made once, here, so the
/// request path only records (`make*` takes the registry lock and would contend under load).
///
/// The controller-runtime names and labels are kept exactly, so its dashboards work unchanged.
public struct WebhookMetrics: Sendable {
    /// The registry the metrics are registered in; `/metrics` renders it.
    public let registry: PrometheusCollectorRegistry
    let mutate: EndpointMetrics
    let validate: EndpointMetrics
    let certificateReads: Counter
    let certificateReadErrors: Counter
    let certificateExpiry: Gauge
    let tlsHandshakeFailures: Counter
    let openConnections: Gauge
    let decisions: DecisionCounters
    let clusterCacheSynced: Gauge
    let clusterCacheObjects: Gauge
    let clusterCacheLastSync: Gauge
    let clusterWatchRestarts: [WatchRestartReason: Counter]

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        let requests = MetricNameDescriptor(
            namespace: "controller_runtime", subsystem: "webhook", metricName: "requests", unitName: "total",
            helpText: "Total number of admission requests by HTTP status code."
        )
        let latency = MetricNameDescriptor(
            namespace: "controller_runtime", subsystem: "webhook", metricName: "latency", unitName: "seconds",
            helpText: "Histogram of the latency of processing admission requests"
        )
        let inFlight = MetricNameDescriptor(
            namespace: "controller_runtime", subsystem: "webhook", metricName: "requests_in_flight", unitName: "",
            helpText: "Current number of admission requests being served."
        )
        mutate = EndpointMetrics(
            registry: registry, webhook: WebhookPaths.mutate, requests: requests, latency: latency, inFlight: inFlight)
        validate = EndpointMetrics(
            registry: registry, webhook: WebhookPaths.validate, requests: requests, latency: latency, inFlight: inFlight)

        certificateReads = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "certwatcher", metricName: "read_certificate", unitName: "total",
                helpText: "Total number of certificate reads"))
        certificateReadErrors = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "certwatcher", metricName: "read_certificate_errors", unitName: "total",
                helpText: "Total number of certificate read errors"))
        certificateExpiry = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "antfly_restore_webhook", metricName: "certificate_expiry", unitName: "timestamp_seconds",
                helpText: "Expiry (notAfter) of the serving certificate in use, as a Unix time."))
        tlsHandshakeFailures = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "antfly_restore_webhook", metricName: "tls_handshake_failures", unitName: "total",
                helpText: "TLS handshakes that failed (bad client, wrong protocol version, plaintext on the TLS port)."))
        openConnections = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "antfly_restore_webhook", metricName: "open_connections", unitName: "",
                helpText: "Client connections currently open, on all listeners."))
        decisions = DecisionCounters(registry: registry)
        clusterCacheSynced = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "antfly_restore_webhook", subsystem: "cluster_cache", metricName: "synced", unitName: "",
                helpText: "1 while the AntflyCluster cache answers lookups (listed and watching), 0 otherwise."))
        clusterCacheObjects = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "antfly_restore_webhook", subsystem: "cluster_cache", metricName: "objects", unitName: "",
                helpText: "AntflyClusters in the cache."))
        clusterCacheLastSync = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "antfly_restore_webhook", subsystem: "cluster_cache", metricName: "last_sync",
                unitName: "timestamp_seconds", helpText: "Unix time of the last complete list of AntflyClusters."))
        let restarts = MetricNameDescriptor(
            namespace: "antfly_restore_webhook", subsystem: "cluster_watch", metricName: "restarts", unitName: "total",
            helpText: "AntflyCluster list or watch requests started again, by reason (expired is routine).")
        var restartCounters: [WatchRestartReason: Counter] = [:]
        for reason in WatchRestartReason.allCases {
            restartCounters[reason] = registry.makeCounter(descriptor: restarts, labels: [("reason", reason.rawValue)])
        }
        clusterWatchRestarts = restartCounters
    }

    /// The metrics of one admission path.
    func endpoint(_ mode: AdmissionMode) -> EndpointMetrics {
        switch mode {
        case .mutate: mutate
        case .validate: validate
        }
    }
}
