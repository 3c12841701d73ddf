import ArgumentParser
import Dispatch
import FoundationEssentials

/// The executable's entry point: a root command that only lists its subcommands, so
/// `serve` (the webhook) and `check` (the same rules offline) share one binary and one set of rules.
///
/// The entry point is synchronous on purpose. An `async` main ends the main thread in `dispatch_main`,
/// whose `pthread_exit` unwinds it through the binary's unwind tables: a one-off walk that left
/// ~0.8 MB of `.eh_frame`, its index and libgcc_s resident for the life of the server (README,
/// Benchmarks, "Peak RSS"). Instead the main thread waits for the command, which runs on the
/// concurrency pool; nothing here needs the main actor or the main queue.
@main
struct RootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "antfly-restore-webhook",
        abstract: "Admission webhook that defaults and validates Antfly AntflyRestore resources.",
        subcommands: [ServeCommand.self, CheckCommand.self]
    )

    /// Runs the command off the main thread (detached: `main` is on the main actor, which the
    /// blocked main thread could never serve) and returns, so the process exits, when it is done.
    static func main() {
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            await runCommand()
            finished.signal()
        }
        finished.wait()
    }

    /// ArgumentParser exits with 64 on a bad flag; a Kubernetes operator expects what Go tools do:
    /// one line saying what is wrong, and exit code 2. Help and version requests are unchanged.
    private static func runCommand() async {
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
