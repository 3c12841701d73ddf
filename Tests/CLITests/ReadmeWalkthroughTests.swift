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
