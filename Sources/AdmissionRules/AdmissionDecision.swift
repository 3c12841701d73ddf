/// The facts of one admission answer, for the decision log line and the metrics (SPEC §7): who asked
/// what about which object, and what they got back.
public struct AdmissionDecision: Sendable, Equatable {
    public var uid: String
    /// `CREATE`, `UPDATE`, `DELETE` or `CONNECT`.
    public var operation: String
    public var namespace: String
    /// The object's name; empty for a CREATE with only `generateName`.
    public var name: String
    /// `request.userInfo.username`.
    public var user: String
    public var allowed: Bool
    /// `response.status.code`: 200 when allowed, 422 for an invalid restore, 400 for a request of another kind.
    public var code: Int
    public var patchOperations: Int
    public var warnings: Int

    public init(
        uid: String, operation: String, namespace: String, name: String, user: String, allowed: Bool, code: Int,
        patchOperations: Int, warnings: Int
    ) {
        self.uid = uid
        self.operation = operation
        self.namespace = namespace
        self.name = name
        self.user = user
        self.allowed = allowed
        self.code = code
        self.patchOperations = patchOperations
        self.warnings = warnings
    }
}
