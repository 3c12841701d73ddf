import Foundation
import WebhookTestSupport

/// Runs a command-line tool (kubectl, openssl, the built binary, a shell script) for the tests that
/// check what ships beside the code, with a deadline, and hands back what it printed.
struct ExternalCommand: Sendable {
    /// What a finished command printed and how it exited.
    struct Output: Sendable {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// A command that could not start, overran its deadline, or exited non-zero when success was required.
    struct Failure: Error, CustomStringConvertible {
        let command: [String]
        let reason: String
        var description: String { "\(command.joined(separator: " ")): \(reason)" }
    }

    /// The executable: a path, or a name looked up on `PATH`.
    let executable: String
    let arguments: [String]
    var currentDirectory: URL?
    var standardInput: [UInt8] = []
    var timeout: Duration = .seconds(60)

    /// The first `name` on `PATH`, or nil when the tool is not installed.
    static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs the command to completion (or kills it at the deadline) and returns its output; the waiting
    /// happens on a thread of its own, never on the concurrency pool.
    func run() async throws -> Output {
        let command = [executable] + arguments
        guard let path = executable.contains("/") ? executable : Self.locate(executable) else {
            throw Failure(command: command, reason: "\(executable) is not on PATH")
        }
        let result: ChildProcess.Result
        do {
            result = try await offPool { [self] in
                try ChildProcess.run(path, arguments, standardInput: standardInput, currentDirectory: currentDirectory, timeout: timeout)
            }
        } catch {
            throw Failure(command: command, reason: "\(error)")
        }
        return Output(status: result.exitCode, standardOutput: result.outputText, standardError: result.standardError)
    }

    /// Runs the command and requires exit status 0; returns its standard output.
    func runSuccessfully() async throws -> String {
        let output = try await run()
        guard output.status == 0 else {
            throw Failure(command: [executable] + arguments, reason: "exit \(output.status): \(output.standardError)")
        }
        return output.standardOutput
    }
}
