@testable import AntflyRestoreWebhook
import ArgumentParser
import Foundation
import Testing
import WebhookTestSupport

/// `serve`'s flags: parsed in-process, and the start-up failures of the real binary.
@Suite struct ServeCommandTests {
    @Test func flagsParseIntoTheirValues() throws {
        let command = try #require(
            try RootCommand.parseAsRoot([
                "serve", "--tls-cert-file", "c", "--tls-private-key-file", "k", "--cross-namespace", "allow",
                "--cluster-check", "deny", "--cluster-check-unavailable", "deny", "--shutdown-delay", "5s",
                "--request-timeout", "1m30s", "--tls-min-version", "VersionTLS13",
            ]) as? ServeCommand)
        #expect(command.crossNamespace == .allow)
        #expect(command.clusterCheck == .deny)
        #expect(command.clusterCheckUnavailable == .deny)
        #expect(command.shutdownDelay == .seconds(5))
        #expect(command.requestTimeout == .seconds(90))
        #expect(command.tlsMinVersion == .tls13)
    }

    @Test(arguments: [
        ["serve"],
        ["serve", "--tls-cert-file", "c", "--tls-private-key-file", "k", "--cluster-check", "maybe"],
        ["serve", "--tls-cert-file", "c", "--tls-private-key-file", "k", "--shutdown-delay", "5"],
        ["serve", "--tls-cert-file", "c", "--tls-private-key-file", "k", "--metrics-bind-address", "8080"],
        ["serve", "--tls-cert-file", "c", "--tls-private-key-file", "k", "--event-loop-threads", "0"],
    ])
    func badFlagsAreRefused(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try RootCommand.parseAsRoot(arguments) }
    }

    /// One clear line and exit status 2, as Go tools do: never a stack trace.
    @Test(arguments: [
        (["serve", "--cross-namespace", "maybe"], "--cross-namespace"),
        (["serve", "--tls-cert-file", "/nonexistent/tls.crt", "--tls-private-key-file", "/nonexistent/tls.key"], "/nonexistent/tls.crt"),
        (["serve", "--tls-cert-file", "c", "--tls-private-key-file", "k", "--kubeconfig", "/nonexistent/config"], "--kubeconfig"),
    ])
    func startUpFailuresPrintOneLineAndExit2(arguments: [String], mentions: String) async throws {
        let output = try await ExternalCommand(
            executable: try DeploymentTests.builtBinary(), arguments: arguments + ["--metrics-bind-address", "0", "--secure-port", "0"]
        ).run()
        #expect(output.status == 2)
        let lines = output.standardError.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(output.standardError)")
        #expect(output.standardError.contains(mentions))
    }

    /// libdispatch gives its threads a niceness of its own (0, or -4), whatever the process was started
    /// with; the event loops take the process's, so `nice -n 7` reaches the threads that serve.
    @Test func eventLoopsRunAtTheProcessNiceness() async throws {
        let (authority, issued) = try await CertificateAuthority.makeWithServerCertificate()
        let scratch = try ScratchDirectory()
        let certificates = scratch.path + "/certs/dev"
        try FileManager.default.createDirectory(atPath: certificates, withIntermediateDirectories: true)
        // The authority removes its files when released: keep it until they are copied where --dev looks.
        try withExtendedLifetime(authority) {
            try FileManager.default.copyItem(atPath: issued.certificateFile, toPath: certificates + "/tls.crt")
            try FileManager.default.copyItem(atPath: issued.privateKeyFile, toPath: certificates + "/tls.key")
        }
        let server = try DevServer(
            binary: try DeploymentTests.builtBinary(), directory: URL(fileURLWithPath: scratch.path), niceness: 7,
            extraArguments: ["--event-loop-threads", "2"])
        defer { server.stop() }
        _ = try await server.securePort()
        // The start-up line comes just before the loops start: look again until they have (10 s at most).
        let deadline = ContinuousClock.now + .seconds(10)
        var niceness = try Self.threadNiceness(of: server.processIdentifier)
        while niceness.filter({ $0 == 7 }).count < 3 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            niceness = try Self.threadNiceness(of: server.processIdentifier)
        }
        #expect(niceness.filter { $0 == 7 }.count >= 3, "the main thread and both event loops at nice 7: \(niceness)")
    }

    /// Each thread's niceness, field 19 of `/proc/PID/task/TID/stat` (counted after the parenthesised name).
    private static func threadNiceness(of process: Int32) throws -> [Int] {
        let tasks = "/proc/\(process)/task"
        return try FileManager.default.contentsOfDirectory(atPath: tasks).compactMap { thread in
            guard let stat = try? String(contentsOfFile: "\(tasks)/\(thread)/stat", encoding: .utf8),
                  let nameEnd = stat.range(of: ")", options: .backwards)
            else { return nil }
            let fields = stat[nameEnd.upperBound...].split(separator: " ")
            return fields.count > 16 ? Int(fields[16]) : nil
        }
    }
}
