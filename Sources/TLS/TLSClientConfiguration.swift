/// What a `TLSClientContext` is built from: whom to trust, and which certificate to present.
///
/// Used by the Kubernetes API client: the trust anchors are the cluster CA (`ca.crt` of the service
/// account, or a kubeconfig's `certificate-authority[-data]`), and the client certificate is a
/// kubeconfig user's `client-certificate[-data]` and `client-key[-data]`.
public struct TLSClientConfiguration: Sendable, Equatable {
    /// A certificate chain and its private key, presented when the server asks for one.
    public struct ClientCertificate: Sendable, Equatable {
        /// PEM chain: the client certificate first, then any intermediates.
        public var certificateChain: PEMSource
        /// PEM private key matching the first certificate; an encrypted key is refused.
        public var privateKey: PEMSource

        public init(certificateChain: PEMSource, privateKey: PEMSource) {
            self.certificateChain = certificateChain
            self.privateKey = privateKey
        }
    }

    /// PEM bundle of the CAs that may sign the server's certificate; `nil` trusts the system store
    /// (a kubeconfig without `certificate-authority`, for an API server with a public certificate).
    public var trustedCertificates: PEMSource?
    /// Presented for mutual TLS when set.
    public var clientCertificate: ClientCertificate?
    /// The lowest protocol version offered.
    public var minimumVersion: TLSVersion

    public init(
        trustedCertificates: PEMSource?,
        clientCertificate: ClientCertificate? = nil,
        minimumVersion: TLSVersion = .tls12
    ) {
        self.trustedCertificates = trustedCertificates
        self.clientCertificate = clientCertificate
        self.minimumVersion = minimumVersion
    }
}
