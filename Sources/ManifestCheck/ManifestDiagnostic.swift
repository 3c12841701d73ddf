/// One line of `check` output, in the form compilers use so editors and CI annotators pick it up:
/// `restore.yaml:14: error: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0`,
/// `restore.yaml:3:9: error: mapping values are not allowed in this context` for YAML that does not
/// parse, `restore.yaml: error: cannot read: No such file or directory` for a file that cannot be read.
public struct ManifestDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        /// The restore is invalid: the webhook would deny it. Or the file cannot be read or parsed.
        case error
        /// The webhook would admit it with this warning.
        case warning
        /// A hint attached to the error before it.
        case note
    }

    public let file: String
    public let line: Int?
    public let column: Int?
    public let severity: Severity
    /// `FIELD: message` for rule findings (the server's own wording), the message otherwise.
    public let text: String

    public init(file: String, line: Int?, column: Int? = nil, severity: Severity, text: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.text = text
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(severity.rawValue): \(text)"
    }
}
