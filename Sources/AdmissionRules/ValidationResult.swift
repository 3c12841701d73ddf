import JSONModel

/// The verdict on one restore: every error at once, in field order, and the warnings to show even when it
/// is admitted. Validation returns this; it never throws.
public struct ValidationResult: Sendable, Equatable {
    public var errors: [FieldError]
    public var warnings: [AdmissionWarning]

    public init(errors: [FieldError] = [], warnings: [AdmissionWarning] = []) {
        self.errors = errors
        self.warnings = warnings
    }
}

extension ValidationResult {
    mutating func add(_ kind: FieldErrorKind, at path: JSONPath) {
        errors.append(FieldError(path: path, kind: kind))
    }

    mutating func warn(_ message: String, at path: JSONPath) {
        warnings.append(AdmissionWarning(path: path, message: message))
    }
}
