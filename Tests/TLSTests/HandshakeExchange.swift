import TLS

/// One connection between our `TLSConnection` (server side, non-blocking, driven by poll) and
/// `openssl s_client`: handshake, the client's `input` (`ping\n` unless a test sends more), our
/// `pong\n`, close_notify, close.
struct HandshakeExchange {
    /// How our handshake ended.
    let handshake: TLSStatus
    let negotiatedALPN: String?
    let protocolVersion: String?
    let cipherSuite: String?
    let isClientCertificateVerified: Bool
    /// What we read from the client after the handshake.
    let received: String
    let clientStatus: Int32
    let clientOutput: String

    var isEstablished: Bool { handshake == .done(0) }

    init(context: TLSContext, clientArguments: [String], input: String = "ping\n", directory: String) throws {
        let listener = try LoopbackListener()
        let client = try OpenSSLClient(port: listener.port, arguments: clientArguments, input: input, outputDirectory: directory)
        let deadline = ContinuousClock.now + .seconds(20)
        do {
            let socket = try listener.accept(within: .seconds(20))
            let connection = try TLSConnection(context: context, fileDescriptor: socket.descriptor)
            handshake = socket.drive(until: deadline, connection.handshake)
            var received: [UInt8] = []
            if handshake == .done(0) {
                received = socket.read(from: connection, count: input.utf8.count, until: deadline)
                _ = socket.write(Array("pong\n".utf8), to: connection, until: deadline)
                connection.shutdown()
            }
            self.received = String(decoding: received, as: UTF8.self)
            negotiatedALPN = connection.negotiatedALPN
            protocolVersion = connection.protocolVersion
            cipherSuite = connection.cipherSuite
            isClientCertificateVerified = connection.isClientCertificateVerified
            // The socket closes after this scope, so the client sees the end of the stream and exits.
            withExtendedLifetime(socket) {}
        }
        let finished = client.finish(within: .seconds(20))
        clientStatus = finished.status
        clientOutput = finished.output
    }
}
