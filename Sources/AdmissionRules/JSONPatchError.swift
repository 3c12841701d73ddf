/// Why a `JSONPatch` could not be applied: RFC 6902 says the whole patch then fails.
public struct JSONPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The position of the failing operation in the patch.
    public let operationIndex: Int
    /// The operation's path as an RFC 6901 pointer.
    public let pointer: String
    public let problem: String

    public init(operationIndex: Int, pointer: String, problem: String) {
        self.operationIndex = operationIndex
        self.pointer = pointer
        self.problem = problem
    }

    public var description: String {
        "patch operation \(operationIndex) at \(pointer): \(problem)"
    }
}
