import Foundation
import Testing

/// `certs/make-dev-certs.sh` is the README's way to a working local server and an in-cluster
/// Secret: the serving certificate must verify for every name a client dials, keys must stay
/// private, and running it twice must not replace certificates that are still good.
@Suite(.enabled(if: ExternalCommand.locate("openssl") != nil, "openssl is not installed"))
struct DevCertificateScriptTests {
    static let script = RenderedManifests.packageRoot.appendingPathComponent("certs/make-dev-certs.sh").path

    /// Runs `make-dev-certs.sh OPTIONS NAMESPACE DIRECTORY`; returns what it printed.
    static func make(_ options: [String] = [], namespace: String = "antfly-restore-webhook-system", into directory: String) async throws -> String {
        try await ExternalCommand(executable: "bash", arguments: [script] + options + [namespace, directory]).runSuccessfully()
    }

    static func openssl(_ arguments: [String]) async throws -> ExternalCommand.Output {
        try await ExternalCommand(executable: "openssl", arguments: arguments).run()
    }

    static func withOutputDirectory(_ body: (String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dev-certs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await body(directory)
    }

    @Test func servingCertificateVerifiesForEveryNameAClientDials() async throws {
        try await Self.withOutputDirectory { directory in
            _ = try await Self.make(namespace: "team-a", into: directory)
            let names = [
                "localhost", "antfly-restore-webhook.team-a.svc", "antfly-restore-webhook.team-a.svc.cluster.local",
            ]
            for name in names {
                let result = try await Self.openssl([
                    "verify", "-CAfile", "\(directory)/ca.crt", "-purpose", "sslserver", "-verify_hostname", name, "\(directory)/tls.crt",
                ])
                #expect(result.status == 0, "\(name): \(result.standardError)")
            }
            let loopback = try await Self.openssl(["verify", "-CAfile", "\(directory)/ca.crt", "-verify_ip", "127.0.0.1", "\(directory)/tls.crt"])
            #expect(loopback.status == 0, "\(loopback.standardError)")
            let otherNamespace = try await Self.openssl([
                "verify", "-CAfile", "\(directory)/ca.crt", "-verify_hostname", "antfly-restore-webhook.team-b.svc", "\(directory)/tls.crt",
            ])
            #expect(otherNamespace.status != 0, "the namespace argument decides the service names")
        }
    }

    @Test func privateKeysAreReadableByTheOwnerOnly() async throws {
        try await Self.withOutputDirectory { directory in
            _ = try await Self.make(["--client"], into: directory)
            for file in ["ca.key", "tls.key", "client.key"] {
                let attributes = try FileManager.default.attributesOfItem(atPath: "\(directory)/\(file)")
                let permissions = try #require(attributes[.posixPermissions] as? Int)
                #expect(permissions & 0o077 == 0, "\(file) is \(String(permissions, radix: 8))")
            }
        }
    }

    @Test func secondRunKeepsValidCertificatesAndForceReplacesThem() async throws {
        try await Self.withOutputDirectory { directory in
            _ = try await Self.make(into: directory)
            let first = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/tls.crt"))
            let kept = try await Self.make(into: directory)
            #expect(kept.contains("kept valid certs"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/tls.crt")) == first)

            let firstCA = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/ca.crt"))
            _ = try await Self.make(["--force"], into: directory)
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/tls.crt")) != first)
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/ca.crt")) != firstCA)
        }
    }

    @Test func newNamespaceRenewsTheServingCertificateButKeepsTheCA() async throws {
        try await Self.withOutputDirectory { directory in
            _ = try await Self.make(namespace: "team-a", into: directory)
            let ca = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/ca.crt"))
            let output = try await Self.make(namespace: "team-b", into: directory)
            #expect(output.contains("made serving cert"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/ca.crt")) == ca, "a caBundle made from the CA stays valid")
            let result = try await Self.openssl([
                "verify", "-CAfile", "\(directory)/ca.crt", "-verify_hostname", "antfly-restore-webhook.team-b.svc", "\(directory)/tls.crt",
            ])
            #expect(result.status == 0, "\(result.standardError)")
        }
    }

    @Test func clientCertificateIsForClientAuthentication() async throws {
        try await Self.withOutputDirectory { directory in
            _ = try await Self.make(["--client"], into: directory)
            let client = try await Self.openssl(["verify", "-CAfile", "\(directory)/ca.crt", "-purpose", "sslclient", "\(directory)/client.crt"])
            #expect(client.status == 0, "\(client.standardError)")
            let asServer = try await Self.openssl(["verify", "-CAfile", "\(directory)/ca.crt", "-purpose", "sslserver", "\(directory)/client.crt"])
            #expect(asServer.status != 0, "the client certificate cannot serve")
        }
    }

    @Test func badNamespaceIsRefused() async throws {
        try await Self.withOutputDirectory { directory in
            let result = try await ExternalCommand(executable: "bash", arguments: [Self.script, "Team_A", directory]).run()
            #expect(result.status == 2)
            #expect(result.standardError.contains("is not a DNS-1123 label"))
            #expect(!FileManager.default.fileExists(atPath: "\(directory)/ca.key"))
        }
    }
}
