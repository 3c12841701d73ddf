import AdmissionRules
import Prometheus

/// `antfly_restore_webhook_decisions_total{webhook, operation, result}`: what the webhook decided,
/// which controller-runtime's metrics cannot tell (a denial is an HTTP 200 there). Labels come
/// from closed sets only; an operation outside them is counted as `other`.
struct DecisionCounters: Sendable {
    private static let webhooks = ["mutate", "validate"]
    private static let operations = AdmissionOperation.allCases.map(\.rawValue) + ["other"]
    private static let results = ["allowed", "denied"]

    /// One counter per label set, at `position(...)`: found by arithmetic on every admission request,
    /// where building a string key and hashing it cost more than the increment.
    private let counters: [Counter]

    init(registry: PrometheusCollectorRegistry) {
        let descriptor = MetricNameDescriptor(
            namespace: "antfly_restore_webhook", metricName: "decisions", unitName: "total",
            helpText: "Admission decisions by webhook, operation and result.")
        var counters: [Counter] = []
        for webhook in Self.webhooks {
            for operation in Self.operations {
                for result in Self.results {
                    counters.append(registry.makeCounter(
                        descriptor: descriptor,
                        labels: [("webhook", webhook), ("operation", operation), ("result", result)]))
                }
            }
        }
        self.counters = counters
    }

    func record(mode: AdmissionMode, operation: String, allowed: Bool) {
        counters[Self.position(mode: mode, operation: operation, allowed: allowed)].increment()
    }

    /// The loops of `init` in the same order: webhook, then operation, then result.
    private static func position(mode: AdmissionMode, operation: String, allowed: Bool) -> Int {
        let webhook = mode == .mutate ? 0 : 1
        let operationIndex = operations.firstIndex(of: operation) ?? operations.count - 1
        return (webhook * operations.count + operationIndex) * results.count + (allowed ? 0 : 1)
    }
}
