/// Key algorithm of a minted certificate: the server must serve both.
public enum CertificateKeyType: Sendable, CaseIterable {
    /// RSA 2048.
    case rsa
    /// ECDSA on P-256.
    case ecdsa

    func generateKeyArguments(output: String) -> [String] {
        switch self {
        case .rsa: ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", output]
        case .ecdsa: ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", output]
        }
    }
}
