/// What a `TLSContext` is built from: file paths and policy, never key material.
///
/// Paths rather than bytes, because the `CertificateWatcher` must re-read the same files when
/// cert-manager or the kubelet replaces them.
public struct TLSConfiguration: Sendable, Equatable {
    /// PEM certificate chain: the serving certificate first, then any intermediates.
    public var certificateFile: String
    /// PEM private key (RSA or ECDSA, PKCS#8 or traditional); must match the first certificate.
    public var privateKeyFile: String
    /// PEM bundle of CAs that sign client certificates. When set, a client certificate is
    /// requested and verified if presented; the HTTP layer decides which paths require one.
    public var clientCAFile: String?
    /// The lowest protocol version accepted; TLS 1.3 is always preferred when the client offers it.
    public var minimumVersion: TLSVersion
    /// IANA/Go cipher suite names as Kubernetes' `--tls-cipher-suites` takes them, narrowing our
    /// modern default; `nil` keeps the default (ECDHE with AES-GCM or ChaCha20-Poly1305, and every TLS 1.3 suite).
    public var cipherSuites: [String]?

    public init(
        certificateFile: String,
        privateKeyFile: String,
        clientCAFile: String? = nil,
        minimumVersion: TLSVersion = .tls12,
        cipherSuites: [String]? = nil
    ) {
        self.certificateFile = certificateFile
        self.privateKeyFile = privateKeyFile
        self.clientCAFile = clientCAFile
        self.minimumVersion = minimumVersion
        self.cipherSuites = cipherSuites
    }

    /// Checks the policy part (cipher suite names against the minimum version) without touching
    /// any file, so the command line can reject a bad flag before it starts anything.
    public func validate() throws(TLSError) {
        _ = try CipherSuiteSelection(names: cipherSuites, minimumVersion: minimumVersion)
    }
}
