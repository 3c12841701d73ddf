internal import COpenSSL

/// The lowest TLS version the server accepts (`--tls-min-version`).
///
/// The raw values are Kubernetes' flag spellings, so the same values work for our flag as for
/// kube-apiserver's. TLS 1.0 and 1.1 are not offered at all: they are never acceptable.
public enum TLSVersion: String, CaseIterable, Sendable {
    case tls12 = "VersionTLS12"
    case tls13 = "VersionTLS13"

    /// The protocol version constant OpenSSL's `SSL_CTX_set_min_proto_version` takes.
    var openSSLVersion: Int32 {
        switch self {
        case .tls12: TLS1_2_VERSION
        case .tls13: TLS1_3_VERSION
        }
    }
}
