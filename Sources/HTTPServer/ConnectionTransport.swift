/// The byte stream under a connection: plain TCP or TLS. The HTTP state machine above it is the same;
/// only the handshake and the "wants to read/write" answers differ (TLS may need to write to read).
protocol ConnectionTransport: AnyObject {
    /// Completes the transport's handshake; a plain socket has none and answers `.done(0)`.
    func handshake() -> TransportStatus
    /// Reads at most `maxBytes`, appending to `buffer`; `.closed` is end of stream.
    func read(appendingTo buffer: inout [UInt8], maxBytes: Int) -> TransportStatus
    /// Writes what it can of `bytes` now; `.done(n)` says how many were taken.
    func write(_ bytes: ArraySlice<UInt8>) -> TransportStatus
    /// Ends our direction of the stream after the last response (TLS `close_notify`, then TCP FIN).
    func closeWrite()
    /// Received bytes the transport holds that a read would return at once: epoll cannot see them.
    var hasBufferedBytes: Bool { get }
    var isClientCertificateVerified: Bool { get }
    /// The listener's TLS context verifies client certificates (mutual TLS is on).
    var isClientCertificateVerificationEnabled: Bool { get }
}

/// The result of a transport operation on a non-blocking socket.
enum TransportStatus: Equatable {
    case done(Int)
    /// Call again when the socket is readable.
    case wantRead
    /// Call again when the socket is writable.
    case wantWrite
    /// The peer closed the stream.
    case closed
    /// The stream is broken; the reason is for logs and events.
    case failed(String)
}
