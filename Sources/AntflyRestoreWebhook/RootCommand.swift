import ArgumentParser
import Dispatch
import FoundationEssentials

/// The executable's entry point: a root command that only lists its subcommands, so
/// `serve` (the webhook) and `check` (the same rules offline) share one binary and one set of rules.
///
/// The entry point is synchronous on purpose. An `async` main ends the main thread in `dispatch_main`,
/// whose `pthread_exit` unwinds it through the binary's unwind tables: a one-off walk that left
/// ~0.8 MB of `.eh_frame`, its index and libgcc_s resident for the life of the server (README,
/// Benchmarks, "Peak RSS"). So `check` runs on the main thread, and `serve`, which awaits, runs on the
/// concurrency pool while the main thread waits for it; nothing here needs the main actor or queue.
@main
struct RootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "antfly-restore-webhook",
        abstract: "Admission webhook that defaults and validates Antfly AntflyRestore resources.",
        subcommands: [ServeCommand.self, CheckCommand.self]
    )

    static func main() {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(reporting: error)
        }
        guard var asyncCommand = command as? any AsyncParsableCommand else {
            do {
                try command.run()
            } catch {
                exit(reporting: error)
            }
            return
        }
        // Detached: `main` is on the main actor, which the waiting main thread could never serve.
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                try await asyncCommand.run()
            } catch {
                exit(reporting: error)
            }
            finished.signal()
        }
        finished.wait()
    }

    /// ArgumentParser exits with 64 on a bad flag; a Kubernetes operator expects what Go tools do:
    /// one line saying what is wrong, and exit code 2. Help and version requests are unchanged.
    private static func exit(reporting error: any Error) -> Never {
        if exitCode(for: error) == .validationFailure {
            StandardError.writeLine("antfly-restore-webhook: \(message(for: error)) (see --help)")
            exit(withError: ExitCode(2))
        }
        exit(withError: error)
    }
}
