import Glibc
import Logging

/// One epoll loop on a thread of its own; it accepts, reads, parses, responds and times out its connections.
///
/// Accept distribution: every loop registers every listening socket with `EPOLLEXCLUSIVE`, so the kernel
/// wakes one waiting loop per incoming connection and whichever loop is free accepts it; the socket and
/// the bound port are shared (port 0 needs no coordination). A connection stays on the loop that accepted it.
/// Everything here runs on the loop's thread; other threads reach it only through its ``EventLoopMailbox``.
final class EventLoop {
    private static let mailboxToken: UInt64 = 0
    private static let firstConnectionToken: UInt64 = 1 << 32
    /// Accepts per listener per wake-up, so a connection storm cannot starve the live connections.
    private static let acceptsPerTurn = 64
    /// Back-off when the process is out of descriptors or memory (`EMFILE`, `ENFILE`, `ENOBUFS`, `ENOMEM`).
    private static let acceptPause: Duration = .milliseconds(100)

    private let clock = ContinuousClock()
    private let epoll: Epoll
    private let mailbox: EventLoopMailbox
    private let context: ServerContext
    /// Index + 1 is the epoll token; `nil` once closed for shutdown.
    private var listeners: [BoundListener?]
    private var connections: [UInt64: Connection] = [:]
    private var nextToken = EventLoop.firstConnectionToken
    /// Exempt from run-time exclusivity checks, as `Connection`'s per-request state is (the invariant is
    /// written there): `readBuffer` is lent `inout` to a connection for each drive (the responder that
    /// runs meanwhile has no way to this loop), `timers` changes through mutating calls on every request,
    /// and neither can be reached again during that access.
    @exclusivity(unchecked) private var timers = TimerQueue<ContinuousClock.Instant>()
    @exclusivity(unchecked) private var readBuffer: [UInt8] = []
    private var yielded: [UInt64] = []
    private var stopAcceptingAt: ContinuousClock.Instant? { didSet { noteLoopDeadlines() } }
    private var forceCloseAt: ContinuousClock.Instant? { didSet { noteLoopDeadlines() } }
    private var acceptPausedUntil: ContinuousClock.Instant? { didSet { noteLoopDeadlines() } }
    /// Accepting is paused or the server is draining: one of the three deadlines above is set. Nearly
    /// always false, and then a turn skips them: `ContinuousClock.Instant` is resilient, so even asking
    /// whether one is `nil` goes through its witness table, ~200 instructions a turn for the three.
    private var hasLoopDeadline = false
    private var isFinished = false
    private var cachedDate: (second: Int, value: String) = (-1, "")

    init(listeners: [BoundListener], mailbox: EventLoopMailbox, context: ServerContext) throws(SystemError) {
        self.epoll = try Epoll()
        self.mailbox = mailbox
        self.context = context
        self.listeners = listeners
        try epoll.add(mailbox.notifier.descriptor, interest: .readable, token: Self.mailboxToken)
        for (index, listener) in listeners.enumerated() {
            try epoll.add(listener.socket.descriptor, interest: [.readable, .exclusive], token: UInt64(index + 1))
        }
    }

    /// Serves until graceful shutdown has finished (or a stop message arrives).
    func run() throws(SystemError) {
        while !isFinished {
            let tokens = try epoll.wait(timeoutMilliseconds: waitTimeout())
            let ready = yielded
            yielded = []
            for token in tokens {
                switch token {
                case Self.mailboxToken:
                    handleMessages()
                case let token where token < Self.firstConnectionToken:
                    acceptConnections(listenerIndex: Int(token - 1))
                default:
                    drive(token)
                }
            }
            for token in ready where connections[token] != nil {
                drive(token)
            }
            let now = clock.now
            if hasLoopDeadline { handleInstants(now: now) }
            fireTimers(now: now)
            if hasLoopDeadline && stopAcceptingAt == nil && forceCloseAt != nil && connections.isEmpty {
                isFinished = true
            }
        }
        closeAll()
    }

    // MARK: waiting

    /// Milliseconds until the next deadline (rounded up, so a timer never fires early), 0 when yielded
    /// connections wait, -1 when nothing is scheduled.
    ///
    /// Runs before every wait, so once per request when requests come one at a time, as the API server
    /// often sends them: the loop's own deadlines are looked at only when one is set, and compared in
    /// place rather than gathered into an array (an allocation and a free per wait).
    private func waitTimeout() -> Int32 {
        if !yielded.isEmpty { return 0 }
        var deadline = timers.earliest
        if hasLoopDeadline {
            deadline = Self.earlier(Self.earlier(deadline, stopAcceptingAt), Self.earlier(forceCloseAt, acceptPausedUntil))
        }
        guard let next = deadline else { return -1 }
        let remaining = clock.now.duration(to: next)
        if remaining <= .zero { return 0 }
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }

    /// Keeps `hasLoopDeadline` in step with the three deadlines; runs only when one of them is set.
    private func noteLoopDeadlines() {
        hasLoopDeadline = acceptPausedUntil != nil || stopAcceptingAt != nil || forceCloseAt != nil
    }

    /// The earlier of two optional deadlines; `nil` only when both are.
    private static func earlier(_ first: ContinuousClock.Instant?, _ second: ContinuousClock.Instant?) -> ContinuousClock.Instant? {
        guard let first, let second else { return first ?? second }
        return min(first, second)
    }

    // MARK: messages and shutdown

