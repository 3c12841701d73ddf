/// Which webhook a request came through: the mutating one defaults, the validating one judges.
public enum AdmissionMode: String, Sendable, CaseIterable {
    case mutate
    case validate
}
