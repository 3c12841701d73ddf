import Prometheus

/// controller-runtime's three per-webhook series, for one path. The `webhook` label is the
/// path (as controller-runtime sets it) and `code` the HTTP status, so a denial counts as 200.
struct EndpointMetrics: Sendable {
    /// The statuses an admission path answers with; their counters are made up front. Any other
    /// status is still counted (the set of statuses the server can produce is small and fixed).
    private static let knownStatuses = [200, 400, 403, 405, 408, 413, 415, 500]

    private let registry: PrometheusCollectorRegistry
    private let webhook: String
    private let requestsDescriptor: RequestsDescriptor
    private let requestsByStatus: [Int: Counter]
    let latency: DurationHistogram
    let inFlight: Gauge

    /// `MetricNameDescriptor` is not Sendable, so the one needed after init is kept as its parts.
    private struct RequestsDescriptor: Sendable {
        let name: String
        let help: String
    }

    init(
        registry: PrometheusCollectorRegistry, webhook: String,
        requests: MetricNameDescriptor, latency: MetricNameDescriptor, inFlight: MetricNameDescriptor
    ) {
        self.registry = registry
        self.webhook = webhook
        self.requestsDescriptor = RequestsDescriptor(name: requests.name, help: requests.helpText ?? "")
        var counters: [Int: Counter] = [:]
        for status in Self.knownStatuses {
            counters[status] = registry.makeCounter(
                descriptor: requests, labels: [("webhook", webhook), ("code", String(status))])
        }
        self.requestsByStatus = counters
        // 1e-8 × 10ⁿ seconds up to 1e3, as controller-runtime's histogram.
        let buckets: [Duration] = (0...11).map { .nanoseconds(10) * Int(pow10: $0) }
        self.latency = registry.makeDurationHistogram(descriptor: latency, labels: [("webhook", webhook)], buckets: buckets)
        self.inFlight = registry.makeGauge(descriptor: inFlight, labels: [("webhook", webhook)])
    }

    /// The request counter for an HTTP status.
    func requests(status: Int) -> Counter {
        if let counter = requestsByStatus[status] { return counter }
        let descriptor = MetricNameDescriptor(
            namespace: nil, subsystem: nil, metricName: requestsDescriptor.name, unitName: "",
            helpText: requestsDescriptor.help)
        return registry.makeCounter(descriptor: descriptor, labels: [("webhook", webhook), ("code", String(status))])
    }
}

extension Int {
    /// 10 to the power `exponent`, for bucket boundaries.
    fileprivate init(pow10 exponent: Int) {
        self = (0..<exponent).reduce(1) { value, _ in value * 10 }
    }
}
