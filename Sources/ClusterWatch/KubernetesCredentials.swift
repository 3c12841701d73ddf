/// How requests authenticate, besides a client certificate (which lives in the TLS configuration).
public enum KubernetesCredentials: Sendable, Equatable, CustomStringConvertible {
    /// No bearer token: a client certificate, or nothing.
    case none
    /// A fixed token (a kubeconfig user's `token`).
    case token(String)
    /// A token file, read again before every request: bound service-account tokens rotate (the
    /// kubelet rewrites the projected file about every hour), and a kubeconfig `tokenFile` may too.
    case tokenFile(String)

    /// A token file is a JWT of a few KiB; anything bigger is refused unread.
    static let maxTokenBytes = 64 * 1024

    /// Never prints the token.
    public var description: String {
        switch self {
        case .none: "no bearer token"
        case .token: "a bearer token"
        case .tokenFile(let path): "the bearer token in \(path)"
        }
    }

    /// The `Authorization` header value for the next request, or nil.
    func authorization() throws(APIServerError) -> String? {
        let token: String
        switch self {
        case .none:
            return nil
        case .token(let value):
            token = value
        case .tokenFile(let path):
            token = try Self.readToken(path)
        }
        let trimmed = token.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw APIServerError.credentials("the token is empty")
        }
        // A token travels in a header: refuse anything that could end it.
        guard trimmed.unicodeScalars.allSatisfy({ (0x21..<0x7f).contains($0.value) }) else {
            throw APIServerError.credentials("the token contains characters that cannot appear in a header")
        }
        return "Bearer \(trimmed)"
    }

    private static func readToken(_ path: String) throws(APIServerError) -> String {
        do {
            return String(decoding: try ConfigurationFile.read(path, maxBytes: maxTokenBytes), as: UTF8.self)
        } catch {
            throw APIServerError.credentials("\(path): \(error)")
        }
    }
}
