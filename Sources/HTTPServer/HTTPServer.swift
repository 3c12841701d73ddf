import Dispatch
import FoundationEssentials
public import Logging
import Synchronization
import TLS

/// The HTTP/1.1 server: event-loop threads of its own over non-blocking sockets and epoll.
///
/// Creating one sets `SIGPIPE` to ignored for the process: a TLS peer that resets mid-write must cost
/// one connection, not the process.
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
    /// One per TLS listener: new connections take its current context, so a reload reaches them at once.
    private let certificateWatchers: [CertificateWatcher]

    /// Binds every listener and loads every certificate now.
    /// - Throws: ``SystemError`` when a port cannot be bound; `TLSError` when a certificate, key or
    ///   client CA cannot be loaded.
    public init(
        configuration: ServerConfiguration,
        lifecycle: ServerLifecycle,
        errorRenderer: any HTTPErrorRenderer,
        events: any ServerEvents,
        logger: Logger
    ) throws {
        precondition(configuration.eventLoopThreads > 0, "HTTPServer needs at least one event-loop thread")
        SystemCall.ignoreBrokenPipeSignal()
        self.configuration = configuration
        self.lifecycle = lifecycle
        self.logger = logger
        var bound: [BoundListener] = []
        var ports: [String: Int] = [:]
        var watchers: [CertificateWatcher] = []
        for listener in configuration.listeners {
            precondition(ports[listener.name] == nil, "two listeners named \(listener.name)")
            let socket = try Socket.listening(host: listener.host, port: listener.port)
            let port = try socket.localPort()
            ports[listener.name] = port
            let makeTransport: @Sendable (Socket) throws -> any ConnectionTransport
            if let tls = listener.tls {
                let watcher = try CertificateWatcher(
                    configuration: tls,
                    pollInterval: configuration.certificatePollInterval,
                    logger: logger,
                    onRead: { result in
                        switch result {
                        case .success(let context): events.certificateRead(succeeded: true, notAfter: context.certificateNotAfter)
                        case .failure: events.certificateRead(succeeded: false, notAfter: nil)
                        }
                    }
                )
                watchers.append(watcher)
                makeTransport = { socket in try TLSTransport(context: watcher.current, socket: socket) }
            } else {
                makeTransport = { socket in PlainTransport(socket: socket) }
            }
            bound.append(BoundListener(
                socket: socket,
                port: port,
                makeTransport: makeTransport,
                service: ListenerService(name: listener.name, responder: listener.responder, isTLS: listener.tls != nil)
            ))
        }
        self.ports = ports
        self.certificateWatchers = watchers
        self.unstartedListeners = Mutex(bound)
        self.mailboxes = try (0..<configuration.eventLoopThreads).map { _ in try EventLoopMailbox() }
        self.context = ServerContext(
            limits: configuration.limits,
            errorRenderer: errorRenderer,
            events: events,
            logger: logger,
            connections: ConnectionCounter(limit: configuration.limits.maxConnections),
            lifecycle: lifecycle
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
        try await run(onRunning: {})
    }

    /// Like ``run()``; `onRunning` is called once the event-loop threads are started, so a caller (a test,
    /// a readiness check) can wait for an event instead of guessing when connections will be served.
    public func run(onRunning: @Sendable () -> Void) async throws {
        let handoffs = takeListeners()
        let watchers = certificateWatchers
        for watcher in watchers { watcher.start() }
        // The last loop thread stops the watchers (stop waits for their thread: never on the concurrency pool).
        let completion = EventLoopGroupCompletion(loops: mailboxes.count) {
            for watcher in watchers { watcher.stop() }
        }
        for (index, mailbox) in mailboxes.enumerated() {
            let context = self.context
            let handoff = handoffs[index]
            // A serial queue of its own is an overcommit queue: libdispatch gives it a dedicated
            // thread, so a loop blocked in epoll_wait never starves the Swift concurrency pool.
            DispatchQueue(label: "http-loop-\(index)").async {
                SystemCall.adoptProcessNiceness()
                do {
                    let loop = try EventLoop(listeners: handoff.take(), mailbox: mailbox, context: context)
                    try loop.run()
                    completion.loopFinished(error: nil)
                } catch {
                    context.logger.error("event loop failed", metadata: ["error": "\(error)"])
                    completion.loopFinished(error: error)
                }
            }
        }
        onRunning()
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

    /// Moves the listening sockets out of the server into one handoff per loop (run once).
    private func takeListeners() -> [ListenerHandoff] {
        let taken = unstartedListeners.withLock { listeners in
            defer { listeners = nil }
            return listeners
        }
        guard let listeners = taken else {
            preconditionFailure("HTTPServer.run() called twice")
        }
        return mailboxes.map { _ in ListenerHandoff(listeners) }
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
