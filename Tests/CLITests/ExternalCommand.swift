import Foundation
import Synchronization
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

    /// Runs the command to completion (or kills it at the deadline) and returns its output.
    func run() async throws -> Output {
        let command = [executable] + arguments
        guard let path = executable.contains("/") ? executable : Self.locate(executable) else {
            throw Failure(command: command, reason: "\(executable) is not on PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = inputPipe
        let exited = Exit()
        process.onExit { process in exited.signal(process.terminationStatus) }
        do {
            try process.run()
        } catch {
            throw Failure(command: command, reason: "could not start: \(error)")
        }
        // Pipes are drained on threads of their own, never on the concurrency pool, so a chatty
        // child cannot fill a pipe and stall, and no test thread blocks in read(2).
        async let standardOutput = Self.readToEnd(outputPipe.fileHandleForReading)
        async let standardError = Self.readToEnd(errorPipe.fileHandleForReading)
        let input = standardInput
        DispatchQueue.global().async {
            try? inputPipe.fileHandleForWriting.write(contentsOf: input)
            try? inputPipe.fileHandleForWriting.close()
        }
        let status = await exited.wait(timeout: timeout) {
            if process.isRunning { process.terminate() }
        }
        let output = Output(status: status ?? -1, standardOutput: await standardOutput, standardError: await standardError)
        guard status != nil else {
            throw Failure(command: command, reason: "no exit within \(timeout); stderr: \(output.standardError)")
        }
        return output
    }

    /// Runs the command and requires exit status 0; returns its standard output.
    func runSuccessfully() async throws -> String {
        let output = try await run()
        guard output.status == 0 else {
            throw Failure(command: [executable] + arguments, reason: "exit \(output.status): \(output.standardError)")
        }
        return output.standardOutput
    }

    private static func readToEnd(_ handle: FileHandle) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let data = (try? handle.readToEnd()) ?? Data()
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
    }
}

/// The exit of one child process, awaited with a deadline: whichever of the exit and the deadline
/// comes first settles it, and the waiting continuation is resumed exactly once.
private final class Exit: Sendable {
    private enum State {
        case running(waiting: CheckedContinuation<Int32?, Never>?)
        case exited(Int32)
        case expired
    }

    private let state = Mutex<State>(.running(waiting: nil))

    func signal(_ status: Int32) {
        settle(as: .exited(status))?.resume(returning: status)
    }

    /// The exit status, or nil when `timeout` passed first (after calling `onTimeout`).
    func wait(timeout: Duration, onTimeout: @escaping @Sendable () -> Void) async -> Int32? {
        let deadline = Task {
            try await Task.sleep(for: timeout)
            onTimeout()
            self.settle(as: .expired)?.resume(returning: nil)
        }
        defer { deadline.cancel() }
        return await withCheckedContinuation { continuation in
            let settled: Int32?? = state.withLock { state in
                switch state {
                case .running:
                    state = .running(waiting: continuation)
                    return nil
                case .exited(let status): return .some(status)
                case .expired: return .some(nil)
                }
            }
            if let settled { continuation.resume(returning: settled) }
        }
    }

    /// Moves a running process to `final` and returns the continuation to resume, if one waits.
    private func settle(as final: State) -> CheckedContinuation<Int32?, Never>? {
        state.withLock { state in
            guard case .running(let waiting) = state else { return nil }
            state = final
            return waiting
        }
    }
}
