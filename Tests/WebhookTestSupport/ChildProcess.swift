public import Foundation

/// Runs a command-line tool (curl, python3, openssl) to completion with a deadline, capturing its output.
public enum ChildProcess {
    public struct Result: Sendable {
        public let exitCode: Int32
        public let standardOutput: [UInt8]
        public let standardError: String

        public var outputText: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `executable` (looked up on `PATH` when not absolute) with `environment` added to ours, in
    /// `currentDirectory` when given; a child still running at `timeout` is killed and reported as a failure.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        standardInput: [UInt8]? = nil,
        environment: [String: String] = [:],
        currentDirectory: URL? = nil,
        timeout: Duration = .seconds(30)
    ) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout"), errURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let input = Pipe()
        process.standardInput = input
        let finished = DispatchSemaphore(value: 0)
        process.onExit { _ in finished.signal() }
        try process.run()
        // Written on a thread of its own, so a child that never reads its input still meets the deadline;
        // one that exits without reading it must not take the test process with it (SIGPIPE).
        let writer = input.fileHandleForWriting
        if standardInput != nil { signal(SIGPIPE, SIG_IGN) }
        DispatchQueue.global().async {
            if let standardInput { try? writer.write(contentsOf: Data(standardInput)) }
            try? writer.close()
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) still running after \(timeout)")
        }
        return Result(
            exitCode: process.terminationStatus,
            standardOutput: Array(try readFile(outURL)),
            standardError: String(decoding: try readFile(errURL), as: UTF8.self)
        )
    }

    /// Not `Data(contentsOf:)`: it leaks the 4 KiB buffer it reads an empty file into (swift-foundation,
    /// Swift 6.3.1), and most children leave one of their two outputs empty.
    private static func readFile(_ url: URL) throws -> Data {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        return try handle.readToEnd() ?? Data()
    }
}
