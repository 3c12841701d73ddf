import AdmissionRules
import ClusterWatch
import Foundation
import InMemoryLogging
import Logging
import TLS
import WebhookTestSupport

/// One fake API server, a token file, and a watcher pointed at them, with its cache, reported
/// events and log. The watcher is started by the test and stopped by `finish()`.
///
/// Setting up mints certificates and starts python (blocking process waits), so `make` and
/// `finish` run on a thread of their own: the concurrency pool (two threads on a two-core machine)
/// stays free for the awaits of the tests running alongside.
final class WatchFixture: Sendable {
    struct SetupFailure: Error, CustomStringConvertible {
        let description: String
    }

    let authority: CertificateAuthority
    let server: FakeAPIServer
    let tokenFile: String
    let cache: ClusterCache
    let events = EventRecorder()
    let logs = InMemoryLogHandler()
    let watcher: ClusterWatcher

    /// Settings fast enough for tests: small pages (continue tokens), short backoff; a silent
    /// watch is given 30 s unless a test shortens it.
    static let settings = ClusterWatchSettings(
        pageSize: 2,
        watchTimeout: .seconds(300),
        watchReadTimeout: .seconds(30),
        connectTimeout: .seconds(5),
        requestTimeout: .seconds(5),
        initialBackoff: .milliseconds(20),
        maximumBackoff: .milliseconds(200)
    )

    init(
        clusters: [(namespace: String, name: String)] = [],
        serverToken: String = "good-token",
        clientToken: String = "good-token",
        settings: ClusterWatchSettings = WatchFixture.settings,
        gracePeriod: Duration = .seconds(60),
        access: (@Sendable (CertificateAuthority, FakeAPIServer, String) throws -> KubernetesAccess)? = nil,
        serverClientCA: Bool = false
    ) throws {
        authority = try CertificateAuthority()
        let certificate = try authority.issueServerCertificate(keyType: .ecdsa)
        server = try FakeAPIServer(
            directory: authority.directory,
            certificate: certificate,
            token: serverToken,
            clientCAFile: serverClientCA ? authority.certificateFile : nil
        )
        for cluster in clusters {
            try server.add(namespace: cluster.namespace, name: cluster.name)
        }
        tokenFile = "\(authority.directory)/token"
        try Self.write(clientToken, to: tokenFile)
        cache = ClusterCache(gracePeriod: gracePeriod)
        let resolved = try access?(authority, server, tokenFile)
            ?? KubernetesAccess(
                host: "127.0.0.1",
                port: server.port,
                tls: TLSClientConfiguration(trustedCertificates: .file(authority.certificateFile)),
                credentials: .tokenFile(tokenFile),
                origin: "test"
            )
        let handler = logs
        var logger = Logger(label: "cluster-watch-test", factory: { _ in handler })
        logger.logLevel = .info
        watcher = ClusterWatcher(access: resolved, cache: cache, settings: settings, events: events, logger: logger)
    }

    /// Builds a fixture off the concurrency pool; see the type's comment.
    static func make(
        clusters: [(namespace: String, name: String)] = [],
        serverToken: String = "good-token",
        clientToken: String = "good-token",
        settings: ClusterWatchSettings = WatchFixture.settings,
        gracePeriod: Duration = .seconds(60),
        serverClientCA: Bool = false,
        access: (@Sendable (CertificateAuthority, FakeAPIServer, String) throws -> KubernetesAccess)? = nil
    ) async throws -> WatchFixture {
        let clusters = clusters.map { [$0.namespace, $0.name] }
        return try await offPool {
            try WatchFixture(
                clusters: clusters.map { (namespace: $0[0], name: $0[1]) },
                serverToken: serverToken,
                clientToken: clientToken,
                settings: settings,
                gracePeriod: gracePeriod,
                access: access,
                serverClientCA: serverClientCA
            )
        }
    }

    deinit {
        watcher.stop()
        server.stop()
    }

    /// Stops the watcher and the server, off the concurrency pool.
    func finish() async {
        _ = try? await Self.offPool { [watcher, server] in
            watcher.stop()
            server.stop()
        }
    }

    /// Kills the fake API server, off the concurrency pool.
    func killServer() async {
        _ = try? await Self.offPool { [server] in server.stop() }
    }

    /// Runs blocking work on a new thread and awaits its result.
    static func offPool<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try body() }) }.start()
        }
    }

    /// Waits until `namespace/name` gets `answer`.
    func wait(for answer: ClusterLookup, namespace: String, name: String, timeout: Duration = .seconds(15)) async -> Bool {
        let cache = cache
        return await events.wait(timeout: timeout) { cache.lookup(namespace: namespace, name: name) == answer }
    }

    /// Waits until the watcher has reported `event` at least `count` times.
    func wait(for event: EventRecorder.Event, count: Int = 1, timeout: Duration = .seconds(15)) async -> Bool {
        let events = events
        return await events.wait(timeout: timeout) { events.count(of: event) >= count }
    }

    /// Log entries whose message contains `text`.
    func logEntries(containing text: String) -> [InMemoryLogHandler.Entry] {
        logs.entries.filter { "\($0.message)".contains(text) }
    }

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
