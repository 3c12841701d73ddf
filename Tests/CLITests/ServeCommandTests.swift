@testable import AntflyRestoreWebhook
import ArgumentParser
import Foundation
import Testing

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
}
