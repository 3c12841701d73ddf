import AdmissionRules
import Logging

/// One structured log line per admission decision (SPEC §7): enough to answer "who tried to
/// restore what, and what did the webhook say" from the logs alone.
struct DecisionLog: Sendable {
    let logger: Logger

    func record(_ decision: AdmissionDecision, mode: AdmissionMode, latency: Duration) {
        logger.info(
            "admission decision",
            metadata: [
                "admission.webhook": "\(mode == .mutate ? "mutate" : "validate")",
                "admission.uid": "\(decision.uid)",
                "admission.operation": "\(decision.operation)",
                "admission.namespace": "\(decision.namespace)",
                "admission.name": "\(decision.name)",
                "admission.user": "\(decision.user)",
                "admission.allowed": "\(decision.allowed)",
                "admission.code": "\(decision.code)",
                "admission.patch_operations": "\(decision.patchOperations)",
                "admission.warnings": "\(decision.warnings)",
                "admission.latency_ms": "\(Self.milliseconds(latency))",
            ])
    }

    /// Milliseconds with microsecond resolution, the unit people read latency in.
    private static func milliseconds(_ duration: Duration) -> String {
        let microseconds = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let (whole, fraction) = microseconds.quotientAndRemainder(dividingBy: 1000)
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: 3 - digits.count) + digits
    }
}
