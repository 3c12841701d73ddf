/// The outcome of one blocking read on a `TLSClientStream` that did not fail.
public enum TLSStreamRead: Sendable, Equatable {
    /// This many bytes (at least one) were appended to the buffer.
    case bytes(Int)
    /// The peer closed the stream (close_notify, or a TCP end of stream).
    case endOfStream
    /// Nothing arrived before the read deadline: the peer is silent or the path is dead. The stream
    /// is unusable afterwards (OpenSSL may be mid-record).
    case timedOut
}
