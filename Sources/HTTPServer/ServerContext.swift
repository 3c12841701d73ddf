import Logging

/// What every connection of a server shares.
struct ServerContext: Sendable {
    let limits: ServerLimits
    let errorRenderer: any HTTPErrorRenderer
    let events: any ServerEvents
    let logger: Logger
    let connections: ConnectionCounter
    /// Read when a response starts: once graceful shutdown has begun, it closes its connection. Reading the
    /// flag there, rather than waiting for the loop's drain message, covers bytes the loop reads before it
    /// gets to its mailbox (later in the same turn, or earlier in the same epoll batch).
    let lifecycle: ServerLifecycle

    /// How long a closing connection waits for the client's FIN after the last response.
    var lingerTimeout: Duration {
        min(limits.requestTimeout, .seconds(2))
    }

    /// Bytes read and discarded while lingering before giving up on a client that keeps sending.
    static let maxLingerBytes = 256 * 1024
    /// The most bytes asked for in one read.
    static let readChunkBytes = 64 * 1024
    /// Reads per connection before the loop serves the others (fairness against a fast sender).
    static let readsPerTurn = 16
}
