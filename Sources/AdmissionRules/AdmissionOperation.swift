/// The operation an AdmissionReview asks about, spelled as the API server sends it.
/// CREATE and UPDATE are judged; DELETE and CONNECT are let through untouched (SPEC §3).
public enum AdmissionOperation: String, Sendable, CaseIterable {
    case create = "CREATE"
    case update = "UPDATE"
    case delete = "DELETE"
    case connect = "CONNECT"
}
