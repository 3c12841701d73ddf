public import JSONModel

/// What `check` found in one file: its diagnostics in document and line order, the documents with the
/// webhook's defaults applied (for `-o`), and the counts for the summary.
public struct ManifestReport: Sendable {
    /// The file as given on the command line, or `<stdin>`.
    public let file: String
    /// Errors, warnings and notes, in document and line order.
    public internal(set) var diagnostics: [ManifestDiagnostic] = []
    /// Every non-empty document of the file, restores defaulted, other kinds untouched.
    public internal(set) var documents: [JSONValue] = []
    /// AntflyRestores judged, top level or in a List.
    public internal(set) var restoresChecked = 0
    /// Restores with at least one error.
    public internal(set) var restoresInvalid = 0
    /// Documents and List items of other kinds.
    public internal(set) var objectsSkipped = 0
    /// True when the file could not be read or parsed: nothing in it was checked.
    public internal(set) var isUnreadable = false

    init(file: String) {
        self.file = file
    }

    /// The report of a file that could not be read.
    init(unreadable error: ManifestReadError) {
        self.file = error.file
        self.isUnreadable = true
        self.diagnostics = [ManifestDiagnostic(file: error.file, line: nil, severity: .error, text: error.message)]
    }

    /// Errors: findings that make a restore invalid, or the reason a file was unreadable.
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    /// Warnings, which the webhook would send with an admitted restore.
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
}
