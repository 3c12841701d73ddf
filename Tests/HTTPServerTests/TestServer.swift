import Foundation
import HTTPServer
import InMemoryLogging
import Logging
import Testing

/// A real server on 127.0.0.1:0 for the duration of `body`, then shut down gracefully (the hummingbird
/// `testServer` habit). The body gets the server and the bound port of its `main` listener.
struct TestServer {
    var limits = ServerLimits(requestTimeout: .seconds(5), idleTimeout: .seconds(30))
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

    /// Runs `body` against a running server, then shuts it down and waits for `run()` to return.
    func run<Value: Sendable>(
        listeners: [ListenerConfiguration]? = nil,
        _ body: @Sendable (HTTPServer, Int) async throws -> Value
    ) async throws -> Value {
        let server = try makeServer(listeners: listeners)
        let port = try #require(server.port(of: listeners?.first?.name ?? "main"))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            do {
                let result = try await body(server, port)
                server.beginGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                server.beginGracefulShutdown()
                try await group.waitForAll()
                throw error
            }
        }
    }
}

/// Runs blocking client code (raw sockets, child processes) off the Swift concurrency pool.
func onThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.start()
    }
}
