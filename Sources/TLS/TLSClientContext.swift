internal import COpenSSL
internal import COpenSSLShims

/// A client-side OpenSSL context: the trust anchors that verify a server, and an optional client
/// certificate for mutual TLS.
///
/// Built from a `TLSClientConfiguration`, reading any files now, so building a fresh one per
/// connection picks up rotated files; it is cheap next to the round trips it serves. Every
/// connection verifies the server's chain (`SSL_VERIFY_PEER`) and, in `TLSClientStream`, its name
/// or IP address: there is no switch to turn verification off.
public final class TLSClientContext: @unchecked Sendable {
    // @unchecked Sendable: `context` is configured completely in `init` and never mutated after;
    // OpenSSL allows one SSL_CTX to be shared by SSL objects on many threads once it is set up.
    private let context: OpaquePointer

    /// The configuration this context was built from.
    public let configuration: TLSClientConfiguration

    /// Reads the PEM material and builds the context; throws a `TLSError` naming the source and
    /// OpenSSL's reason (unreadable file, no certificate, key not matching the certificate, ...).
    public init(configuration: TLSClientConfiguration) throws(TLSError) {
        let trusted = try configuration.trustedCertificates.map { source throws(TLSError) in
            (source: source, bytes: try source.read())
        }
        let client = try configuration.clientCertificate.map { certificate throws(TLSError) in
            (certificate: certificate, chain: try certificate.certificateChain.read(), key: try certificate.privateKey.read())
        }
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw TLSError.draining(operation: "SSL_CTX_new")
        }
        do throws(TLSError) {
            guard COpenSSLShims_SSL_CTX_set_min_proto_version(context, configuration.minimumVersion.openSSLVersion) == 1 else {
                throw TLSError.draining(operation: "set minimum TLS version \(configuration.minimumVersion.rawValue)")
            }
            _ = SSL_CTX_set_options(context, COpenSSLShims_SSL_OP_NO_RENEGOTIATION | COpenSSLShims_SSL_OP_NO_COMPRESSION)
            if let trusted {
                try Self.trust(trusted.bytes, source: trusted.source, in: context)
            } else if SSL_CTX_set_default_verify_paths(context) != 1 {
                throw TLSError.draining(operation: "load the system's trusted certificates")
            }
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
            if let client {
                try Self.present(chain: client.chain, key: client.key, certificate: client.certificate, in: context)
            }
        } catch {
            SSL_CTX_free(context)
            throw error
        }
        self.context = context
        self.configuration = configuration
    }

    deinit {
        SSL_CTX_free(context)
    }

    /// A fresh `SSL` for one connection; the caller owns it (and must keep this context alive).
    func makeConnection() -> OpaquePointer? {
        SSL_new(context)
    }

    /// Adds every certificate of the bundle to the context's trust store.
    private static func trust(_ bundle: [UInt8], source: PEMSource, in context: OpaquePointer) throws(TLSError) {
        let operation = "read CA certificates \(source)"
        let certificates = try TLSContext.readCertificates(bundle, operation: operation)
        defer { certificates.forEach { X509_free($0) } }
        guard let store = SSL_CTX_get_cert_store(context) else {
            throw TLSError.draining(operation: "SSL_CTX_get_cert_store")
        }
        for certificate in certificates where X509_STORE_add_cert(store, certificate) != 1 {
            throw TLSError.draining(operation: "trust CA certificates from \(source)")
        }
    }

    /// Installs the client chain (leaf first) and its key, and checks that they match.
    private static func present(
        chain: [UInt8],
        key: [UInt8],
        certificate: TLSClientConfiguration.ClientCertificate,
        in context: OpaquePointer
    ) throws(TLSError) {
        _ = try TLSContext.useCertificateChain(
            chain, key: key, in: context,
            certificateName: "client certificate \(certificate.certificateChain)",
            keyName: "client key \(certificate.privateKey)")
    }
}
