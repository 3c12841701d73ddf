import AdmissionRules
import ArgumentParser

/// Duration flags in Go's syntax (`5s`, `1m30s`), as every Kubernetes component spells them;
/// parsed by the same code that judges `spec.restoreTimeout`.
enum GoDurationFlag {
    static func parse(_ text: String) throws -> Duration {
        guard let nanoseconds = GoDuration.nanoseconds(parsing: text), nanoseconds >= 0 else {
            throw ValidationError("\"\(text)\" is not a duration such as 500ms, 5s or 1m30s")
        }
        return .nanoseconds(nanoseconds)
    }
}
