import ArgumentParser
import JSONModel
import ManifestCheck

/// `check`: the webhook's defaulting and validation, offline, on YAML manifests, so CI can fail on a bad
/// restore before it reaches a cluster. Thin: flags in, `ManifestChecker` does the work, lines out.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Default and validate AntflyRestore manifests offline, exactly as the webhook would.",
        discussion: """
            Every antfly.io/v1 AntflyRestore in the YAML files (multi-document, or the items of a List) gets the \
            webhook's defaults and is then validated as an admission CREATE, with the cluster check off. Other \
            kinds are skipped. YAML is read as kubectl reads it (go-yaml v2 rules: unquoted yes/no/on/off are \
            booleans, 0x1F is 31, 20250115 is a number).

            Each finding is printed as FILE:LINE: error|warning|note: FIELD: message (a file that does not parse: \
            FILE:LINE:COLUMN: error: message), then a summary line.

            With -o, the manifests are printed with the defaults filled in (other kinds untouched), ready for \
            `kubectl apply -f -`; findings and summary then go to standard error. Nothing is printed when a file \
            cannot be read or parsed.

            Exit status: 0 when every restore is valid (warnings allowed), 1 when a restore is invalid, 2 when a \
            file cannot be read or parsed.
            """
    )

    @Option(name: [.customShort("o"), .customLong("output")], help: "Print the defaulted manifests as yaml or json (one object, or a v1 List of several).")
    var output: OutputChoice?

    @Option(help: "The namespace of restores that do not name one, as kubectl apply's --namespace.")
    var namespace = "default"

    @Option(help: "Whether spec.clusterRef.namespace may name another namespace than the restore's, as in serve.")
    var crossNamespace: ServeCommand.CrossNamespaceChoice = .deny

    @Option(help: "Whether file:// backup locations get a warning or are rejected, as in serve.")
    var fileLocations: ServeCommand.FileLocationsChoice = .warn

    @Argument(help: "Manifest files; - reads standard input.")
    var files: [String] = ["-"]

    func validate() throws {
        if namespace.isEmpty {
            throw ValidationError("--namespace must not be empty")
        }
        if files.count(where: { $0 == "-" }) > 1 {
            throw ValidationError("- (standard input) can be given only once")
        }
    }

    func run() throws {
        let status = check(standardOutput: { print($0, terminator: "") }, standardError: StandardError.writeLine)
        if status != 0 { throw ExitCode(status) }
    }

    /// Checks every file in order and returns the exit status. `standardOutput` receives text that ends
    /// in a newline; `standardError` receives lines without one.
    func check(standardOutput: (String) -> Void, standardError: (String) -> Void) -> Int32 {
        let checker = ManifestChecker(
            options: ManifestCheckOptions(namespace: namespace, crossNamespace: crossNamespace.policy, fileLocations: fileLocations.policy))
        // Findings go where the manifests do not: standard output, unless -o prints manifests there.
        func report(_ line: String) {
            if output == nil { standardOutput(line + "\n") } else { standardError(line) }
        }
        var summary = CheckSummary()
        var documents: [JSONValue] = []
        for file in files {
            let result = checker.check(file: file)
            for diagnostic in result.diagnostics { report(diagnostic.description) }
            summary.add(result)
            documents += result.documents
        }
        report(summary.description)
        if let output, summary.unreadableFiles == 0 {
            standardOutput(output.format.render(documents))
        }
        return summary.exitStatus
    }

    enum OutputChoice: String, CaseIterable, ExpressibleByArgument {
        case yaml, json

        var format: ManifestOutputFormat {
            switch self {
            case .yaml: .yaml
            case .json: .json
            }
        }
    }
}
