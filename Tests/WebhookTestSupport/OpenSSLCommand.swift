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
        let result = try ChildProcess.run("openssl", arguments, timeout: .seconds(60))
        guard result.exitCode == 0 else {
            throw Failure(arguments: arguments, status: result.exitCode, standardError: result.standardError)
        }
        return result.outputText
    }
}
