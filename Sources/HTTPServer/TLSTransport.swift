import TLS

/// TLS over a non-blocking socket: OpenSSL does the reading and writing, and tells us which readiness
/// it waits for (a read may need to write, and a write may need to read).
final class TLSTransport: ConnectionTransport {
    /// One TLS record carries at most 16 KiB, so asking for more per read only costs buffer space.
    private static let maxRecordBytes = 16 * 1024

    private let connection: TLSConnection
    private let context: TLSContext
    /// Kept so the descriptor OpenSSL borrows stays open as long as this transport exists.
    private let socket: Socket

    init(context: TLSContext, socket: Socket) throws(TLSError) {
        self.connection = try TLSConnection(context: context, fileDescriptor: socket.descriptor)
        self.context = context
        self.socket = socket
    }

    func handshake() -> TransportStatus {
        Self.transportStatus(connection.handshake())
    }

    func read(appendingTo buffer: inout [UInt8], maxBytes: Int) -> TransportStatus {
        Self.transportStatus(connection.read(into: &buffer, maxBytes: min(maxBytes, Self.maxRecordBytes)))
    }

    func write(_ bytes: ArraySlice<UInt8>) -> TransportStatus {
        Self.transportStatus(connection.write(bytes))
    }

    func closeWrite() {
        connection.shutdown()
        socket.shutdownWrite()
    }

    var hasBufferedBytes: Bool {
        connection.hasBufferedBytes
    }

    var isClientCertificateVerified: Bool {
        connection.isClientCertificateVerified
    }

    var isClientCertificateVerificationEnabled: Bool {
        context.requiresClientCertificates
    }

    private static func transportStatus(_ status: TLSStatus) -> TransportStatus {
        switch status {
        case .done(let count): .done(count)
        case .wantRead: .wantRead
        case .wantWrite: .wantWrite
        case .closed: .closed
        case .failed(let error): .failed(error.description)
        }
    }
}
