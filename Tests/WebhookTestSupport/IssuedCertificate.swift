/// Files of one certificate minted by a `CertificateAuthority`.
public struct IssuedCertificate: Sendable, Equatable {
    /// The subject common name.
    public let commonName: String
    /// PEM chain: the certificate, then any intermediates (what `--tls-cert-file` takes).
    public let certificateFile: String
    /// PEM private key (PKCS#8).
    public let privateKeyFile: String
    /// The issuing authority's certificate (trust anchor for a client, or the client CA file).
    public let issuerCertificateFile: String
    /// SHA-256 of the certificate's DER, lowercase hex, as `TLSContext.certificateFingerprint` spells it.
    public let fingerprint: String
}
