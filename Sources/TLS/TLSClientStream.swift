internal import COpenSSL
internal import COpenSSLShims
import Glibc

/// A blocking TLS client connection for a thread that owns it: connect with a deadline, verify the
/// server, then write requests and read responses, each bounded by a timeout.
///
/// The Kubernetes API client runs its list and watch on a dedicated thread, so blocking calls are
/// the simple, correct shape there (never on the Swift concurrency pool). The server's chain is
/// verified against the context's trust anchors, and its name against `serverName`: a DNS name is
/// checked against the certificate's DNS SANs (and sent as SNI), an IP address against its IP SANs.
/// A `StreamInterrupter` lets another thread end a blocked connect or read at once.
///
/// Not `Sendable`: one thread uses it. The stream owns its socket and closes it in `deinit`,
/// without a close_notify: the HTTP layer above frames its own messages.
public final class TLSClientStream {
    private let context: TLSClientContext
    private let socket: ClientSocket
    private let connection: OpaquePointer
    /// `host:port`, for errors.
    public let peer: String

    /// Connects to `host:port` and completes the TLS handshake before `connectTimeout` has passed.
    /// `serverName` is the name the certificate must carry (default: `host`).
    public init(
        host: String,
        port: Int,
        serverName: String? = nil,
        context: TLSClientContext,
        connectTimeout: Duration,
        interrupter: StreamInterrupter? = nil
    ) throws(TLSError) {
        let deadline = ContinuousClock.now + connectTimeout
        let peer = ClientSocket.authority(host: host, port: port)
        let socket = try ClientSocket(host: host, port: port, deadline: deadline, interrupter: interrupter)
        ERR_clear_error()
        guard let connection = context.makeConnection() else {
            throw TLSError.draining(operation: "SSL_new")
        }
        do throws(TLSError) {
            try Self.expect(serverName ?? host, on: connection)
            guard SSL_set_fd(connection, socket.descriptor) == 1 else {
                throw TLSError.draining(operation: "SSL_set_fd")
            }
            SSL_set_connect_state(connection)
            let remaining = ContinuousClock.now.duration(to: deadline)
            try socket.setReceiveTimeout(remaining)
            try socket.setSendTimeout(remaining)
            let (result, errorNumber) = socket.suppressingBrokenPipe {
                ERR_clear_error()
                return SSL_connect(connection)
            }
            if result != 1 {
                throw Self.handshakeError(connection, result: result, errorNumber: errorNumber, peer: peer, interrupter: interrupter)
            }
        } catch {
            SSL_free(connection)
            throw error
        }
        self.context = context
        self.socket = socket
        self.connection = connection
        self.peer = peer
    }

    deinit {
        SSL_free(connection)
    }

    /// Sends all of `bytes`, each blocking send bounded by `timeout`.
    public func write(_ bytes: [UInt8], timeout: Duration) throws(TLSError) {
        try socket.setSendTimeout(timeout)
        var offset = 0
        while offset < bytes.count {
            var written = 0
            let (result, errorNumber) = socket.suppressingBrokenPipe {
                ERR_clear_error()
                return bytes.withUnsafeBytes { buffer in
                    SSL_write_ex(connection, buffer.baseAddress.map { $0 + offset }, buffer.count - offset, &written)
                }
            }
            guard result == 1 else {
                throw failure(after: Int32(result), errorNumber: errorNumber, operation: "write to \(peer)", timeout: timeout)
            }
            offset += min(written, bytes.count - offset)
        }
    }

