import Logging

/// One accepted connection, owned and driven by one event loop.
///
/// It serves one request at a time: while a response is being written it does not read, so a client that
/// pipelines requests (or never reads its answers) costs at most one request plus one read of buffered
/// bytes. Read buffers are borrowed from the loop and the parser gives its memory back between requests,
/// so an idle keep-alive connection holds a few hundred bytes plus its TLS state.
final class Connection {
    /// What the event loop must do after driving the connection.
    enum Outcome: Equatable {
        /// Wait for readiness.
        case waiting(Epoll.Interest)
        /// More work is ready (buffered bytes), but others get a turn first; drive again soon.
        case yielded
        /// The connection is finished; remove and close it.
        case closed
    }

    private enum Output {
        case interim
        case final
    }

    let token: UInt64
    let socket: Socket
    let listener: ListenerService
    private let transport: any ConnectionTransport
    private let context: ServerContext
    // `parser`, `timing` and `output` change through mutating calls and `inout` on every request, and
    // Swift checked each such access at run time (`swift_beginAccess`): with `EventLoop`'s `timers` and
    // `readBuffer`, ~1,800 of a small /mutate's ~96,600 instructions. The checks are off for these three
    // and those two (`@exclusivity(unchecked)`) because no access can overlap another: a connection is
    // confined to its loop's thread (neither class is `Sendable`), and what runs during such an access
    // (the parser, the state machine, `ResponseWriter`: value types and static functions) holds no
    // reference back to this connection or its loop. Keep it so: a call that could reach back here
    // while one of them is being changed needs the checks back.
    @exclusivity(unchecked) private var parser: RequestParser
    @exclusivity(unchecked) private(set) var timing: ConnectionStateMachine<ContinuousClock>
    private var isHandshaking = true
    @exclusivity(unchecked) private var output: [UInt8] = []
    private var outputIndex = 0
    private var outputKind: Output?
    private var isLingering = false
    private var lingeredBytes = 0
    /// What epoll currently watches for this socket (the loop updates it).
    var registeredInterest: Epoll.Interest = .readable
    /// The earliest deadline the loop has queued for this connection.
    var queuedDeadline: ContinuousClock.Instant?

    init(token: UInt64, socket: Socket, transport: any ConnectionTransport, listener: ListenerService, context: ServerContext) {
        self.token = token
        self.socket = socket
        self.transport = transport
        self.listener = listener
        self.context = context
        self.parser = RequestParser(limits: context.limits)
        self.timing = ConnectionStateMachine(
            requestTimeout: context.limits.requestTimeout,
            idleTimeout: context.limits.idleTimeout,
            lingerTimeout: context.lingerTimeout,
            clock: ContinuousClock()
        )
    }

    /// Makes all the progress possible without blocking.
    func drive(readBuffer: inout [UInt8], date: () -> String) -> Outcome {
        var reads = 0
        while true {
            if isHandshaking {
                switch transport.handshake() {
                case .done: isHandshaking = false
                case .wantRead: return .waiting(.readable)
                case .wantWrite: return .waiting(.writable)
                case .closed: return handshakeFailed("connection closed during the handshake")
                case .failed(let reason): return handshakeFailed(reason)
                }
            }

            if outputIndex < output.count {
                switch transport.write(output[outputIndex...]) {
                case .done(let written): outputIndex += written; continue
                case .wantRead: return .waiting(.readable)
                case .wantWrite: return .waiting(.writable)
                case .closed, .failed: return .closed
                }
            }
            if let kind = outputKind {
                outputKind = nil
                output = []
                outputIndex = 0
                if kind == .final {
                    switch timing.responseFinished() {
                    case .awaitNextRequest:
                        // Bytes of a pipelined request already here start its request timer now.
                        if parser.isIdle {
                            parser.releaseMemoryIfIdle()
                            // Epoll is level-triggered, so it wakes us for bytes waiting in the socket;
                            // only bytes the transport already holds would go unseen. Waiting now saves
                            // the read that would almost always just say "nothing yet": one system
                            // call per keep-alive request.
                            if !transport.hasBufferedBytes { return .waiting(.readable) }
                        } else {
                            timing.requestBytesReceived()
                        }
                    case .startClosing:
                        transport.closeWrite()
                        isLingering = true
                    }
                }
                continue
            }

            if isLingering {
                readBuffer.removeAll(keepingCapacity: true)
                switch transport.read(appendingTo: &readBuffer, maxBytes: ServerContext.readChunkBytes) {
                case .done(let count):
                    lingeredBytes += count
                    if lingeredBytes > ServerContext.maxLingerBytes { return .closed }
                    continue
                case .wantRead: return .waiting(.readable)
                case .wantWrite: return .waiting(.writable)
                case .closed, .failed: return .closed
                }
            }

            do {
                switch try parser.next() {
                case .request(let request, let isKeepAlive):
                    respond(to: request, isKeepAlive: isKeepAlive, date: date())
                    continue
                case .expectContinue:
                    output = ResponseWriter.continueResponse
                    outputKind = .interim
                    continue
                case .needMoreData:
                    break
                }
            } catch {
                respond(with: error, date: date())
                continue
            }

            guard reads < ServerContext.readsPerTurn else { return .yielded }
            reads += 1
            readBuffer.removeAll(keepingCapacity: true)
            switch transport.read(appendingTo: &readBuffer, maxBytes: ServerContext.readChunkBytes) {
            case .done(let count):
                if count > 0 {
                    if parser.isIdle { timing.requestBytesReceived() }
                    parser.append(readBuffer)
                }
            case .wantRead: return .waiting(.readable)
            case .wantWrite: return .waiting(.writable)
            case .closed, .failed:
                // End of stream before a complete request: there is no one left to answer.
                return .closed
            }
        }
    }

