import Foundation
import Synchronization
import Testing
import WebhookTestSupport

/// Follows the README on a fresh clone, as a newcomer would: make the dev certificates, start
/// `serve --dev`, run every curl block of "Try it with curl" and compare what it prints with the
/// output the README shows under it. Only the port differs: the test binds a free one.
@Suite struct ReadmeWalkthroughTests {
    /// A `sh` block and the output block the README prints right after it.
    struct Step: Sendable {
        let commands: String
        let expectedOutput: String
    }

    static func curlSteps(readme: String) throws -> [Step] {
        let section = try #require(
            readme.range(of: "## Try it with curl").map { readme[$0.upperBound...] }, "README has Try it with curl")
        let body = section[..<(section.range(of: "\n## ")?.lowerBound ?? section.endIndex)]
        let blocks = body.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        var steps: [Step] = []
        var index = 0
        while index + 1 < blocks.count {
            if blocks[index].hasPrefix("sh\n"), !blocks[index + 1].hasPrefix("sh\n") {
                steps.append(Step(commands: String(blocks[index].dropFirst(3)), expectedOutput: blocks[index + 1]))
                index += 2
            } else {
                index += 1
            }
        }
        return steps
    }

    @Test func readmeCurlLinesAnswerAsTheReadmeSays() async throws {
        for tool in ["git", "curl", "jq", "base64", "openssl"] {
            try #require(ExternalCommand.locate(tool) != nil, "\(tool) is needed (.ci/run installs it)")
        }
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let clone = workspace.appendingPathComponent("clone")
        _ = try await ExternalCommand(
            executable: "git", arguments: ["clone", "--quiet", RenderedManifests.packageRoot.path, clone.path]
        ).runSuccessfully()
        let readme = try String(contentsOf: clone.appendingPathComponent("README.md"), encoding: .utf8)
        let steps = try Self.curlSteps(readme: readme)
        #expect(steps.count >= 3, "the README shows curl lines with their output")

        // The first command, less `swift run` (which builds this same binary).
        _ = try await ExternalCommand(
            executable: clone.appendingPathComponent("certs/make-dev-certs.sh").path, arguments: [],
            currentDirectory: clone
        ).runSuccessfully()
        let server = try DevServer(binary: try DeploymentTests.builtBinary(), directory: clone)
        defer { server.stop() }
        let port = try await server.securePort()

        for step in steps {
            let commands = step.commands.replacingOccurrences(of: "localhost:9443", with: "localhost:\(port)")
            let output = try await ExternalCommand(
                executable: "bash", arguments: ["-o", "pipefail", "-c", commands], currentDirectory: clone
            ).runSuccessfully()
            #expect(
                output.trimmingCharacters(in: .whitespacesAndNewlines)
                    == step.expectedOutput.trimmingCharacters(in: .whitespacesAndNewlines),
                "README step:\n\(step.commands)")
        }
        #expect(server.stop() == 0, "serve exits 0 on SIGTERM")
    }
}

/// `serve --dev` as a child process on a free port; its JSON start-up log says which.
final class DevServer: Sendable {
    private let process: Process
    private let output: AsyncStream<String>
    private let exited = DispatchSemaphore(value: 0)

    init(binary: String, directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--dev", "--secure-port", "0", "--metrics-bind-address", "0", "--cluster-check", "off"]
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