    /// Reads at most `maxBytes` decrypted bytes, appending them to `buffer`, waiting at most
    /// `timeout` for the first of them.
    public func read(into buffer: inout [UInt8], maxBytes: Int, timeout: Duration) throws(TLSError) -> TLSStreamRead {
        guard maxBytes > 0 else { return .bytes(0) }
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return .timedOut }
            try socket.setReceiveTimeout(remaining)
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: maxBytes))
            var count = 0
            let (result, errorNumber) = socket.suppressingBrokenPipe {
                ERR_clear_error()
                return buffer.withUnsafeMutableBytes { bytes in
                    SSL_read_ex(connection, bytes.baseAddress.map { $0 + start }, maxBytes, &count)
                }
            }
            let readCount = result == 1 ? min(count, maxBytes) : 0
            buffer.removeLast(maxBytes - readCount)
            if result == 1 { return .bytes(readCount) }
            switch SSL_get_error(connection, Int32(result)) {
            case SSL_ERROR_ZERO_RETURN:
                return .endOfStream
            case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
                // The receive timeout expired, or a signal interrupted the wait: retry until the deadline.
                continue
            case SSL_ERROR_SYSCALL where ERR_peek_error() == 0 && errorNumber == 0:
                return .endOfStream
            default:
                throw failure(after: Int32(result), errorNumber: errorNumber, operation: "read from \(peer)", timeout: timeout)
            }
        }
    }

    /// The negotiated protocol version (`TLSv1.3`).
    public var protocolVersion: String? {
        guard let name = SSL_get_version(connection) else { return nil }
        return String(cString: name)
    }

    private func failure(after result: Int32, errorNumber: Int32, operation: String, timeout: Duration) -> TLSError {
        switch SSL_get_error(connection, result) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            ERR_clear_error()
            return TLSError(operation: operation, openSSLErrors: ["timed out after \(timeout)"])
        case SSL_ERROR_SYSCALL where ERR_peek_error() == 0:
            return errorNumber == 0
                ? TLSError(operation: operation, openSSLErrors: ["connection closed by the peer"])
                : .system(operation: operation, errorNumber: errorNumber)
        default:
            return .draining(operation: operation)
        }
    }

    /// Sets the name or address the server's certificate must match, and SNI for a name.
    private static func expect(_ serverName: String, on connection: OpaquePointer) throws(TLSError) {
        guard let parameters = SSL_get0_param(connection) else {
            throw TLSError.draining(operation: "SSL_get0_param")
        }
        X509_VERIFY_PARAM_set_hostflags(parameters, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
        if isIPAddress(serverName) {
            guard X509_VERIFY_PARAM_set1_ip_asc(parameters, serverName) == 1 else {
                throw TLSError.draining(operation: "expect server IP address \(serverName)")
            }
        } else {
            guard SSL_set1_host(connection, serverName) == 1, COpenSSLShims_SSL_set_tlsext_host_name(connection, serverName) == 1 else {
                throw TLSError.draining(operation: "expect server name \(serverName)")
            }
        }
    }

    private static func isIPAddress(_ text: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET, text, &address) == 1 || inet_pton(AF_INET6, text, &address) == 1
    }

    /// Why the handshake failed, with the certificate verification result when that was the cause.
    private static func handshakeError(
        _ connection: OpaquePointer,
        result: Int32,
        errorNumber: Int32,
        peer: String,
        interrupter: StreamInterrupter?
    ) -> TLSError {
        let operation = "TLS handshake with \(peer)"
        var error: TLSError
        switch SSL_get_error(connection, result) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            ERR_clear_error()
            error = TLSError(operation: operation, openSSLErrors: ["timed out"])
        case SSL_ERROR_SYSCALL where ERR_peek_error() == 0:
            error = errorNumber == 0
                ? TLSError(operation: operation, openSSLErrors: ["connection closed by the server"])
                : .system(operation: operation, errorNumber: errorNumber)
        default:
            error = .draining(operation: operation)
        }
        let verification = SSL_get_verify_result(connection)
        if verification != Int(X509_V_OK), let reason = X509_verify_cert_error_string(verification) {
            error.openSSLErrors.append("server certificate: \(String(cString: reason))")
        }
        if interrupter?.isInterrupted == true {
            error.openSSLErrors = ["interrupted"]
        }
        return error
    }
}
