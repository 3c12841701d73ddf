import Foundation

/// Runs the `openssl` CLI for tests, failing with its stderr so a broken mint is easy to read.
public enum OpenSSLCommand {
    /// The error for a command that could not start or exited non-zero.
    public struct Failure: Error, CustomStringConvertible {
        public let arguments: [String]
        public let status: Int32
        public let standardError: String
        public var description: String {
            "openssl \(arguments.joined(separator: " ")) exited \(status): \(standardError)"
        }
    }

    /// Runs `openssl arguments...` to completion.
    public static func run(_ arguments: [String]) throws {
        _ = try output(arguments)
    }

    /// Runs `openssl arguments...` and returns its standard output.
    public static func output(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let standardOutput = Pipe()
        let standardError = Pipe()
        process.standardOutput = standardOutput
        process.standardError = standardError
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Both pipes are drained before waiting; openssl writes far less than a pipe holds to
        // stderr, so reading stdout to its end first cannot stall it.
        let outputData = standardOutput.fileHandleForReading.readDataToEndOfFile()
        let errorData = standardError.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorText = String(decoding: errorData, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(arguments: arguments, status: process.terminationStatus, standardError: errorText)
        }
        return String(decoding: outputData, as: UTF8.self)
    }
}
