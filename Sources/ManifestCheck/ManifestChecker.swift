import AdmissionRules
import JSONModel
import YAMLCodec

/// Judges manifests offline exactly as the webhook judges a CREATE: the mutating webhook's defaults
/// (`RestoreDefaulter`), then the validating webhook's rules (`RestoreValidator`) on the defaulted object,
/// for every AntflyRestore in the files, top level or in a List. Each finding is placed on the line of
/// the offending value, or of the nearest parent present when a field is missing.
public struct ManifestChecker: Sendable {
    private let options: ManifestCheckOptions
    private let defaulter = RestoreDefaulter()
    private let validator: RestoreValidator

    /// A checker for one run; it holds the rules, built once, and may check any number of files.
    public init(options: ManifestCheckOptions = ManifestCheckOptions()) {
        self.options = options
        self.validator = RestoreValidator(policy: options.policy, clusters: OfflineClusterDirectory())
    }

    /// Reads and checks `path` (`-` for standard input).
    public func check(file path: String) -> ManifestReport {
        do {
            return check(try ManifestSource.load(path: path, maxBytes: options.limits.maxBytes))
        } catch {
            return ManifestReport(unreadable: error)
        }
    }

    /// Checks manifests already in memory (a generated file, a fuzzer's input); `name` is the FILE in
    /// the diagnostics.
    public func check(name: String, bytes: [UInt8]) -> ManifestReport {
        check(ManifestSource(name: name, bytes: bytes))
    }

    /// Checks the documents of `source`. YAML that does not parse makes the whole file unreadable: no
    /// document of it is judged or printed, since its structure is unknown past the error.
    func check(_ source: ManifestSource) -> ManifestReport {
        var report = ManifestReport(file: source.name)
        let documents: [YAMLDocument]
        do {
            documents = try YAMLDecoder.parse(source.bytes, limits: options.limits)
        } catch {
            report.isUnreadable = true
            report.diagnostics = [
                ManifestDiagnostic(file: source.name, line: error.line, column: error.column, severity: .error, text: error.message)
            ]
            return report
        }
        for document in documents {
            report.documents.append(check(document.value, at: JSONPath(), in: document, into: &report))
        }
        return report
    }

    /// One object at `path` of `document`, as `-o` prints it: a restore is judged and defaulted, the items
    /// of a List are checked in turn (lists nest only as deep as the YAML limits allow), anything else is
    /// counted as skipped and left untouched.
    private func check(_ object: JSONValue, at path: JSONPath, in document: YAMLDocument, into report: inout ManifestReport) -> JSONValue {
        switch ManifestKind(of: object) {
        case .restore:
            return checkRestore(object, at: path, in: document, into: &report)
        case .list(var items):
            for index in items.indices {
                items[index] = check(items[index], at: path.appending("items").appending(index: index), in: document, into: &report)
            }
            var list = object.objectValue ?? JSONObject()
            list["items"] = .array(items)
            return .object(list)
        case .restoreOfOtherVersion(let apiVersion):
            report.objectsSkipped += 1
            let shown = apiVersion.isEmpty ? "no apiVersion" : "apiVersion " + JSONWriter.string(.string(String(apiVersion.prefix(80))))
            report.diagnostics.append(
                ManifestDiagnostic(
                    file: report.file, line: document.line(of: path.appending("apiVersion")), severity: .warning,
                    text: "apiVersion: an AntflyRestore with \(shown) is not checked; the webhook serves \(ManifestKind.apiVersion)"))
        case .notAnObject:
            report.objectsSkipped += 1
            report.diagnostics.append(
                ManifestDiagnostic(
                    file: report.file, line: document.line(of: path), severity: .warning,
                    text: "kind: not a Kubernetes object (no kind); skipped"))
        case .other:
            report.objectsSkipped += 1
        }
        return object
    }

    /// Defaults then validates one restore found at `base`; returns the defaulted restore.
    private func checkRestore(_ restore: JSONValue, at base: JSONPath, in document: YAMLDocument, into report: inout ManifestReport) -> JSONValue {
        report.restoresChecked += 1
        var findings: [(line: Int, diagnostics: [ManifestDiagnostic])] = []
        /// The rules' paths are relative to the restore; the document's lines are not.
        func inDocument(_ path: JSONPath) -> JSONPath {
            JSONPath(base.components + path.components)
        }
        func line(of path: JSONPath) -> Int {
            document.line(of: inDocument(path))
        }
        let defaulted: JSONValue
        do {
            defaulted = try defaulter.defaultingPatch(for: restore).applied(to: restore)
        } catch {
            // The defaulter builds its patch from this very object, so this is a bug; say so, don't trap.
            findings.append((line(of: JSONPath()), [diagnostic(.error, line(of: JSONPath()), "internal error: \(error)", in: report)]))
            defaulted = restore
        }
        let namespace = restore["metadata"]?["namespace"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? options.namespace
        let result = validator.validate(operation: .create, object: defaulted, oldObject: nil, namespace: namespace)
        for error in result.errors {
            let errorLine = line(of: error.path)
            var diagnostics = [diagnostic(.error, errorLine, error.description, in: report)]
            if let hint = Self.quotingHint(for: error, plainText: document.plainText(at: inDocument(error.path))) {
                diagnostics.append(diagnostic(.note, errorLine, hint, in: report))
            }
            findings.append((errorLine, diagnostics))
        }
        for warning in result.warnings {
            let warningLine = line(of: warning.path)
            findings.append((warningLine, [diagnostic(.warning, warningLine, warning.description, in: report)]))
        }
        if !result.errors.isEmpty { report.restoresInvalid += 1 }
        // Errors come in field order and warnings after them; a reader follows the file, so sort by line
        // (stably: findings on one line keep the rules' order).
        let ordered = findings.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
        report.diagnostics += ordered.flatMap(\.element.diagnostics)
        return defaulted
    }

    private func diagnostic(_ severity: ManifestDiagnostic.Severity, _ line: Int, _ text: String, in report: ManifestReport) -> ManifestDiagnostic {
        ManifestDiagnostic(file: report.file, line: line, severity: severity, text: text)
    }

    /// For a string field written as an unquoted `20250115`, `yes` or `~`: YAML made it a number, a
    /// boolean or null, which the server's type error cannot know; the fix is to quote it.
    static func quotingHint(for error: FieldError, plainText: String?) -> String? {
        guard case .typeInvalid(let value, let detail) = error.kind, detail == "must be a string", let plainText else { return nil }
        let reading: String
        switch value {
        case .number: reading = "a number"
        case .bool: reading = "a boolean"
        case .null: reading = "null"
        case .string, .array, .object: return nil
        }
        return "\(error.path): YAML reads the unquoted \(plainText) as \(reading); write \"\(plainText)\" to make it a string"
    }
}
