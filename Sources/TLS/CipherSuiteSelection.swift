/// Turns Kubernetes-style cipher suite names into OpenSSL's two lists.
///
/// Kubernetes' `--tls-cipher-suites` takes Go's IANA names; OpenSSL names TLS 1.2 suites
/// differently and configures TLS 1.3 suites through a separate call. We only accept suites that
/// are forward secret and AEAD (the modern default), so a flag can narrow the set but never weaken it.
struct CipherSuiteSelection: Equatable {
    /// OpenSSL names for `SSL_CTX_set_cipher_list`, in preference order.
    let tls12: [String]
    /// OpenSSL names for `SSL_CTX_set_ciphersuites`, in preference order.
    let tls13: [String]

    /// TLS 1.2 suites, IANA/Go name → OpenSSL name, in our preference order. Go spells the
    /// ChaCha20 suites with and without the `_SHA256` suffix; both are accepted.
    static let tls12Names: [(iana: String, openSSL: String)] = [
        ("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"),
        ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"),
        ("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384"),
        ("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384"),
        ("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305"),
        ("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305"),
        ("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "ECDHE-ECDSA-CHACHA20-POLY1305"),
        ("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "ECDHE-RSA-CHACHA20-POLY1305"),
    ]

    /// TLS 1.3 suites; IANA and OpenSSL agree on these names.
    static let tls13Names = ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"]

    /// The modern default: every suite above, each once.
    static let modernDefault = CipherSuiteSelection(
        tls12: unique(tls12Names.map(\.openSSL)),
        tls13: tls13Names
    )

    private init(tls12: [String], tls13: [String]) {
        self.tls12 = tls12
        self.tls13 = tls13
    }

    /// `nil` gives the modern default. Names are matched exactly (Kubernetes does too). A list that
    /// names no TLS 1.3 suite keeps all of them, as Go does (TLS 1.3 suites are all AEAD).
    init(names: [String]?, minimumVersion: TLSVersion) throws(TLSError) {
        guard let names else {
            self = .modernDefault
            return
        }
        let operation = "configure cipher suites"
        guard !names.isEmpty else {
            throw TLSError(operation: operation, openSSLErrors: ["the cipher suite list is empty"])
        }
        var tls12: [String] = []
        var tls13: [String] = []
        for name in names {
            if let match = Self.tls12Names.first(where: { $0.iana == name }) {
                tls12.append(match.openSSL)
            } else if Self.tls13Names.contains(name) {
                tls13.append(name)
            } else {
                let supported = Self.tls12Names.map(\.iana) + Self.tls13Names
                throw TLSError(
                    operation: operation,
                    openSSLErrors: [
                        "unsupported cipher suite \"\(name)\": only ECDHE suites with AES-GCM or ChaCha20-Poly1305, "
                            + "and the TLS 1.3 suites, are allowed; supported: \(supported.joined(separator: ", "))"
                    ]
                )
            }
        }
        if tls12.isEmpty && minimumVersion == .tls12 {
            throw TLSError(
                operation: operation,
                openSSLErrors: [
                    "no TLS 1.2 cipher suite is listed while the minimum version is VersionTLS12; "
                        + "add one or set the minimum version to VersionTLS13"
                ]
            )
        }
        self.tls12 = Self.unique(tls12)
        self.tls13 = tls13.isEmpty ? Self.tls13Names : Self.unique(tls13)
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
