public import TLS

/// Why the API access could not be set up from a kubeconfig or the in-cluster files: a start-up
/// error, named precisely enough to fix the file.
public enum KubernetesAccessError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The kubeconfig is not YAML (or JSON) that parses.
    case notYAML(file: String, reason: String)
    /// A required field is absent or empty; `field` says where (`contexts[dev].context.cluster`).
    case missing(file: String, field: String)
    /// A field has a value we cannot use, and why.
    case invalid(file: String, field: String, reason: String)
    /// A kubeconfig feature this client does not implement (exec plugins, auth providers, ...).
    case unsupported(file: String, field: String, reason: String)
    /// The CA bundle or client certificate could not be loaded.
    case tls(TLSError)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "cannot read \(file): \(reason)"
        case .notYAML(let file, let reason):
            "\(file) is not a valid kubeconfig: \(reason)"
        case .missing(let file, let field):
            "\(file): \(field) is missing"
        case .invalid(let file, let field, let reason):
            "\(file): \(field): \(reason)"
        case .unsupported(let file, let field, let reason):
            "\(file): \(field): not supported: \(reason)"
        case .tls(let error):
            "\(error)"
        }
    }
}
