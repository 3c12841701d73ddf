public import TLS

/// How to reach and authenticate to the Kubernetes API server: where it is, whom to trust, and
/// which credentials to present. Built from the in-cluster service account or a kubeconfig
/// (`discover(kubeconfig:environment:serviceAccountDirectory:)`); it holds paths rather than file
/// contents where it can, so rotated tokens and certificates are read again for each connection.
public struct KubernetesAccess: Sendable, Equatable, CustomStringConvertible {
    /// The API server's host name or IP address (an IPv6 address without brackets).
    public var host: String
    public var port: Int
    /// Put in front of every API path, for a server URL with a path (`https://proxy/k8s/clusters/c1`);
    /// empty, or starting with `/` and without a trailing one.
    public var pathPrefix: String
    /// The name the server's certificate must carry, when it is not `host` (kubeconfig `tls-server-name`).
    public var serverName: String?
    /// Trust anchors and client certificate.
    public var tls: TLSClientConfiguration
    /// The bearer token, if any.
    public var credentials: KubernetesCredentials
    /// Where this came from, for the start-up log: `in-cluster service account`, `kubeconfig F, context C`.
    public var origin: String

    public init(
        host: String,
        port: Int,
        pathPrefix: String = "",
        serverName: String? = nil,
        tls: TLSClientConfiguration,
        credentials: KubernetesCredentials,
        origin: String
    ) {
        self.host = host
        self.port = port
        self.pathPrefix = pathPrefix
        self.serverName = serverName
        self.tls = tls
        self.credentials = credentials
        self.origin = origin
    }

    /// `host:port`, bracketing an IPv6 address: the `Host` header and the URL's authority.
    var authority: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The server URL, for logs.
    public var serverURL: String {
        "https://\(authority)\(pathPrefix)"
    }

    /// Says where and how, never the token itself.
    public var description: String {
        "\(origin): \(serverURL) with \(credentials)\(tls.clientCertificate == nil ? "" : " and a client certificate")"
    }

    /// Loads the CA bundle and client certificate once, so a broken file stops the start-up with a
    /// clear error instead of turning into a retry loop.
    public func validate() throws(KubernetesAccessError) {
        do {
            _ = try TLSClientContext(configuration: tls)
        } catch {
            throw KubernetesAccessError.tls(error)
        }
    }
}
