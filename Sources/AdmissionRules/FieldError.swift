public import JSONModel

/// One problem with one field, modelled as Kubernetes' `field.Error`: the path and the kind are data;
/// the reason and the message are computed from them, so they are rendered the same way everywhere
/// (the denial's `status`, the `check` command's `FILE:LINE: path: message` lines, logs).
public struct FieldError: Sendable, Equatable, CustomStringConvertible {
    public let path: JSONPath
    public let kind: FieldErrorKind

    public init(path: JSONPath, kind: FieldErrorKind) {
        self.path = path
        self.kind = kind
    }

    /// `FieldValueInvalid`, `FieldValueRequired`, ...: the `reason` of a Status cause.
    public var reason: String { kind.reason }

    /// The message without the path (`ErrorBody()`), as a Status cause's `message`.
    public var message: String { kind.message }

    /// `field.Error.Error()`: `spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0`.
    public var description: String { path.description + ": " + message }
}
