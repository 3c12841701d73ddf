internal import COpenSSL
internal import COpenSSLShims
public import FoundationEssentials

/// A server-side OpenSSL context: certificate chain, key, client CA and protocol policy.
///
/// Building one reads and parses key material, so it is expensive: build it once per (re)load,
/// off the event loop (the `CertificateWatcher` does that on its own thread), then share it with
/// every connection. It is immutable after `init`. A reload builds a new context and swaps it in;
/// connections already open keep the one they started with (each `TLSConnection` holds it strongly).
///
/// Policy: TLS 1.2 minimum (or 1.3), TLS 1.3 preferred; ECDHE + AEAD suites only; groups X25519,
/// P-256, P-384; ALPN selects `http/1.1` (or `http/1.0` for a client that offers only that) and
/// never `h2` (HTTP/2 stays off, after CVE-2023-44487, as Kubernetes webhooks do); renegotiation, compression and stateless session tickets off;
/// resumption through a bounded server-side session cache.
/// With a client CA, a client certificate is requested and verified *if presented*: the handshake
/// fails for an untrusted one, but succeeds without one, so probes and metrics stay reachable and
/// the HTTP layer answers 403 on the paths that need it (`TLSConnection.isClientCertificateVerified`).
public final class TLSContext: @unchecked Sendable {
    // @unchecked Sendable: `context` is configured completely in `init` and never mutated after;
    // OpenSSL allows one SSL_CTX to be shared by SSL objects on many threads once it is set up
    // (its reference counts and session cache are locked internally). The other members are `let` values.
    private let context: OpaquePointer

    /// When the serving certificate expires (for the expiry metric); `nil` only if OpenSSL cannot read the date.
    public let certificateNotAfter: Date?
    /// SHA-256 of the serving certificate's DER, lowercase hex: tells reloads apart in logs and tests.
    public let certificateFingerprint: String
    /// Whether a client CA is configured, so that client certificates are requested and verified.
    public let requiresClientCertificates: Bool
    /// The configuration this context was built from.
    public let configuration: TLSConfiguration

    /// Reads the configured files and builds the context; throws a `TLSError` naming the file and
    /// OpenSSL's reason (unreadable file, no PEM certificate, key not matching the certificate, ...).
    public convenience init(configuration: TLSConfiguration) throws(TLSError) {
        let pair = try CertificatePair(reading: configuration)
        try self.init(configuration: configuration, pair: pair)
    }

    /// Builds the context from bytes already read (the watcher reads once, compares, then builds).
    init(configuration: TLSConfiguration, pair: CertificatePair) throws(TLSError) {
        let ciphers = try CipherSuiteSelection(names: configuration.cipherSuites, minimumVersion: configuration.minimumVersion)
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_server_method()) else {
            throw TLSError.draining(operation: "SSL_CTX_new")
        }
        let certificate: LeafCertificateFacts
        do throws(TLSError) {
            try Self.applyPolicy(to: context, configuration: configuration, ciphers: ciphers)
            certificate = try Self.useCertificateChain(
                pair.certificateChain, key: pair.privateKey, in: context,
                certificateName: configuration.certificateFile, keyName: configuration.privateKeyFile)
            if let clientCA = pair.clientCA, let path = configuration.clientCAFile {
                try Self.useClientCA(clientCA, path: path, in: context)
            }
        } catch {
            SSL_CTX_free(context)
            throw error
        }
        self.context = context
        self.certificateNotAfter = certificate.notAfter
        self.certificateFingerprint = certificate.fingerprint
        self.requiresClientCertificates = pair.clientCA != nil
        self.configuration = configuration
    }

    deinit {
        SSL_CTX_free(context)
    }

    /// A fresh `SSL` for one connection; the caller owns it (and must keep this context alive).
    func makeConnection() -> OpaquePointer? {
        SSL_new(context)
    }
}

extension TLSContext {
    /// Groups in preference order: X25519 first (fast, constant time), then the NIST curves.
    static let groups = "X25519:P-256:P-384"
    /// Sessions cached for TLS 1.2 resumption; bounded so thousands of handshakes cost bounded memory.
    static let sessionCacheSize = 1024
    /// Any constant works; OpenSSL refuses to resume sessions when client verification is on and this is unset.
    static let sessionIDContext: [UInt8] = Array("swift-tls-server".utf8)

    private static func applyPolicy(to context: OpaquePointer, configuration: TLSConfiguration, ciphers: CipherSuiteSelection) throws(TLSError) {
        // Unexpected EOF is treated as a clean close: HTTP frames its own messages, and many
        // clients (curl, Go) close without close_notify; otherwise each such close is an error.
        // No stateless tickets: OpenSSL never rotates a context's ticket key, and a context lives
        // until the next certificate change, so resumption goes through the bounded server-side
        // cache instead (TLS 1.3 then issues stateful tickets).
        _ = SSL_CTX_set_options(
            context,
            COpenSSLShims_SSL_OP_NO_RENEGOTIATION | COpenSSLShims_SSL_OP_NO_COMPRESSION
                | COpenSSLShims_SSL_OP_CIPHER_SERVER_PREFERENCE | COpenSSLShims_SSL_OP_IGNORE_UNEXPECTED_EOF
                | COpenSSLShims_SSL_OP_NO_TICKET
        )
        guard COpenSSLShims_SSL_CTX_set_min_proto_version(context, configuration.minimumVersion.openSSLVersion) == 1 else {
            throw TLSError.draining(operation: "set minimum TLS version \(configuration.minimumVersion.rawValue)")
        }
        if !ciphers.tls12.isEmpty {
            guard SSL_CTX_set_cipher_list(context, ciphers.tls12.joined(separator: ":")) == 1 else {
                throw TLSError.draining(operation: "set TLS 1.2 cipher suites")
            }
        }
        guard SSL_CTX_set_ciphersuites(context, ciphers.tls13.joined(separator: ":")) == 1 else {
            throw TLSError.draining(operation: "set TLS 1.3 cipher suites")
        }
        guard COpenSSLShims_SSL_CTX_set1_groups_list(context, groups) == 1 else {
            throw TLSError.draining(operation: "set key exchange groups \(groups)")
        }
        // Partial writes and a moving buffer let the event loop retry from a Swift array after
        // WANT_WRITE; released buffers keep idle connections at a few hundred bytes of TLS state.
        _ = COpenSSLShims_SSL_CTX_set_mode(
            context,
            Int(SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_RELEASE_BUFFERS)
        )
        // Read ahead: one read(2) takes every record that has arrived (a request is usually one record)
        // instead of one read for each record's 5-byte header and another for its body. Before waiting
        // for epoll the event loop asks `hasBufferedBytes`, so records OpenSSL holds are never left unseen.
        COpenSSLShims_SSL_CTX_set_read_ahead(context, 1)
        _ = COpenSSLShims_SSL_CTX_sess_set_cache_size(context, sessionCacheSize)
        _ = SSL_CTX_set_num_tickets(context, 1)
        let contextSet = sessionIDContext.withUnsafeBufferPointer { bytes in
            SSL_CTX_set_session_id_context(context, bytes.baseAddress, UInt32(bytes.count))
        }
        guard contextSet == 1 else {
            throw TLSError.draining(operation: "set session id context")
        }
        SSL_CTX_set_alpn_select_cb(
            context,
            { _, selected, selectedLength, offered, offeredLength, _ in
                ApplicationProtocol.select(
                    selected: selected,
                    selectedLength: selectedLength,
                    offered: offered,
                    offeredLength: Int(offeredLength)
                )
            },
            nil
        )
    }
}
