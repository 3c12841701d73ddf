import AdmissionRules
import InMemoryLogging
import Foundation
import JSONModel
import Logging
import TLS
import Testing
import WebhookTestSupport

@testable import ClusterWatch

/// The API client verifies whom it talks to, and authenticates with a client certificate.
@Suite(.serialized) struct APIServerTrustTests {
    @Test func serverNameMustMatchTheCertificate() async throws {
        let fixture = try await WatchFixture.make(clusters: [("prod", "a")]) { authority, server, tokenFile in
            KubernetesAccess(
                host: "127.0.0.1",
                port: server.port,
                serverName: "api.example.com",
                tls: TLSClientConfiguration(trustedCertificates: .file(authority.certificateFile)),
                credentials: .tokenFile(tokenFile),
                origin: "test"
            )
        }
        fixture.watcher.start()
        #expect(await fixture.wait(for: .restarted(.connectionLost)))
        #expect(fixture.cache.lookup(namespace: "prod", name: "a") == .unknown)
        let broken = fixture.logEntries(containing: "cluster watch broken")
        #expect(broken.first?.metadata["cluster.error"]?.description.contains("hostname mismatch") == true)
        await fixture.finish()
    }

    @Test func serverSignedByAnotherAuthorityIsRefused() async throws {
        let fixture = try await WatchFixture.make(clusters: [("prod", "a")]) { authority, server, tokenFile in
            let other = try CertificateAuthority(name: "Other CA", in: authority.directory)
            return KubernetesAccess(
                host: "127.0.0.1",
                port: server.port,
                tls: TLSClientConfiguration(trustedCertificates: .file(other.certificateFile)),
                credentials: .tokenFile(tokenFile),
                origin: "test"
            )
        }
        fixture.watcher.start()
        #expect(await fixture.wait(for: .restarted(.connectionLost)))
        let broken = fixture.logEntries(containing: "cluster watch broken")
        #expect(broken.first?.metadata["cluster.error"]?.description.contains("server certificate") == true)
        #expect(fixture.cache.lookup(namespace: "prod", name: "a") == .unknown)
        await fixture.finish()
    }

    @Test func kubeconfigClientCertificateDataAuthenticatesByName() async throws {
        let fixture = try await WatchFixture.make(clusters: [("prod", "a")], serverToken: "not-sent", serverClientCA: true) { authority, server, _ in
            let client = try authority.issueClientCertificate(commonName: "antfly-restore-webhook")
            let certificate = try Data(contentsOf: URL(fileURLWithPath: client.certificateFile)).base64EncodedString()
            let key = try Data(contentsOf: URL(fileURLWithPath: client.privateKeyFile)).base64EncodedString()
            let document = try JSONParser().parse(
                """
                {"apiVersion": "v1", "kind": "Config", "current-context": "test",
                 "contexts": [{"name": "test", "context": {"cluster": "local", "user": "webhook"}}],
                 "clusters": [{"name": "local", "cluster": {"server": "https://localhost:\(server.port)",
                               "certificate-authority": "\(authority.certificateFile)"}}],
                 "users": [{"name": "webhook", "user": {"client-certificate-data": "\(certificate)", "client-key-data": "\(key)"}}]}
                """
            )
            return try Kubeconfig(file: "\(authority.directory)/kubeconfig", document: document).access()
        }
        fixture.watcher.start()
        #expect(await fixture.wait(for: .found, namespace: "prod", name: "a"))
        #expect(fixture.events.count(of: .restarted(.unauthorized)) == 0)
        await fixture.finish()
    }
}
