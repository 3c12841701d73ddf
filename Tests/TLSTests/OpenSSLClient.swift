import Foundation
import WebhookTestSupport

/// `openssl s_client` as the TLS peer of a handshake test.
///
/// It sends `input` once the handshake is done, keeps reading until the server closes
/// (`-ign_eof`), and writes its output to a file, so no pipe can fill up and stall it.
final class OpenSSLClient {
    private let process = Process()
    private let exited = DispatchSemaphore(value: 0)
    private let outputFile: String

    init(port: Int, arguments: [String], input: String, outputDirectory: String) throws {
        outputFile = "\(outputDirectory)/s_client-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: outputFile, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputFile))
        let standardInput = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost", "-ign_eof"] + arguments
        process.standardInput = standardInput
        process.standardOutput = output
        process.standardError = output
        let exited = self.exited
        process.onExit { _ in exited.signal() }
        try process.run()
        try output.close()
        standardInput.fileHandleForWriting.write(Data(input.utf8))
        try standardInput.fileHandleForWriting.close()
    }

    deinit {
        if process.isRunning {
            process.terminate()
        }
    }

    /// Waits for the client to exit (terminating it by its pid after `timeout`) and returns its
    /// exit status and everything it printed.
    func finish(within timeout: Duration) -> (status: Int32, output: String) {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if exited.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            exited.wait()
        }
        let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output)
    }
}
