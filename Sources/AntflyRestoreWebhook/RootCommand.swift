import ArgumentParser

/// The executable's entry point: a root command that only lists its subcommands, so
/// `serve` (the webhook) and `check` (the same rules offline) share one binary and one set of rules.
@main
struct RootCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "antfly-restore-webhook",
        abstract: "Admission webhook that defaults and validates Antfly AntflyRestore resources.",
        subcommands: []
    )
}
