import AdmissionRules
import Prometheus

/// `antfly_restore_webhook_decisions_total{webhook, operation, result}`: what the webhook decided,
/// which controller-runtime's metrics cannot tell (a denial is an HTTP 200 there). Labels come
/// from closed sets only; an operation outside them is counted as `other`.
struct DecisionCounters: Sendable {
    private static let operations = ["CREATE", "UPDATE", "DELETE", "CONNECT", "other"]
    private static let results = ["allowed", "denied"]

    private let counters: [String: Counter]

    init(registry: PrometheusCollectorRegistry) {
        let descriptor = MetricNameDescriptor(
            namespace: "antfly_restore_webhook", metricName: "decisions", unitName: "total",
            helpText: "Admission decisions by webhook, operation and result.")
        var counters: [String: Counter] = [:]
        for webhook in ["mutate", "validate"] {
            for operation in Self.operations {
                for result in Self.results {
                    counters[Self.key(webhook, operation, result)] = registry.makeCounter(
                        descriptor: descriptor,
                        labels: [("webhook", webhook), ("operation", operation), ("result", result)])
                }
            }
        }
        self.counters = counters
    }

    func record(mode: AdmissionMode, operation: String, allowed: Bool) {
        let webhook = mode == .mutate ? "mutate" : "validate"
        let known = Self.operations.contains(operation) ? operation : "other"
        counters[Self.key(webhook, known, allowed ? "allowed" : "denied")]?.increment()
    }

    private static func key(_ webhook: String, _ operation: String, _ result: String) -> String {
        "\(webhook)/\(operation)/\(result)"
    }
}
