import Foundation
import WebhookTestSupport

/// `serve --dev` as a child process on a free port; its JSON start-up log says which.
final class DevServer: Sendable {
    private let process: Process
    private let output: AsyncStream<String>
    private let exited = DispatchSemaphore(value: 0)

    /// `niceness` starts it under `nice -n`; `extraArguments` follow `serve --dev`'s own.
    init(binary: String, directory: URL, niceness: Int? = nil, extraArguments: [String] = []) throws {
        let process = Process()
        let serve = [binary, "serve", "--dev", "--secure-port", "0", "--metrics-bind-address", "0", "--cluster-check", "off"]
            + extraArguments
        if let niceness {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/nice")
            process.arguments = ["-n", String(niceness)] + serve
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = Array(serve.dropFirst())
        }
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let (output, continuation) = AsyncStream<String>.makeStream()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                continuation.finish()
                handle.readabilityHandler = nil
            } else {
                continuation.yield(String(decoding: data, as: UTF8.self))
            }
        }
        let exited = self.exited
        process.onExit { _ in exited.signal() }
        self.process = process
        self.output = output
        try process.run()
    }

    /// The server's process id (`nice` execs it, so the same process).
    var processIdentifier: Int32 { process.processIdentifier }

    /// The bound TLS port, read from the `serving` log line as it is written (30 s at most).
    func securePort() async throws -> Int {
        let output = self.output
        return try await withThrowingTaskGroup(of: Int?.self) { group in
            group.addTask {
                var text = ""
                for await chunk in output {
                    text += chunk
                    for line in text.split(separator: "\n") where line.contains(#""msg":"serving""#) {
                        guard let range = line.range(of: #""server.address":"127.0.0.1:"#) else { continue }
                        return Int(line[range.upperBound...].prefix { $0.isNumber })
                    }
                }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                throw ExternalCommand.Failure(command: ["serve", "--dev"], reason: "no serving line within 30 s")
            }
            defer { group.cancelAll() }
            guard let port = try await group.next() ?? nil else {
                throw ExternalCommand.Failure(command: ["serve", "--dev"], reason: "exited before serving")
            }
            return port
        }
    }

    /// SIGTERM, then the exit status; killed if it has not exited within 30 s.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            process.terminate()
            if exited.wait(timeout: .now() + 30) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
            }
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
