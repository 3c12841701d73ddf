import Foundation
public import Logging
import Synchronization

/// The HTTP/1.1 server: event-loop threads of its own over non-blocking sockets and epoll.
///
/// `init` binds every listener, so ``port(of:)`` answers at once (also for port 0). ``run()`` starts the
/// loops and returns once graceful shutdown has finished. Responders run on the loop threads, never on the
/// Swift concurrency pool, and nothing a client does can block a loop.
public final class HTTPServer: Sendable {
    private let configuration: ServerConfiguration
    private let lifecycle: ServerLifecycle
    private let logger: Logger
    private let ports: [String: Int]
    private let mailboxes: [EventLoopMailbox]
    private let context: ServerContext
    /// Handed to the loops by `run()`; afterwards only they hold the listening sockets, so the last loop to
    /// stop accepting closes them.
    private let unstartedListeners: Mutex<[BoundListener]?>
    private let isShuttingDown = Atomic<Bool>(false)

    /// Binds every listener now.
    /// - Throws: ``SystemError`` when a port cannot be bound; a TLS error when a certificate cannot be loaded.
    public init(
        configuration: ServerConfiguration,
        lifecycle: ServerLifecycle,
        errorRenderer: any HTTPErrorRenderer,
        events: any ServerEvents,
        logger: Logger
    ) throws {
        precondition(configuration.eventLoopThreads > 0, "HTTPServer needs at least one event-loop thread")
        self.configuration = configuration
        self.lifecycle = lifecycle
        self.logger = logger
        var bound: [BoundListener] = []
        var ports: [String: Int] = [:]
        for listener in configuration.listeners {
            precondition(ports[listener.name] == nil, "two listeners named \(listener.name)")
            let socket = try Socket.listening(host: listener.host, port: listener.port)
            let port = try socket.localPort()
            ports[listener.name] = port
            bound.append(BoundListener(
                name: listener.name,
                socket: socket,
                port: port,
                responder: listener.responder,
                makeTransport: { socket in PlainTransport(socket: socket) },
                isTLS: false
            ))
        }
        self.ports = ports
        self.unstartedListeners = Mutex(bound)
        self.mailboxes = try (0..<configuration.eventLoopThreads).map { _ in try EventLoopMailbox() }
        self.context = ServerContext(
            limits: configuration.limits,
            errorRenderer: errorRenderer,
            events: events,
            logger: logger,
            connections: ConnectionCounter(limit: configuration.limits.maxConnections)
        )
        lifecycle.isCertificateLoaded = true
    }

    /// The bound port of the listener with this name.
    public func port(of listener: String) -> Int? {
        ports[listener]
    }

    /// Open connections across all listeners (for tests and diagnostics).
    public var openConnections: Int {
        context.connections.count
    }

    /// Serves until graceful shutdown completes. Cancelling the task closes everything at once instead.
    public func run() async throws {
        let taken = unstartedListeners.withLock { listeners in
            defer { listeners = nil }
            return listeners
        }
        guard let listeners = taken else {
            preconditionFailure("HTTPServer.run() called twice")
        }
        let completion = EventLoopGroupCompletion(loops: mailboxes.count)
        for (index, mailbox) in mailboxes.enumerated() {
            let context = self.context
            let thread = Thread {
                do {
                    let loop = try EventLoop(listeners: listeners, mailbox: mailbox, context: context)
                    try loop.run()
                    completion.loopFinished(error: nil)
                } catch {
                    context.logger.error("event loop failed", metadata: ["error": "\(error)"])
                    completion.loopFinished(error: error)
                }
            }
            thread.name = "http-loop-\(index)"
            thread.start()
        }
        logger.info("HTTP server started", metadata: [
            "http.listeners": "\(ports.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ","))",
            "http.eventLoops": "\(mailboxes.count)",
        ])
        let mailboxes = self.mailboxes
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                completion.wait(with: continuation)
            }
        } onCancel: {
            for mailbox in mailboxes { mailbox.send(.stop) }
        }
        logger.info("HTTP server stopped")
    }

    /// Starts graceful shutdown: readiness reports 503 at once and responses close their connections; after
    /// ``ServerConfiguration/shutdownDelay`` the listeners close and idle connections with them; requests
    /// already received are answered; whatever is still open at ``ServerConfiguration/shutdownTimeout``
    /// (counted from this call) is closed. Calling it again does nothing.
    public func beginGracefulShutdown() {
        lifecycle.isDraining = true
        guard !isShuttingDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let now = ContinuousClock.now
        let stopAcceptingAt = now.advanced(by: min(configuration.shutdownDelay, configuration.shutdownTimeout))
        let forceCloseAt = now.advanced(by: configuration.shutdownTimeout)
        logger.info("graceful shutdown started", metadata: ["http.shutdownDelay": "\(configuration.shutdownDelay)"])
        for mailbox in mailboxes {
            mailbox.send(.drain(stopAcceptingAt: stopAcceptingAt, forceCloseAt: forceCloseAt))
        }
    }
}
