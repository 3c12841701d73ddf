import Foundation
import JSONModel
import TLS
import Testing

@testable import ClusterWatch

/// The current context of a kubeconfig becomes an access, or a clear error naming the field.
@Suite struct KubeconfigTests {
    private let file = "/home/dev/.kube/config"

    /// A kubeconfig with one context, `cluster` and `user` being the JSON of the two entries.
    private func access(cluster: String, user: String) throws -> KubernetesAccess {
        let document = try JSONParser().parse(
            """
            {"apiVersion": "v1", "kind": "Config", "current-context": "dev",
             "contexts": [{"name": "other", "context": {"cluster": "nowhere", "user": "nobody"}},
                          {"name": "dev", "context": {"cluster": "kind", "user": "admin", "namespace": "prod"}}],
             "clusters": [{"name": "kind", "cluster": \(cluster)}],
             "users": [{"name": "admin", "user": \(user)}]}
            """
        )
        return try Kubeconfig(file: file, document: document).access()
    }

    private func error(cluster: String, user: String) -> KubernetesAccessError? {
        do {
            _ = try access(cluster: cluster, user: user)
            return nil
        } catch let error as KubernetesAccessError {
            return error
        } catch {
            return nil
        }
    }

    @Test func tokenUserWithCertificateAuthorityFile() throws {
        let result = try access(
            cluster: #"{"server": "https://127.0.0.1:6443", "certificate-authority": "ca.crt"}"#,
            user: #"{"token": "abc.def"}"#
        )
        #expect(result.host == "127.0.0.1")
        #expect(result.port == 6443)
        #expect(result.pathPrefix == "")
        #expect(result.credentials == .token("abc.def"))
        #expect(result.tls.trustedCertificates == .file("/home/dev/.kube/ca.crt"))
        #expect(result.tls.clientCertificate == nil)
        #expect(result.origin == "kubeconfig /home/dev/.kube/config, context dev")
        #expect(!result.description.contains("abc.def"))
    }

    @Test func clientCertificateDataWinsOverFiles() throws {
        let pem = Data("-----BEGIN CERTIFICATE-----\n".utf8).base64EncodedString()
        let key = Data("-----BEGIN PRIVATE KEY-----\n".utf8).base64EncodedString()
        let authority = Data("ca".utf8).base64EncodedString()
        let result = try access(
            cluster: #"{"server": "https://kube.example.com", "certificate-authority-data": "\#(authority)", "certificate-authority": "/ignored"}"#,
            user: #"{"client-certificate-data": "\#(pem)", "client-key-data": "\#(key)", "client-certificate": "/ignored"}"#
        )
        #expect(result.host == "kube.example.com")
        #expect(result.port == 443)
        #expect(result.credentials == .none)
        #expect(result.tls.trustedCertificates == .data(Array("ca".utf8)))
        #expect(result.tls.clientCertificate?.certificateChain == .data(Array("-----BEGIN CERTIFICATE-----\n".utf8)))
        #expect(result.tls.clientCertificate?.privateKey == .data(Array("-----BEGIN PRIVATE KEY-----\n".utf8)))
    }

    @Test func clientCertificateFilesAndTokenFileResolveRelativeToTheKubeconfig() throws {
        let result = try access(
            cluster: #"{"server": "https://[fd00::1]:8443/k8s/clusters/c-1/", "tls-server-name": "kubernetes"}"#,
            user: #"{"client-certificate": "certs/client.crt", "client-key": "/abs/client.key", "tokenFile": "token"}"#
        )
        #expect(result.host == "fd00::1")
        #expect(result.port == 8443)
        #expect(result.pathPrefix == "/k8s/clusters/c-1")
        #expect(result.serverName == "kubernetes")
        #expect(result.serverURL == "https://[fd00::1]:8443/k8s/clusters/c-1")
        #expect(result.tls.trustedCertificates == nil)
        #expect(result.credentials == .tokenFile("/home/dev/.kube/token"))
        #expect(result.tls.clientCertificate?.certificateChain == .file("/home/dev/.kube/certs/client.crt"))
        #expect(result.tls.clientCertificate?.privateKey == .file("/abs/client.key"))
    }

