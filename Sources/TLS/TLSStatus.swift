/// The outcome of one non-blocking TLS step on a connection.
///
/// `wantRead` / `wantWrite` say which readiness to wait for before calling the *same* operation
/// again; a TLS read can need the socket to be writable (and a write readable) during a handshake
/// or a key update, so the event loop must watch whichever is asked for.
public enum TLSStatus: Sendable, Equatable {
    /// The step completed: bytes read or written (0 for a finished handshake).
    case done(Int)
    /// Call again once the socket is readable.
    case wantRead
    /// Call again once the socket is writable.
    case wantWrite
    /// The peer closed the connection (close_notify or end of stream); nothing more will come.
    case closed
    /// A protocol or system error; the connection is unusable and must be closed without `shutdown()`.
    case failed(TLSError)
}
