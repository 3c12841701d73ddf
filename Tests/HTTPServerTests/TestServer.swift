import Foundation
import HTTPServer
import InMemoryLogging
import Logging
import TLS
import Testing
import WebhookTestSupport

/// A real server on 127.0.0.1:0 for the duration of `body`, then shut down gracefully (the hummingbird
/// `testServer` habit). The body gets the server and the bound port of its `main` listener.
struct TestServer {
    /// Generous, so debug builds on a loaded machine never trip a timeout a test is not about.
    var limits = ServerLimits(requestTimeout: .seconds(30), idleTimeout: .seconds(60))
    var eventLoopThreads = 2
    var shutdownDelay: Duration = .zero
    var shutdownTimeout: Duration = .seconds(10)
    var responder: any HTTPResponder = EchoResponder()
    let events = RecordingEvents()
    let lifecycle = ServerLifecycle()
    let logs = InMemoryLogHandler()

    func makeServer(listeners: [ListenerConfiguration]? = nil) throws -> HTTPServer {
        let configuration = ServerConfiguration(
            listeners: listeners ?? [ListenerConfiguration(name: "main", host: "127.0.0.1", port: 0, responder: responder)],
            limits: limits,
            eventLoopThreads: eventLoopThreads,
            shutdownDelay: shutdownDelay,
            shutdownTimeout: shutdownTimeout
        )
        let logs = self.logs
        return try HTTPServer(
            configuration: configuration,
            lifecycle: lifecycle,
            errorRenderer: TestErrorRenderer(),
            events: events,
            logger: Logger(label: "http-test", factory: { _ in logs })
        )
    }

    /// The `main` listener over TLS with `certificate` (and mutual TLS when `clientCA` is set).
    func tlsListener(_ certificate: IssuedCertificate, clientCA: String? = nil) -> [ListenerConfiguration] {
        tlsListener(certificateFile: certificate.certificateFile, privateKeyFile: certificate.privateKeyFile, clientCA: clientCA)
    }

    func tlsListener(certificateFile: String, privateKeyFile: String, clientCA: String? = nil) -> [ListenerConfiguration] {
        let tls = TLSConfiguration(certificateFile: certificateFile, privateKeyFile: privateKeyFile, clientCAFile: clientCA)
        return [ListenerConfiguration(name: "main", host: "127.0.0.1", port: 0, tls: tls, responder: responder)]
    }

    /// Starts `server.run()` in a task and returns once the event loops are running.
    static func start(_ server: HTTPServer) async throws -> Task<Void, any Error> {
        let (running, announce) = AsyncStream<Void>.makeStream()
        let task = Task { try await server.run(onRunning: { announce.finish() }) }
        try await withDeadline(.seconds(30), "server start") {
            for await _ in running {}
        }
        return task
    }

    /// Runs `body` against a running server, then shuts it down and waits for `run()` to return.
    func run<Value: Sendable>(
        listeners: [ListenerConfiguration]? = nil,
        _ body: @Sendable (HTTPServer, Int) async throws -> Value
    ) async throws -> Value {
        let server = try makeServer(listeners: listeners)
        let port = try #require(server.port(of: listeners?.first?.name ?? "main"))
        let running = try await Self.start(server)
        do {
            let result = try await body(server, port)
            server.beginGracefulShutdown()
            try await running.value
            return result
        } catch {
            server.beginGracefulShutdown()
            try await running.value
            throw error
        }
    }
}


struct DeadlineExceeded: Error, CustomStringConvertible {
    let description: String
}

/// Awaits `operation`, failing if it takes longer than `limit` (every wait in these tests has a deadline).
func withDeadline<Value: Sendable>(
    _ limit: Duration,
    _ what: String,
    _ operation: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    try await withThrowingTaskGroup(of: Value?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        guard let first = try await group.next(), let value = first else {
            group.cancelAll()
            throw DeadlineExceeded(description: "\(what) took longer than \(limit)")
        }
        group.cancelAll()
        return value
    }
}

/// Polls `condition` (cheap, in-process state) until it holds, for at most `limit`.
func waitUntil(_ what: String, within limit: Duration = .seconds(10), _ condition: () -> Bool) throws {
    let deadline = ContinuousClock.now.advanced(by: limit)
    while !condition() {
        guard ContinuousClock.now < deadline else { throw DeadlineExceeded(description: "\(what) not within \(limit)") }
        usleep(1000)
    }
}
