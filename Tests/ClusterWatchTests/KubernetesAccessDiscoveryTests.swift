import ClusterWatch
import Foundation
import TLS
import Testing

/// Which API access `serve` gets: `--kubeconfig`, else the pod's service account, else none.
@Suite struct KubernetesAccessDiscoveryTests {
    /// A fresh directory, removed when the test's scope ends.
    final class Directory {
        let path: String

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-watch-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        deinit {
            try? FileManager.default.removeItem(atPath: path)
        }

        func write(_ text: String, to name: String) throws -> String {
            let file = "\(path)/\(name)"
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            return file
        }
    }

    @Test func inClusterUsesTheServiceAccountFilesAndEnvironment() throws {
        let directory = try Directory()
        _ = try directory.write("token", to: "token")
        let access = try KubernetesAccess.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
            serviceAccountDirectory: directory.path
        )
        #expect(access?.host == "10.96.0.1")
        #expect(access?.port == 443)
        #expect(access?.credentials == .tokenFile("\(directory.path)/token"))
        #expect(access?.tls.trustedCertificates == .file("\(directory.path)/ca.crt"))
        #expect(access?.serverURL == "https://10.96.0.1:443")
    }

    @Test func inClusterIPv6HostIsBracketedInTheURL() throws {
        let directory = try Directory()
        _ = try directory.write("token", to: "token")
        let access = try KubernetesAccess.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00:10:96::1", "KUBERNETES_SERVICE_PORT": "443"],
            serviceAccountDirectory: directory.path
        )
        #expect(access?.host == "fd00:10:96::1")
        #expect(access?.serverURL == "https://[fd00:10:96::1]:443")
    }

    @Test func outsideAClusterThereIsNoAccess() throws {
        let directory = try Directory()
        _ = try directory.write("token", to: "token")
        #expect(try KubernetesAccess.discover(kubeconfig: nil, environment: [:], serviceAccountDirectory: directory.path) == nil)
    }

    @Test func withoutAMountedTokenThereIsNoAccess() throws {
        let directory = try Directory()
        let environment = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]
        #expect(try KubernetesAccess.discover(kubeconfig: nil, environment: environment, serviceAccountDirectory: directory.path) == nil)
    }

    @Test func badServicePortIsAnError() throws {
        let directory = try Directory()
        _ = try directory.write("token", to: "token")
        #expect(throws: KubernetesAccessError.invalid(file: "the environment", field: "KUBERNETES_SERVICE_PORT", reason: "not a port number: https")) {
            try KubernetesAccess.inCluster(
                environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "https"],
                serviceAccountDirectory: directory.path
            )
        }
    }

    @Test func missingCertificateAuthorityFileStopsTheStartUp() throws {
        let directory = try Directory()
        _ = try directory.write("token", to: "token")
        let environment = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]
        #expect(throws: KubernetesAccessError.tls(TLSError(operation: "read \(directory.path)/ca.crt", openSSLErrors: ["No such file or directory"]))) {
            try KubernetesAccess.discover(kubeconfig: nil, environment: environment, serviceAccountDirectory: directory.path)
        }
    }

    @Test func kubeconfigYAMLWinsOverTheServiceAccount() throws {
        let directory = try Directory()
        _ = try directory.write("token", to: "token")
        let kubeconfig = try directory.write(
            """
            apiVersion: v1
            kind: Config
            current-context: kind-dev
            contexts:
            - name: kind-dev
              context: {cluster: kind-dev, user: kind-dev}
            clusters:
            - name: kind-dev
              cluster:
                server: https://127.0.0.1:40123
                certificate-authority: ca.crt
            users:
            - name: kind-dev
              user:
                token: abc
            """,
            to: "config"
        )
        #expect(throws: KubernetesAccessError.tls(TLSError(operation: "read \(directory.path)/ca.crt", openSSLErrors: ["No such file or directory"]))) {
            try KubernetesAccess.discover(
                kubeconfig: kubeconfig,
                environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
                serviceAccountDirectory: directory.path
            )
        }
    }

    @Test func kubeconfigWithAnExecPluginIsAClearError() throws {
        let directory = try Directory()
        let kubeconfig = try directory.write(
            """
            apiVersion: v1
            kind: Config
            current-context: eks
            contexts: [{name: eks, context: {cluster: eks, user: eks}}]
            clusters: [{name: eks, cluster: {server: "https://ABC.gr7.eu-west-1.eks.amazonaws.com"}}]
            users:
            - name: eks
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: aws
                  args: [eks, get-token, --cluster-name, prod]
            """,
            to: "config"
        )
        do {
            _ = try KubernetesAccess.discover(kubeconfig: kubeconfig, environment: [:])
            Issue.record("an exec plugin must be refused")
        } catch {
            #expect(error.description.contains("users[eks].user.exec: not supported: exec credential plugins cannot run inside the webhook"))
        }
    }

    @Test func unreadableAndBrokenKubeconfigsAreErrors() throws {
        let directory = try Directory()
        #expect(throws: KubernetesAccessError.self) {
            try KubernetesAccess.discover(kubeconfig: "\(directory.path)/absent", environment: [:])
        }
        let broken = try directory.write("clusters: [unclosed", to: "config")
        do {
            _ = try KubernetesAccess.discover(kubeconfig: broken, environment: [:])
            Issue.record("broken YAML must be refused")
        } catch {
            guard case .notYAML(let file, _) = error else {
                Issue.record("expected notYAML, got \(error)")
                return
            }
            #expect(file == broken)
        }
    }

    @Test func emptyAndOversizedKubeconfigsAreErrors() throws {
        let directory = try Directory()
        let empty = try directory.write("", to: "empty")
        #expect(throws: KubernetesAccessError.notYAML(file: empty, reason: "the file is empty")) {
            try KubernetesAccess.discover(kubeconfig: empty, environment: [:])
        }
        let large = try directory.write(String(repeating: "#", count: 4 * 1024 * 1024 + 1), to: "large")
        #expect(throws: KubernetesAccessError.unreadable(file: large, reason: "larger than 4194304 bytes")) {
            try KubernetesAccess.discover(kubeconfig: large, environment: [:])
        }
        #expect(throws: KubernetesAccessError.unreadable(file: directory.path, reason: "not a regular file")) {
            try KubernetesAccess.discover(kubeconfig: directory.path, environment: [:])
        }
    }
}