    /// The loop's timer for this connection's deadline went off.
    func timeoutFired(readBuffer: inout [UInt8], date: () -> String) -> Outcome? {
        switch timing.timeoutFired() {
        case .doNothing:
            return nil
        case .closeConnection:
            return .closed
        case .sendTimeoutResponse:
            if isHandshaking {
                return handshakeFailed("handshake not completed within the request timeout")
            }
            if parser.isIdle && outputKind == nil {
                // A connection that never sent a byte has no request to answer.
                return .closed
            }
            appendError(.timedOut, closes: true, date: date())
            return drive(readBuffer: &readBuffer, date: date)
        }
    }

    /// Listeners closed: an idle keep-alive connection should close now.
    func closeIfIdle() -> Bool {
        timing.closeIfIdle() && parser.isIdle && outputKind == nil
    }

    private func respond(to parsed: HTTPRequest, isKeepAlive: Bool, date: String) {
        var request = parsed
        request.isClientCertificateVerified = transport.isClientCertificateVerified
        request.isClientCertificateVerificationEnabled = transport.isClientCertificateVerificationEnabled
        let response = listener.responder.respond(to: request)
        let closes = responseStarted(isKeepAlive: isKeepAlive, hasPipelinedRequest: parser.bufferedByteCount > 0)
        ResponseWriter.write(response, closesConnection: closes, omitsBody: request.method == "HEAD", date: date, into: &output)
        outputKind = .final
    }

    private func respond(with error: HTTPRequestError, date: String) {
        context.logger.debug(
            "request refused",
            metadata: ["http.listener": "\(listener.name)", "http.status": "\(error.status)", "http.error": "\(error)"]
        )
        let closes = responseStarted(isKeepAlive: !error.closesConnection)
        appendError(error, closes: closes, date: date)
    }

    /// Whether the response about to be written closes the connection; from the moment graceful shutdown
    /// begins, every response does (unless a pipelined request is already here to be answered).
    private func responseStarted(isKeepAlive: Bool, hasPipelinedRequest: Bool = false) -> Bool {
        if context.lifecycle.isDraining { timing.beginDraining() }
        return timing.responseStarted(isKeepAlive: isKeepAlive, hasPipelinedRequest: hasPipelinedRequest)
    }

    private func appendError(_ error: HTTPRequestError, closes: Bool, date: String) {
        var response = context.errorRenderer.response(for: error)
        response.status = error.status
        ResponseWriter.write(response, closesConnection: closes, omitsBody: false, date: date, into: &output)
        outputKind = .final
    }

    private func handshakeFailed(_ reason: String) -> Outcome {
        if listener.isTLS {
            context.events.tlsHandshakeFailed(listener: listener.name, reason: reason)
            context.logger.debug("TLS handshake failed", metadata: ["http.listener": "\(listener.name)", "tls.error": "\(reason)"])
        }
        return .closed
    }
}
