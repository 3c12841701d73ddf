/// The limits that keep one client from costing the others, each exposed as a `serve` flag.
public struct ServerLimits: Sendable, Equatable {
    /// Request line plus header fields (and, separately, chunked trailers); over it → 431.
    public var maxHeaderBytes: Int
    /// Decoded body; a larger `Content-Length` is refused before any body byte is read → 413.
    public var maxBodyBytes: Int
    /// Time to receive a whole request, from its first byte (from accept, TLS handshake included, for the
    /// first request on a connection); over it → 408 and close. Also bounds the time to send a response.
    public var requestTimeout: Duration
    /// How long a keep-alive connection may sit between requests before it is closed.
    public var idleTimeout: Duration
    /// Open connections across all listeners; a connection over it is accepted and closed at once,
    /// so the client fails fast instead of waiting in the backlog.
    public var maxConnections: Int

    public init(
        maxHeaderBytes: Int = 16 * 1024,
        maxBodyBytes: Int = 7 * 1024 * 1024,
        requestTimeout: Duration = .seconds(10),
        idleTimeout: Duration = .seconds(90),
        maxConnections: Int = 10_000
    ) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }
}
