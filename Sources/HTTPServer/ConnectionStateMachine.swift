/// The timing of one connection as a pure state machine (the hummingbird habit): it is told what
/// happened, returns what to do, and holds the one deadline the event loop must watch. Generic over
/// `Clock` so tests drive it with a manual clock.
///
/// Deadlines: receiving a request (and the TLS handshake before the first one) is bounded by the request
/// timeout, counted from accept for the first request and from the first byte for later ones; sending a
/// response by the request timeout as well; an idle keep-alive connection by the idle timeout; the final
/// lingering close (half-closed, waiting for the client's FIN) by the linger timeout.
struct ConnectionStateMachine<C: Clock> where C.Duration == Duration {
    enum State: Equatable {
        /// Waiting for (the rest of) a request; also the TLS handshake.
        case receiving(deadline: C.Instant)
        /// A response is being written; `closesAfter` if the connection ends with it.
        case responding(deadline: C.Instant, closesAfter: Bool)
        /// Between requests on a keep-alive connection.
        case idle(deadline: C.Instant)
        /// Half-closed after the last response; waiting for the client to close.
        case closing(deadline: C.Instant)
    }

    /// What the connection must do after a timeout.
    enum TimeoutAction: Equatable {
        /// The deadline moved since the timer was set: wait for ``deadline``.
        case doNothing
        /// Answer 408 and close (a request was being received).
        case sendTimeoutResponse
        /// Close now, nothing to answer.
        case closeConnection
    }

    /// What the connection must do when a response has been written completely.
    enum ResponseFinishedAction: Equatable {
        /// Keep the connection; parse or wait for the next request.
        case awaitNextRequest
        /// Half-close and wait for the client's FIN until ``deadline`` (so the answer is not lost to a reset).
        case startClosing
    }

    private let clock: C
    private let requestTimeout: Duration
    private let idleTimeout: Duration
    private let lingerTimeout: Duration
    private(set) var state: State
    /// Set when graceful shutdown begins: every later response closes its connection.
    private(set) var isDraining = false

    init(requestTimeout: Duration, idleTimeout: Duration, lingerTimeout: Duration, clock: C) {
        self.clock = clock
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.lingerTimeout = lingerTimeout
        self.state = .receiving(deadline: clock.now.advanced(by: requestTimeout))
    }

    /// The one instant at which ``timeoutFired()`` must be called.
    var deadline: C.Instant {
        switch state {
        case .receiving(let deadline), .responding(let deadline, _), .idle(let deadline), .closing(let deadline):
            deadline
        }
    }

    /// Bytes of a new request arrived: an idle connection starts its request timer.
    mutating func requestBytesReceived() {
        if case .idle = state {
            state = .receiving(deadline: clock.now.advanced(by: requestTimeout))
        }
    }

    /// A final response is about to be written. Returns whether it closes the connection
    /// (HTTP/1.0, `Connection: close`, an error that breaks framing, or graceful shutdown).
    /// While draining, a connection that already holds bytes of a pipelined request stays open to answer
    /// it: nothing received is lost.
    mutating func responseStarted(isKeepAlive: Bool, hasPipelinedRequest: Bool = false) -> Bool {
        let closesAfter = !isKeepAlive || (isDraining && !hasPipelinedRequest)
        state = .responding(deadline: clock.now.advanced(by: requestTimeout), closesAfter: closesAfter)
        return closesAfter
    }

    /// The final response's last byte was written.
    mutating func responseFinished() -> ResponseFinishedAction {
        if case .responding(_, closesAfter: false) = state {
            state = .idle(deadline: clock.now.advanced(by: idleTimeout))
            return .awaitNextRequest
        }
        state = .closing(deadline: clock.now.advanced(by: lingerTimeout))
        return .startClosing
    }

    /// The event loop's timer for ``deadline`` went off.
    mutating func timeoutFired() -> TimeoutAction {
        guard clock.now >= deadline else { return .doNothing }
        switch state {
        case .receiving:
            // The 408 gets the linger time to go out; a client that does not read it is not waited for.
            state = .responding(deadline: clock.now.advanced(by: lingerTimeout), closesAfter: true)
            return .sendTimeoutResponse
        case .responding, .idle, .closing:
            return .closeConnection
        }
    }

    /// Graceful shutdown began: later responses close their connections.
    mutating func beginDraining() {
        isDraining = true
    }

    /// Listeners are closing: an idle keep-alive connection closes now, busy ones after their response.
    mutating func closeIfIdle() -> Bool {
        isDraining = true
        if case .idle = state { return true }
        return false
    }
}
