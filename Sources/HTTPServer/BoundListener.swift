/// A listener after binding: its socket and what each of its connections needs.
struct BoundListener: Sendable {
    let name: String
    let socket: Socket
    let port: Int
    let responder: any HTTPResponder
    /// Builds the transport for one accepted socket (plain, or TLS with the listener's current context).
    let makeTransport: @Sendable (Socket) throws -> any ConnectionTransport
    /// TLS listeners report handshake failures; plain ones have no handshake.
    let isTLS: Bool
}
