/// One line of `check` output, in the form compilers use so editors and CI annotators pick it up:
/// `restore.yaml:14: error: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0`,
/// `restore.yaml:3:9: error: mapping values are not allowed in this context` for YAML that does not
/// parse, `restore.yaml: error: cannot read: No such file or directory` for a file that cannot be read.
public struct ManifestDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// How the line is marked; the raw value is the word printed.
    public enum Severity: String, Sendable {
        /// The restore is invalid: the webhook would deny it. Or the file cannot be read or parsed.
        case error
        /// The webhook would admit it with this warning.
        case warning
        /// A hint attached to the error before it.
        case note
    }

    /// The file as given, or `<stdin>`.
    public let file: String
    /// 1-based; nil for a file that could not be read at all.
    public let line: Int?
    /// 1-based; only for YAML that does not parse, where the column matters.
    public let column: Int?
    public let severity: Severity
    /// `FIELD: message` for rule findings (the server's own wording), the message otherwise.
    public let text: String

    init(file: String, line: Int?, column: Int? = nil, severity: Severity, text: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.text = text
    }

    /// The printed line: `FILE[:LINE[:COLUMN]]: severity: text`.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(severity.rawValue): \(text)"
    }
}
