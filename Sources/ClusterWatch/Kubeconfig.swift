import FoundationEssentials
import JSONModel
import TLS

/// The current context of a kubeconfig, turned into a `KubernetesAccess`.
///
/// Supported, as kubectl reads them: `current-context`; a cluster's `server` (https only, with an
/// optional path), `certificate-authority` or `certificate-authority-data` (none: the system's
/// trust store) and `tls-server-name`; a user's `token` or `tokenFile`, and
/// `client-certificate[-data]` with `client-key[-data]`. Relative paths are relative to the
/// kubeconfig's directory, and `*-data` wins over the file, as in client-go. Refused with an error
/// that names the field: exec and auth-provider plugins, basic authentication, impersonation,
/// proxies, plain http, and `insecure-skip-tls-verify: true` (a webhook that trusts any server
/// could be fed a fake cluster list).
struct Kubeconfig {
    /// Kubeconfigs are a few KiB; a bigger file is refused unread.
    static let maxFileBytes = 4 * 1024 * 1024

    /// The file name, for messages and to resolve relative paths.
    let file: String
    /// The parsed document.
    let document: JSONValue

    /// The access that the current context describes.
    func access() throws(KubernetesAccessError) -> KubernetesAccess {
        guard document.objectValue != nil else {
            throw KubernetesAccessError.invalid(file: file, field: "the document", reason: "must be a mapping")
        }
        let contextName = try requiredString(document["current-context"], field: "current-context")
        let context = try entry(in: "contexts", named: contextName, key: "context")
        let contextField = "contexts[\(contextName)].context"
        let clusterName = try requiredString(context["cluster"], field: "\(contextField).cluster")
        let userName = try requiredString(context["user"], field: "\(contextField).user")
        let cluster = try entry(in: "clusters", named: clusterName, key: "cluster")
        let user = try entry(in: "users", named: userName, key: "user")
        let serverField = "clusters[\(clusterName)].cluster.server"
        let server = try Server(parsing: try requiredString(cluster["server"], field: serverField), file: file, field: serverField)
        let trust = try clusterTrust(cluster, name: clusterName)
        let (credentials, clientCertificate) = try userCredentials(user, name: userName)
        let serverName = try optionalString(cluster["tls-server-name"], field: "clusters[\(clusterName)].cluster.tls-server-name")
        return KubernetesAccess(
            host: server.host,
            port: server.port,
            pathPrefix: server.pathPrefix,
            serverName: serverName,
            tls: TLSClientConfiguration(trustedCertificates: trust, clientCertificate: clientCertificate),
            credentials: credentials,
            origin: "kubeconfig \(file), context \(contextName)"
        )
    }

    // MARK: - Parts

    private func clusterTrust(_ cluster: JSONValue, name: String) throws(KubernetesAccessError) -> PEMSource? {
        let field = "clusters[\(name)].cluster"
        if cluster["insecure-skip-tls-verify"]?.boolValue == true {
            throw KubernetesAccessError.unsupported(
                file: file,
                field: "\(field).insecure-skip-tls-verify",
                reason: "the API server must be verified; set certificate-authority or certificate-authority-data"
            )
        }
        if cluster["proxy-url"] != nil {
            throw KubernetesAccessError.unsupported(file: file, field: "\(field).proxy-url", reason: "connecting through a proxy")
        }
        return try pem(data: cluster["certificate-authority-data"], file: cluster["certificate-authority"], field: "\(field).certificate-authority")
    }

    private func userCredentials(
        _ user: JSONValue,
        name: String
    ) throws(KubernetesAccessError) -> (KubernetesCredentials, TLSClientConfiguration.ClientCertificate?) {
        let field = "users[\(name)].user"
        let plugins = "credential plugins cannot run inside the webhook; use a user with a token, tokenFile or client certificate"
        let unsupported: [(key: String, reason: String)] = [
            ("exec", "exec \(plugins)"),
            ("auth-provider", "auth-provider \(plugins)"),
            ("username", "basic authentication"),
            ("password", "basic authentication"),
            ("as", "impersonation"),
            ("as-uid", "impersonation"),
            ("as-groups", "impersonation"),
            ("as-user-extra", "impersonation"),
        ]
        for (key, reason) in unsupported where user[key] != nil && user[key]?.isNull == false {
            throw KubernetesAccessError.unsupported(file: file, field: "\(field).\(key)", reason: reason)
        }
        let credentials: KubernetesCredentials
        if let tokenFile = try optionalString(user["tokenFile"], field: "\(field).tokenFile") {
            credentials = .tokenFile(resolve(tokenFile))
        } else if let token = try optionalString(user["token"], field: "\(field).token") {
            credentials = .token(token)
        } else {
            credentials = .none
        }
        let certificate = try pem(data: user["client-certificate-data"], file: user["client-certificate"], field: "\(field).client-certificate")
        let key = try pem(data: user["client-key-data"], file: user["client-key"], field: "\(field).client-key")
        switch (certificate, key) {
        case (let certificate?, let key?):
            return (credentials, TLSClientConfiguration.ClientCertificate(certificateChain: certificate, privateKey: key))
        case (.some, nil):
            throw KubernetesAccessError.missing(file: file, field: "\(field).client-key or client-key-data")
        case (nil, .some):
            throw KubernetesAccessError.missing(file: file, field: "\(field).client-certificate or client-certificate-data")
        case (nil, nil):
            guard credentials != .none else {
                throw KubernetesAccessError.missing(file: file, field: "\(field): a token, tokenFile or client certificate")
            }
            return (credentials, nil)
        }
    }

    /// `X-data` (base64 PEM) if set, else the file `X`, else nil.
    private func pem(data: JSONValue?, file path: JSONValue?, field: String) throws(KubernetesAccessError) -> PEMSource? {
        if let encoded = try optionalString(data, field: "\(field)-data") {
            let compact = encoded.filter { !$0.isWhitespace }
            guard let decoded = Data(base64Encoded: compact), !decoded.isEmpty else {
                throw KubernetesAccessError.invalid(file: file, field: "\(field)-data", reason: "not valid base64")
            }
            return .data(Array(decoded))
        }
        return try optionalString(path, field: field).map { resolvedPath in .file(resolve(resolvedPath)) }
    }

    /// The `key` object of the entry called `name` in the list `list` (`contexts`, `clusters`, `users`).
    private func entry(in list: String, named name: String, key: String) throws(KubernetesAccessError) -> JSONValue {
        guard let entries = document[list]?.arrayValue else {
            throw KubernetesAccessError.missing(file: file, field: list)
        }
        guard let match = entries.last(where: { $0["name"]?.stringValue == name }) else {
            throw KubernetesAccessError.invalid(file: file, field: list, reason: "no entry named \"\(name)\"")
        }
        guard let value = match[key], value.objectValue != nil else {
            throw KubernetesAccessError.missing(file: file, field: "\(list)[\(name)].\(key)")
        }
        return value
    }

    private func requiredString(_ value: JSONValue?, field: String) throws(KubernetesAccessError) -> String {
        guard let text = try optionalString(value, field: field) else {
            throw KubernetesAccessError.missing(file: file, field: field)
        }
        return text
    }

    /// The string, nil when absent, null or empty; any other type is an error.
    private func optionalString(_ value: JSONValue?, field: String) throws(KubernetesAccessError) -> String? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw KubernetesAccessError.invalid(file: file, field: field, reason: "must be a string, not \(value.typeName)")
        }
        return text.isEmpty ? nil : text
    }

    /// A path relative to the kubeconfig's directory, as kubectl resolves them.
    private func resolve(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(path).path
    }
}
