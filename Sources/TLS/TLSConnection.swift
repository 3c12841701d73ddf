internal import COpenSSL
import Glibc

/// The server side of one TLS connection over a non-blocking socket.
///
/// Owned by one event-loop thread, so it is deliberately not `Sendable`: OpenSSL's `SSL` object
/// must not be used from two threads at once. It borrows the descriptor (`SSL_set_fd` with
/// BIO_NOCLOSE): the HTTP layer's socket owns and closes it, after this object is gone or shut down.
/// It holds its `TLSContext` strongly, so a certificate reload cannot free the context under a
/// live connection.
///
/// Every step is non-blocking and returns a `TLSStatus`: on `.wantRead` / `.wantWrite` wait for
/// that readiness and call the same operation again. Before waiting for the socket to be readable, check
/// `hasBufferedBytes`: OpenSSL may hold received bytes that epoll cannot see, and `read` returns them at once.
public final class TLSConnection {
    private let context: TLSContext
    private let connection: OpaquePointer
    /// After a fatal error OpenSSL forbids `SSL_shutdown`; remembered so `shutdown()` stays safe.
    private var hasFailed = false

    /// Wraps `fileDescriptor`, which must already be non-blocking, as the server end of a handshake.
    public init(context: TLSContext, fileDescriptor: Int32) throws(TLSError) {
        ERR_clear_error()
        guard let connection = context.makeConnection() else {
            throw TLSError.draining(operation: "SSL_new")
        }
        guard SSL_set_fd(connection, fileDescriptor) == 1 else {
            let error = TLSError.draining(operation: "SSL_set_fd")
            SSL_free(connection)
            throw error
        }
        SSL_set_accept_state(connection)
        self.context = context
        self.connection = connection
    }

    deinit {
        SSL_free(connection)
    }

    /// Advances the handshake; `.done(0)` once it is complete.
    public func handshake() -> TLSStatus {
        clearErrorQueue()
        let result = SSL_do_handshake(connection)
        if result == 1 {
            // The handshake leaves its read buffer allocated until the first read; an idle
            // connection that has not sent its request yet should not hold 16 KiB for it.
            _ = SSL_free_buffers(connection)
            return .done(0)
        }
        return status(after: result, operation: "TLS handshake")
    }

    /// Reads at most `maxBytes` decrypted bytes, appending them to `buffer`; `.done(count)` with count > 0.
    public func read(into buffer: inout [UInt8], maxBytes: Int) -> TLSStatus {
        guard maxBytes > 0 else { return .done(0) }
        var result: Int32 = 0
        var count = 0
        clearErrorQueue()
        // Decrypt straight into the buffer's spare capacity, uninitialised: zero-filling 16 KiB per read, or
        // a fresh array per read (the event loop keeps one buffer for all its reads), would cost more than the read.
        buffer.append(addingCapacity: maxBytes) { spare in
            spare.withUnsafeMutableBufferPointer { bytes, initialized in
                let free = bytes.extracting(initialized...)
                result = SSL_read_ex(connection, free.baseAddress, free.count, &count)
                count = result == 1 ? min(count, free.count) : 0
                initialized += count
            }
        }
        guard result == 1 else { return status(after: result, operation: "TLS read") }
        return .done(count)
    }

    /// Encrypts and sends a prefix of `bytes`; `.done(count)` says how many were taken (partial
    /// writes are on). After `.wantWrite` / `.wantRead`, call again with the same unsent bytes.
    public func write(_ bytes: ArraySlice<UInt8>) -> TLSStatus {
        guard !bytes.isEmpty else { return .done(0) }
        var count = 0
        clearErrorQueue()
        let result = bytes.withUnsafeBytes { buffer in
            SSL_write_ex(connection, buffer.baseAddress, buffer.count, &count)
        }
        if result == 1 { return .done(count) }
        return status(after: result, operation: "TLS write")
    }

    /// Sends close_notify once, without waiting for the peer's; best effort on a non-blocking
    /// socket. Skipped after a failure or before the handshake finished, where OpenSSL forbids it.
    public func shutdown() {
        guard !hasFailed, SSL_is_init_finished(connection) == 1 else { return }
        ERR_clear_error()
        _ = SSL_shutdown(connection)
        ERR_clear_error()
    }

    /// True when the handshake verified a client certificate against the configured client CA.
    /// False without a client CA, or when the client sent no certificate.
    public var isClientCertificateVerified: Bool {
        guard context.requiresClientCertificates, SSL_is_init_finished(connection) == 1 else { return false }
        return SSL_get0_peer_certificate(connection) != nil && SSL_get_verify_result(connection) == Int(X509_V_OK)
    }

    /// The ALPN protocol selected in the handshake (`http/1.1` or `http/1.0`), or `nil` if the client offered none.
    public var negotiatedALPN: String? {
        var data: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(connection, &data, &length)
        guard let data, length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }

    /// The negotiated protocol version (`TLSv1.3`), once the handshake is complete.
    public var protocolVersion: String? {
        guard SSL_is_init_finished(connection) == 1, let name = SSL_get_version(connection) else { return nil }
        return String(cString: name)
    }

    /// The negotiated cipher suite in OpenSSL's spelling, once the handshake is complete.
    public var cipherSuite: String? {
        guard SSL_is_init_finished(connection) == 1, let name = SSL_CIPHER_get_name(SSL_get_current_cipher(connection)) else { return nil }
        return String(cString: name)
    }

    /// True when OpenSSL holds received bytes not yet returned by `read` (so epoll will not wake for them).
    public var hasBufferedBytes: Bool {
        SSL_has_pending(connection) == 1
    }

    /// Empties the thread's OpenSSL error queue, as `SSL_get_error` needs before each call. It is
    /// nearly always empty already (every failure drains it), and `ERR_clear_error` resets all 16 of
    /// its slots regardless: ~380 instructions, twice per request; looking first costs a fraction.
    private func clearErrorQueue() {
        if ERR_peek_error() != 0 {
            ERR_clear_error()
        }
    }

    /// Maps a failed OpenSSL call to a status; reads errno before anything else can change it.
    private func status(after result: Int32, operation: String) -> TLSStatus {
        let errorNumber = errno
        let code = SSL_get_error(connection, result)
        switch code {
        case SSL_ERROR_WANT_READ:
            return .wantRead
        case SSL_ERROR_WANT_WRITE:
            return .wantWrite
        case SSL_ERROR_ZERO_RETURN:
            return .closed
        case SSL_ERROR_SYSCALL:
            hasFailed = true
            if ERR_peek_error() == 0 {
                if errorNumber == 0 { return .closed }
                ERR_clear_error()
                return .failed(.system(operation: operation, errorNumber: errorNumber))
            }
            return .failed(.draining(operation: operation))
        default:
            hasFailed = true
            var error = TLSError.draining(operation: operation)
            if error.openSSLErrors.isEmpty {
                error.openSSLErrors = ["SSL_get_error \(code)"]
            }
            return .failed(error)
        }
    }
}

/// One event-loop thread owns each connection; OpenSSL's `SSL` must not be shared between threads.
@available(*, unavailable)
extension TLSConnection: Sendable {}
