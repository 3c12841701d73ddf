/// The totals of a `check` run over all its files, its closing line and its exit status.
public struct CheckSummary: Sendable, Equatable, CustomStringConvertible {
    private var restoresChecked = 0
    private var restoresInvalid = 0
    private var errors = 0
    private var warnings = 0
    private var objectsSkipped = 0
    /// Files that could not be read or parsed: `-o` prints nothing when there is one.
    public private(set) var unreadableFiles = 0

    public init() {}

    /// Counts one file's report in.
    public mutating func add(_ report: ManifestReport) {
        restoresChecked += report.restoresChecked
        restoresInvalid += report.restoresInvalid
        errors += report.errorCount
        warnings += report.warningCount
        objectsSkipped += report.objectsSkipped
        unreadableFiles += report.isUnreadable ? 1 : 0
    }

    /// 2 when a file could not be read or parsed (its restores were not judged at all), else 1 when a
    /// restore is invalid, else 0; warnings never fail the run, as they never stop the webhook.
    public var exitStatus: Int32 {
        if unreadableFiles > 0 { return 2 }
        return restoresInvalid > 0 ? 1 : 0
    }

    /// `3 restores checked, 1 invalid, 2 errors, 1 warning, 1 other object skipped`, and
    /// `, 1 file unreadable` when there is one.
    public var description: String {
        var parts = [
            Self.count(restoresChecked, "restore") + " checked", "\(restoresInvalid) invalid", Self.count(errors, "error"),
            Self.count(warnings, "warning"), Self.count(objectsSkipped, "other object") + " skipped",
        ]
        if unreadableFiles > 0 { parts.append(Self.count(unreadableFiles, "file") + " unreadable") }
        return parts.joined(separator: ", ")
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