    @Test func execPluginIsAClearError() {
        let failure = error(
            cluster: #"{"server": "https://127.0.0.1:6443"}"#,
            user: #"{"exec": {"apiVersion": "client.authentication.k8s.io/v1", "command": "aws"}}"#
        )
        #expect(failure?.description
            == "/home/dev/.kube/config: users[admin].user.exec: not supported: exec credential plugins cannot run inside the webhook; use a user with a token, tokenFile or client certificate")
    }

    @Test(arguments: [
        (#"{"auth-provider": {"name": "oidc"}}"#, "users[admin].user.auth-provider"),
        (#"{"username": "admin", "password": "secret"}"#, "users[admin].user.username"),
        (#"{"token": "t", "as": "system:admin"}"#, "users[admin].user.as"),
    ])
    func otherUnsupportedUserFeaturesNameTheirField(user: String, field: String) {
        guard case .unsupported(_, let reported, _)? = error(cluster: #"{"server": "https://h"}"#, user: user) else {
            Issue.record("expected an unsupported error")
            return
        }
        #expect(reported == field)
    }

    @Test func skippingServerVerificationIsRefused() {
        let failure = error(cluster: #"{"server": "https://h", "insecure-skip-tls-verify": true}"#, user: #"{"token": "t"}"#)
        #expect(failure?.description
            == "/home/dev/.kube/config: clusters[kind].cluster.insecure-skip-tls-verify: not supported: the API server must be verified; set certificate-authority or certificate-authority-data")
    }

    @Test(arguments: ["http://127.0.0.1:8080", "127.0.0.1:6443", "https://", "https://h:99999", "https://h:port", "https://user@h", "https://h/?x=1"])
    func unusableServerURLIsAnError(_ server: String) {
        let failure = error(cluster: #"{"server": "\#(server)"}"#, user: #"{"token": "t"}"#)
        #expect(failure?.description.contains("clusters[kind].cluster.server") == true)
    }

    @Test func userWithoutCredentialsIsAnError() {
        #expect(error(cluster: #"{"server": "https://h"}"#, user: "{}")
            == .missing(file: file, field: "users[admin].user: a token, tokenFile or client certificate"))
    }

    @Test func certificateWithoutKeyIsAnError() {
        #expect(error(cluster: #"{"server": "https://h"}"#, user: #"{"client-certificate": "c.crt"}"#)
            == .missing(file: file, field: "users[admin].user.client-key or client-key-data"))
    }

    @Test func badBase64IsAnError() {
        #expect(error(cluster: #"{"server": "https://h", "certificate-authority-data": "%%%"}"#, user: #"{"token": "t"}"#)
            == .invalid(file: file, field: "clusters[kind].cluster.certificate-authority-data", reason: "not valid base64"))
    }

    @Test func missingCurrentContextIsAnError() throws {
        let document = try JSONParser().parse(#"{"apiVersion": "v1", "kind": "Config", "contexts": []}"#)
        #expect(throws: KubernetesAccessError.missing(file: file, field: "current-context")) {
            try Kubeconfig(file: file, document: document).access()
        }
    }

    @Test func unknownContextIsAnError() throws {
        let document = try JSONParser().parse(#"{"current-context": "gone", "contexts": [{"name": "dev", "context": {}}]}"#)
        #expect(throws: KubernetesAccessError.invalid(file: file, field: "contexts", reason: "no entry named \"gone\"")) {
            try Kubeconfig(file: file, document: document).access()
        }
    }

    @Test func wrongTypeIsAnError() throws {
        #expect(error(cluster: #"{"server": 6443}"#, user: #"{"token": "t"}"#)
            == .invalid(file: file, field: "clusters[kind].cluster.server", reason: "must be a string, not integer"))
    }
}
