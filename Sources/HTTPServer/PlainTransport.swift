/// TCP without TLS: the metrics/probe port, and every listener without a certificate.
final class PlainTransport: ConnectionTransport {
    private let socket: Socket

    init(socket: Socket) {
        self.socket = socket
    }

    func handshake() -> TransportStatus {
        .done(0)
    }

    func read(appendingTo buffer: inout [UInt8], maxBytes: Int) -> TransportStatus {
        do {
            switch try socket.read(appendingTo: &buffer, maxBytes: maxBytes) {
            case .processed(0): return .closed
            case .processed(let count): return .done(count)
            case .wouldBlock: return .wantRead
            }
        } catch {
            return .failed(error.description)
        }
    }

    func write(_ bytes: ArraySlice<UInt8>) -> TransportStatus {
        do {
            switch try socket.write(bytes) {
            case .processed(let count): return .done(count)
            case .wouldBlock: return .wantWrite
            }
        } catch {
            return .failed(error.description)
        }
    }

    func closeWrite() {
        socket.shutdownWrite()
    }

    var hasBufferedBytes: Bool { false }
    var isClientCertificateVerified: Bool { false }
    var isClientCertificateVerificationEnabled: Bool { false }
}
