import ArgumentParser
import FoundationEssentials

/// The executable's entry point: a root command that only lists its subcommands, so
/// `serve` (the webhook) and `check` (the same rules offline) share one binary and one set of rules.
@main
struct RootCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "antfly-restore-webhook",
        abstract: "Admission webhook that defaults and validates Antfly AntflyRestore resources.",
        subcommands: [ServeCommand.self, CheckCommand.self]
    )

    /// ArgumentParser exits with 64 on a bad flag; a Kubernetes operator expects what Go tools do:
    /// one line saying what is wrong, and exit code 2. Help and version requests are unchanged.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                StandardError.writeLine("antfly-restore-webhook: \(message(for: error)) (see --help)")
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
