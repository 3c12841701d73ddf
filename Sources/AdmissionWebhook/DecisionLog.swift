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
                "admission.uid": "\(Self.bounded(decision.uid))",
                "admission.operation": "\(Self.bounded(decision.operation))",
                "admission.namespace": "\(Self.bounded(decision.namespace))",
                "admission.name": "\(Self.bounded(decision.name))",
                "admission.user": "\(Self.bounded(decision.user))",
                "admission.allowed": "\(decision.allowed)",
                "admission.code": "\(decision.code)",
                "admission.patch_operations": "\(decision.patchOperations)",
                "admission.warnings": "\(decision.warnings)",
                "admission.latency_ms": "\(Self.milliseconds(latency))",
            ])
    }

    /// Fields come from the request: a hostile megabyte uid must not become a megabyte log line.
    private static let maxFieldLength = 256

    private static func bounded(_ text: String) -> String {
        text.utf8.count <= maxFieldLength ? text : String(text.prefix(maxFieldLength)) + "..."
    }

    /// Milliseconds with microsecond resolution, the unit people read latency in.
    private static func milliseconds(_ duration: Duration) -> String {
        let microseconds = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let (whole, fraction) = microseconds.quotientAndRemainder(dividingBy: 1000)
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: 3 - digits.count) + digits
    }
}
