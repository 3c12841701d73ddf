import AdmissionRules
import AdmissionWebhook
import Foundation
import HTTPServer
import InMemoryLogging
import Logging
import Prometheus
import TLS
import Testing
import WebhookTestSupport

/// The whole webhook on 127.0.0.1:0 (TLS and plain listeners) with certificates minted for the
/// test, a fresh metrics registry and captured logs; shut down gracefully after `body`.
struct TestWebhook {
    var policy = AdmissionPolicy()
    var requireClientCertificates = false
    var shutdownDelay: Duration = .zero
    var clusters: any ClusterDirectory = OfflineClusterDirectory()
    let registry = PrometheusCollectorRegistry()
    let logs = InMemoryLogHandler()

    /// What a test body can reach: ports, files for clients, and the server itself.
    struct Running: Sendable {
        let server: WebhookServer
        let securePort: Int
        let metricsPort: Int
        let caFile: String
        let client: IssuedCertificate

        var mutateURL: String { "https://localhost:\(securePort)\(WebhookPaths.mutate)" }
        var validateURL: String { "https://localhost:\(securePort)\(WebhookPaths.validate)" }
        func metricsURL(_ path: String) -> String { "http://127.0.0.1:\(metricsPort)\(path)" }

        /// POSTs `body` with curl over TLS; returns the HTTP status and the body.
        func post(_ url: String, body: String, contentType: String = "application/json", extra: [String] = [])
            async throws -> (status: Int, body: String)
        {
            try await curl(
                ["-H", "Content-Type: \(contentType)", "--data-binary", body, "--write-out", "\n%{http_code}", url] + extra)
        }

        func get(_ url: String, extra: [String] = []) async throws -> (status: Int, body: String) {
            try await curl(["--write-out", "\n%{http_code}", url] + extra)
        }

        private func curl(_ arguments: [String]) async throws -> (status: Int, body: String) {
            let caFile = caFile
            return try Self.split(try await offPool { try Curl.run(["--cacert", caFile] + arguments) })
        }

        private static func split(_ result: ChildProcess.Result) throws -> (status: Int, body: String) {
            #expect(result.exitCode == 0, "curl failed: \(result.standardError)")
            let text = result.outputText
            let newline = try #require(text.lastIndex(of: "\n"))
            return (Int(text[text.index(after: newline)...]) ?? -1, String(text[..<newline]))
        }
    }

    func run(_ body: @Sendable (Running) async throws -> Void) async throws {
        let authority = try CertificateAuthority()
        defer { try? authority.removeFiles() }
        let serving = try authority.issueServerCertificate()
        let client = try authority.issueClientCertificate()
        let configuration = WebhookConfiguration(
            secureAddress: ListenAddress(host: "127.0.0.1", port: 0),
            tls: TLSConfiguration(
                certificateFile: serving.certificateFile, privateKeyFile: serving.privateKeyFile,
                clientCAFile: requireClientCertificates ? authority.certificateFile : nil),
            metricsAddress: ListenAddress(host: "127.0.0.1", port: 0),
            policy: policy,
            eventLoopThreads: 2,
            shutdownDelay: shutdownDelay,
            shutdownTimeout: .seconds(10))
        let logs = self.logs
        let server = try WebhookServer(
            configuration: configuration, clusters: clusters, metrics: WebhookMetrics(registry: registry),
            logger: Logger(label: "webhook-test", factory: { _ in logs }))
        let running = Running(
            server: server,
            securePort: try #require(server.port(of: WebhookServer.secureListener)),
            metricsPort: try #require(server.port(of: WebhookServer.metricsListener)),
            caFile: authority.certificateFile,
            client: client)
        let (started, announce) = AsyncStream<Void>.makeStream()
        let task = Task { try await server.run(onRunning: { announce.finish() }) }
        for await _ in started {}
        do {
            try await body(running)
        } catch {
            server.beginGracefulShutdown()
            try await task.value
            throw error
        }
        server.beginGracefulShutdown()
        try await task.value
    }
}

/// AdmissionReview bodies for the tests.
enum Reviews {
    /// A v1 review of `spec` (a JSON object text) for CREATE in namespace `production`.
    static func create(uid: String = "uid-1", name: String = "restore-latest", spec: String, version: String = "v1")
        -> String
    {
        """
        {"apiVersion":"admission.k8s.io/\(version)","kind":"AdmissionReview","request":{"uid":"\(uid)",\
        "kind":{"group":"antfly.io","version":"v1","kind":"AntflyRestore"},\
        "resource":{"group":"antfly.io","version":"v1","resource":"antflyrestores"},\
        "name":"\(name)","namespace":"production","operation":"CREATE","userInfo":{"username":"alice"},\
        "object":{"apiVersion":"antfly.io/v1","kind":"AntflyRestore",\
        "metadata":{"name":"\(name)","namespace":"production"},"spec":\(spec)}}}
        """
    }

    static let basicSpec = """
        {"clusterRef":{"name":"my-cluster"},"source":{"backupId":"backup-20250115-020000",\
        "location":"s3://my-bucket/antfly-backups","credentialsSecret":{"name":"backup-credentials"}}}
        """

    static let badSpec = """
        {"clusterRef":{"name":"my-cluster"},"source":{"backupId":"backup..1","location":"http://x"},"backoffLimit":-1}
        """
}
