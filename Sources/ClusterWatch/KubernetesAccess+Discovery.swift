import FoundationEssentials
import TLS

extension KubernetesAccess {
    /// Where the kubelet mounts a pod's service-account token, CA bundle and namespace.
    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// The API access the webhook should use (SPEC §6): the `--kubeconfig` file when one is given,
    /// else the pod's service account when the process runs in a cluster, else nil (the caller then
    /// turns the cluster check off and logs that once). Loads the TLS material once to fail early.
    public static func discover(
        kubeconfig: String?,
        environment: [String: String],
        serviceAccountDirectory: String = serviceAccountDirectory
    ) throws(KubernetesAccessError) -> KubernetesAccess? {
        let access: KubernetesAccess
        if let kubeconfig {
            access = try Kubeconfig.load(file: kubeconfig)
        } else if let inCluster = try inCluster(environment: environment, serviceAccountDirectory: serviceAccountDirectory) {
            access = inCluster
        } else {
            return nil
        }
        try access.validate()
        return access
    }

    /// The in-cluster access, as client-go's `rest.InClusterConfig` builds it: the service's
    /// `KUBERNETES_SERVICE_HOST` and `_PORT`, the mounted `ca.crt`, and the mounted `token` read
    /// again for each request. Nil outside a cluster, or when no token is mounted
    /// (`automountServiceAccountToken: false`).
    public static func inCluster(
        environment: [String: String],
        serviceAccountDirectory: String = serviceAccountDirectory
    ) throws(KubernetesAccessError) -> KubernetesAccess? {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let portText = environment["KUBERNETES_SERVICE_PORT"], !portText.isEmpty
        else {
            return nil
        }
        let tokenFile = "\(serviceAccountDirectory)/token"
        guard FileManager.default.fileExists(atPath: tokenFile) else {
            return nil
        }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw KubernetesAccessError.invalid(file: "the environment", field: "KUBERNETES_SERVICE_PORT", reason: "not a port number: \(portText)")
        }
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return KubernetesAccess(
            host: bareHost,
            port: port,
            tls: TLSClientConfiguration(trustedCertificates: .file("\(serviceAccountDirectory)/ca.crt")),
            credentials: .tokenFile(tokenFile),
            origin: "in-cluster service account"
        )
    }
}