    private func handleMessages() {
        for message in mailbox.receive() {
            switch message {
            case .drain(let stopAccepting, let forceClose):
                guard forceCloseAt == nil else { continue }
                stopAcceptingAt = stopAccepting
                forceCloseAt = forceClose
            case .stop:
                isFinished = true
            }
        }
    }

    private func handleInstants(now: ContinuousClock.Instant) {
        if let resume = acceptPausedUntil, resume <= now {
            acceptPausedUntil = nil
            for (index, listener) in listeners.enumerated() {
                guard let listener else { continue }
                do {
                    try epoll.add(listener.socket.descriptor, interest: [.readable, .exclusive], token: UInt64(index + 1))
                } catch {
                    context.logger.error("cannot resume accepting", metadata: ["http.listener": "\(listener.service.name)", "error": "\(error)"])
                }
            }
        }
        if let stop = stopAcceptingAt, stop <= now {
            stopAcceptingAt = nil
            closeListeners()
            for connection in connections.values where connection.closeIfIdle() {
                close(connection)
            }
        }
        if let force = forceCloseAt, force <= now {
            isFinished = true
        }
    }

    /// Stops accepting: the last loop to let go of a listening socket closes it, and new clients are refused.
    private func closeListeners() {
        for (index, listener) in listeners.enumerated() {
            guard let listener else { continue }
            if acceptPausedUntil == nil {
                try? epoll.remove(listener.socket.descriptor)
            }
            listeners[index] = nil
        }
        acceptPausedUntil = nil
    }

    private func closeAll() {
        closeListeners()
        for connection in Array(connections.values) {
            close(connection)
        }
    }

    // MARK: accepting

    private func acceptConnections(listenerIndex: Int) {
        guard listeners.indices.contains(listenerIndex), let listener = listeners[listenerIndex] else { return }
        for _ in 0..<Self.acceptsPerTurn {
            let socket: Socket
            do {
                switch try listener.socket.accept() {
                case .wouldBlock: return
                case .processed(let accepted): socket = accepted
                }
            } catch {
                switch error.errno {
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    pauseAccepting(error)
                    return
                default:
                    // ECONNABORTED and the like: that client is gone, the next one is not.
                    continue
                }
            }
            guard context.connections.tryOpen() else {
                // Over the cap: the socket closes as it goes out of scope, so the client fails fast.
                continue
            }
            open(socket, listener: listener)
        }
    }

    private func pauseAccepting(_ error: SystemError) {
        guard acceptPausedUntil == nil else { return }
        context.logger.warning("accept paused", metadata: ["error": "\(error)"])
        for listener in listeners.compactMap({ $0 }) {
            try? epoll.remove(listener.socket.descriptor)
        }
        acceptPausedUntil = clock.now.advanced(by: Self.acceptPause)
    }

    private func open(_ socket: Socket, listener: BoundListener) {
        let transport: any ConnectionTransport
        do {
            transport = try listener.makeTransport(socket)
        } catch {
            context.connections.close()
            context.logger.warning("cannot set up connection", metadata: ["http.listener": "\(listener.service.name)", "error": "\(error)"])
            return
        }
        let token = nextToken
        nextToken += 1
        let connection = Connection(token: token, socket: socket, transport: transport, listener: listener.service, context: context)
        do {
            try epoll.add(socket.descriptor, interest: .readable, token: token)
        } catch {
            context.connections.close()
            context.logger.warning("cannot watch connection", metadata: ["error": "\(error)"])
            return
        }
        connections[token] = connection
        context.events.connectionOpened(listener: listener.service.name)
        schedule(connection)
    }

    // MARK: connections

    private func drive(_ token: UInt64) {
        guard let connection = connections[token] else { return }
        let outcome = connection.drive(readBuffer: &readBuffer, date: currentDate)
        apply(outcome, to: connection)
    }

    private func apply(_ outcome: Connection.Outcome, to connection: Connection) {
        switch outcome {
        case .closed:
            close(connection)
            return
        case .yielded:
            yielded.append(connection.token)
        case .waiting(let interest):
            if interest != connection.registeredInterest {
                do {
                    try epoll.modify(connection.socket.descriptor, interest: interest, token: connection.token)
                    connection.registeredInterest = interest
                } catch {
                    close(connection)
                    return
                }
            }
        }
        schedule(connection)
        if readBuffer.capacity > ServerContext.readChunkBytes * 2 {
            readBuffer = []
        }
    }

    private func close(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.token) != nil else { return }
        try? epoll.remove(connection.socket.descriptor)
        context.connections.close()
        context.events.connectionClosed(listener: connection.listener.name)
    }

    // MARK: timers

    /// Queues the connection's deadline if it is earlier than the one already queued for it.
    private func schedule(_ connection: Connection) {
        let deadline = connection.timing.deadline
        if let queued = connection.queuedDeadline, queued <= deadline { return }
        connection.queuedDeadline = deadline
        timers.push(deadline, token: connection.token)
    }

    private func fireTimers(now: ContinuousClock.Instant) {
        while let entry = timers.popDue(at: now) {
            guard let connection = connections[entry.token], connection.queuedDeadline == entry.deadline else { continue }
            connection.queuedDeadline = nil
            if let outcome = connection.timeoutFired(readBuffer: &readBuffer, date: currentDate) {
                apply(outcome, to: connection)
            } else {
                schedule(connection)
            }
        }
    }

    /// The `Date` header value, formatted once per second.
    private func currentDate() -> String {
        let second = time(nil)
        if second != cachedDate.second {
            cachedDate = (second, HTTPDate.format(secondsSince1970: Int64(second)))
        }
        return cachedDate.value
    }
}
