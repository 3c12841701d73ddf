/// A listener after binding: its socket, and what each of its connections needs.
///
/// Only event loops hold it, so the listening socket closes when the last loop lets go of it;
/// connections keep just the ``ListenerService`` and never hold the socket open.
struct BoundListener: Sendable {
    let socket: Socket
    let port: Int
    /// Builds the transport for one accepted socket (plain, or TLS with the listener's current context).
    let makeTransport: @Sendable (Socket) throws -> any ConnectionTransport
    let service: ListenerService
}

/// What a connection needs from the listener that accepted it.
struct ListenerService: Sendable {
    let name: String
    let responder: any HTTPResponder
    /// TLS listeners report handshake failures; plain ones have no handshake.
    let isTLS: Bool
}
