import AdmissionWebhook
import ArgumentParser
import Foundation
import JSONModel
import Testing

@testable import AntflyRestoreWebhook

/// What `kubectl apply -k deploy/` (and the cert-manager overlay) would install must match what the
/// binary serves: the webhook configurations call the Service on the paths the server routes, the
/// Deployment passes only flags `serve` accepts, probes use the plain port, the pod is restricted,
/// and RBAC grants nothing beyond reading AntflyClusters (SPEC §6, §9).
@Suite(.enabled(if: ExternalCommand.locate("kubectl") != nil, "kubectl is not installed, so deploy/ is not rendered (CI installs it)"))
struct DeploymentTests {
    /// Every kustomization a user applies: the base, the webhook without the CRD, the cert-manager overlay.
    static let kustomizations = ["deploy", "deploy/webhook", "deploy/overlays/cert-manager"]
    /// The ones that also install the AntflyRestore CRD.
    static let kustomizationsWithCRD = ["deploy", "deploy/overlays/cert-manager"]

    // MARK: Webhook configurations

    @Test(arguments: kustomizations)
    func webhookConfigurationsCallTheServiceOnTheServedPaths(_ directory: String) async throws {
        let manifests = try await RenderedManifests.render(directory)
        let service = try #require(manifests.object(kind: "Service"), "one Service in \(directory)")
        let deployment = try #require(manifests.object(kind: "Deployment"))
        let container = try #require(deployment.podSpec?["containers"]?.arrayValue?.first)
        let securePort = try #require(container.flagValue("--secure-port").flatMap { Int($0) })

        for (kind, path) in [("MutatingWebhookConfiguration", WebhookPaths.mutate), ("ValidatingWebhookConfiguration", WebhookPaths.validate)] {
            let configuration = try #require(manifests.object(kind: kind), "one \(kind) in \(directory)")
            let webhooks = try #require(configuration["webhooks"]?.arrayValue)
            try #require(webhooks.count == 1, "\(kind) has one webhook")
            let clientConfig = try #require(webhooks[0]["clientConfig"])
            #expect(clientConfig["url"] == nil, "\(kind) calls the Service, not a URL")
            #expect(clientConfig["service"]?["name"] == service["metadata"]?["name"])
            #expect(clientConfig["service"]?["namespace"] == service["metadata"]?["namespace"])
            #expect(clientConfig["service"]?["path"] == .string(path))
            // Service port → container port (by name) → the port the server listens on.
            let servicePort = try #require(clientConfig["service"]?["port"])
            let ports = try #require(service["spec"]?["ports"]?.arrayValue)
            let port = try #require(ports.first { $0["port"] == servicePort }, "\(kind) calls a port the Service has")
            #expect(container.resolvePort(try #require(port["targetPort"])) == securePort)
        }
    }

    @Test(arguments: kustomizations)
    func webhooksJudgeCreateAndUpdateOfAntflyRestoresOnlyAndFailClosed(_ directory: String) async throws {
        let manifests = try await RenderedManifests.render(directory)
        let expectedRules: JSONValue = [[
            "apiGroups": ["antfly.io"], "apiVersions": ["v1"], "operations": ["CREATE", "UPDATE"],
            "resources": ["antflyrestores"], "scope": "Namespaced",
        ]]
        for kind in ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"] {
            let webhook = try #require(manifests.object(kind: kind)?["webhooks"]?.arrayValue?.first)
            #expect(webhook["rules"] == expectedRules, "\(kind) rules")
            #expect(webhook["sideEffects"] == "None")
            #expect(webhook["admissionReviewVersions"] == ["v1", "v1beta1"])
            #expect(webhook["failurePolicy"] == "Fail")
            #expect(webhook["matchPolicy"] == "Equivalent")
            #expect(webhook["timeoutSeconds"] == 5)
            #expect(webhook["namespaceSelector"] == nil && webhook["objectSelector"] == nil, "\(kind) sees every namespace")
        }
        let mutating = try #require(manifests.object(kind: "MutatingWebhookConfiguration")?["webhooks"]?.arrayValue?.first)
        #expect(mutating["reinvocationPolicy"] == "IfNeeded")
    }

    @Test func baseLeavesCABundleToTheScriptAndCertManager() async throws {
        for directory in Self.kustomizations {
            let manifests = try await RenderedManifests.render(directory)
            for kind in ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"] {
                let webhook = try #require(manifests.object(kind: kind)?["webhooks"]?.arrayValue?.first)
                #expect(webhook["clientConfig"]?["caBundle"] == nil, "\(directory): \(kind) has no caBundle")
            }
        }
    }

    // MARK: Deployment

    @Test(arguments: kustomizations)
    func deploymentPassesOnlyFlagsThatServeAccepts(_ directory: String) async throws {
        let manifests = try await RenderedManifests.render(directory)
        let deployment = try #require(manifests.object(kind: "Deployment"))
        let container = try #require(deployment.podSpec?["containers"]?.arrayValue?.first)
        #expect(container["command"] == nil, "the image's ENTRYPOINT is the binary")
        let arguments = (container["args"]?.arrayValue ?? []).compactMap(\.stringValue)
        try #require(arguments.first == "serve")

        let accepted = try await Self.serveFlags()
        for argument in arguments.dropFirst() {
            // --name=value keeps each flag and its value in one list item, as kubectl shows them.
            let name = String(argument.prefix { $0 != "=" })
            #expect(argument.hasPrefix("--") && argument.contains("="), "\(argument) is written --flag=value")
            #expect(accepted.contains(name), "serve --help does not list \(name)")
        }
        // The values parse too: choices, durations and numbers are what `serve` takes.
        #expect(throws: Never.self) { try RootCommand.parseAsRoot(arguments) }
        #expect(container.flagValue("--tls-cert-file") == "/tls/tls.crt")
        #expect(container.flagValue("--tls-private-key-file") == "/tls/tls.key")
        #expect(container.flagValue("--shutdown-delay") == "5s")
    }

    @Test(arguments: kustomizations)
    func deploymentSurvivesRolloutsDrainsAndShutdown(_ directory: String) async throws {
        let manifests = try await RenderedManifests.render(directory)
        let deployment = try #require(manifests.object(kind: "Deployment"))
        let spec = try #require(deployment["spec"])
        #expect(spec["replicas"] == 2)
        #expect(spec["strategy"]?["type"] == "RollingUpdate")
        #expect(spec["strategy"]?["rollingUpdate"]?["maxUnavailable"] == 0)
        let podLabels = try #require(spec["template"]?["metadata"]?["labels"]?.objectValue)
        let selector = try #require(spec["selector"]?["matchLabels"]?.objectValue)
        #expect(selector.members.allSatisfy { podLabels[$0.key] == $0.value }, "the selector matches the pods")

        let antiAffinity = try #require(deployment.podSpec?["affinity"]?["podAntiAffinity"]?["preferredDuringSchedulingIgnoredDuringExecution"]?.arrayValue?.first)
        #expect(antiAffinity["podAffinityTerm"]?["topologyKey"] == "kubernetes.io/hostname")
        #expect(antiAffinity["podAffinityTerm"]?["labelSelector"]?["matchLabels"] == .object(selector))

        let budget = try #require(manifests.object(kind: "PodDisruptionBudget"))
        #expect(budget["spec"]?["minAvailable"] == 1)
        #expect(budget["spec"]?["selector"]?["matchLabels"] == .object(selector))
        let service = try #require(manifests.object(kind: "Service"))
        let serviceSelector = try #require(service["spec"]?["selector"]?.objectValue)
        #expect(serviceSelector.members.allSatisfy { podLabels[$0.key] == $0.value }, "the Service selects the pods")

        // The kubelet must not kill the process while it still drains: grace > delay + timeout.
        let container = try #require(deployment.podSpec?["containers"]?.arrayValue?.first)
        let delay = try #require(container.flagValue("--shutdown-delay").flatMap(Self.seconds))
        let timeout = try #require(container.flagValue("--shutdown-timeout").flatMap(Self.seconds))
        let grace = try #require(deployment.podSpec?["terminationGracePeriodSeconds"]?.integerValue)
        #expect(grace > delay + timeout)
    }

    @Test(arguments: kustomizations)
    func probesHitThePlainPort(_ directory: String) async throws {
        let manifests = try await RenderedManifests.render(directory)
        let container = try #require(manifests.object(kind: "Deployment")?.podSpec?["containers"]?.arrayValue?.first)
        let metricsAddress = try #require(container.flagValue("--metrics-bind-address"))
        let plainPort = try #require(metricsAddress.split(separator: ":").last.flatMap { Int($0) })
        let securePort = try #require(container.flagValue("--secure-port").flatMap { Int($0) })
        #expect(plainPort != securePort)
        for (probe, path) in [("livenessProbe", WebhookPaths.healthz), ("readinessProbe", WebhookPaths.readyz), ("startupProbe", WebhookPaths.healthz)] {
            let get = try #require(container[probe]?["httpGet"], "\(probe) is an HTTP GET")
            #expect(get["path"] == .string(path), "\(probe) path")
            #expect(get["scheme"] == nil || get["scheme"] == "HTTP", "\(probe) uses plain HTTP")
            #expect(container.resolvePort(try #require(get["port"])) == plainPort, "\(probe) port")
        }
    }

    @Test(arguments: kustomizations)
    func podIsRestricted(_ directory: String) async throws {
        let manifests = try await RenderedManifests.render(directory)
        let deployment = try #require(manifests.object(kind: "Deployment"))
        let pod = try #require(deployment.podSpec)
        #expect(pod["securityContext"]?["runAsNonRoot"] == true)
        #expect(pod["securityContext"]?["seccompProfile"]?["type"] == "RuntimeDefault")
        #expect(pod["hostNetwork"] == nil && pod["hostPID"] == nil && pod["hostIPC"] == nil)
        for container in pod["containers"]?.arrayValue ?? [] {
            let context = try #require(container["securityContext"])
            #expect(context["allowPrivilegeEscalation"] == false)
            #expect(context["capabilities"]?["drop"] == ["ALL"])
            #expect(context["capabilities"]?["add"] == nil)
            #expect(context["readOnlyRootFilesystem"] == true)
            #expect(context["privileged"] == nil || context["privileged"] == false)
            #expect(context["runAsNonRoot"] == true)
            #expect(context["runAsUser"] == 65532)
            for resource in ["requests", "limits"] {
                #expect(container["resources"]?[resource]?["cpu"] != nil, "\(resource).cpu")
                #expect(container["resources"]?[resource]?["memory"] != nil, "\(resource).memory")
            }
            let mounts = container["volumeMounts"]?.arrayValue ?? []
            #expect(mounts.allSatisfy { $0["readOnly"] == true }, "every mount is read-only")
        }
        let namespace = try #require(manifests.object(kind: "Namespace"))
        #expect(namespace["metadata"]?["labels"]?["pod-security.kubernetes.io/enforce"] == "restricted")
    }

    @Test(arguments: kustomizations)
    func tlsSecretIsMountedWhereTheFlagsPoint(_ directory: String) async throws {
        let manifests = try await RenderedManifests.render(directory)
        let pod = try #require(manifests.object(kind: "Deployment")?.podSpec)
        let container = try #require(pod["containers"]?.arrayValue?.first)
        let mount = try #require(container["volumeMounts"]?.arrayValue?.first { $0["mountPath"] == "/tls" })
        let volume = try #require(pod["volumes"]?.arrayValue?.first { $0["name"] == mount["name"] })
        #expect(volume["secret"]?["secretName"] == "antfly-restore-webhook-tls")
    }

    @Test(arguments: kustomizations)
    func everythingLivesInTheWebhookNamespace(_ directory: String) async throws {
        let manifests = try await RenderedManifests.render(directory)
        let namespace = try #require(manifests.object(kind: "Namespace")?["metadata"]?["name"])
        #expect(namespace == "antfly-restore-webhook-system")
        let clusterScoped: Set = [
            "Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding",
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        ]
        for object in manifests.objects {
            let kind = object["kind"]?.stringValue ?? "?"
            let name = object["metadata"]?["name"]?.stringValue ?? "?"
            if clusterScoped.contains(kind) {
                #expect(object["metadata"]?["namespace"] == nil, "\(kind) \(name) is cluster-scoped")
            } else {
                #expect(object["metadata"]?["namespace"] == namespace, "\(kind) \(name) namespace")
            }
        }
    }

    // MARK: RBAC

    @Test(arguments: kustomizations)
    func rbacOnlyReadsAntflyClusters(_ directory: String) async throws {
        let manifests = try await RenderedManifests.render(directory)
        #expect(manifests.objects(kind: "Role").isEmpty && manifests.objects(kind: "RoleBinding").isEmpty)
        let role = try #require(manifests.object(kind: "ClusterRole"), "exactly one ClusterRole")
        #expect(role["rules"] == [["apiGroups": ["antfly.io"], "resources": ["antflyclusters"], "verbs": ["get", "list", "watch"]]])
        #expect(role["aggregationRule"] == nil)

        let binding = try #require(manifests.object(kind: "ClusterRoleBinding"), "exactly one ClusterRoleBinding")
        #expect(binding["roleRef"] == ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role["metadata"]?["name"] ?? nil])
        let deployment = try #require(manifests.object(kind: "Deployment"))
        let account = try #require(deployment.podSpec?["serviceAccountName"])
        #expect(manifests.object(kind: "ServiceAccount", name: account.stringValue) != nil)
        #expect(binding["subjects"] == [["kind": "ServiceAccount", "name": account, "namespace": deployment["metadata"]?["namespace"] ?? nil]])
    }

    // MARK: CRD

    @Test(arguments: kustomizationsWithCRD)
    func crdMatchesTheOperatorSchema(_ directory: String) async throws {
        let manifests = try await RenderedManifests.render(directory)
        let crd = try #require(manifests.object(kind: "CustomResourceDefinition", name: "antflyrestores.antfly.io"))
        let spec = try #require(crd["spec"])
        #expect(spec["group"] == "antfly.io")
        #expect(spec["scope"] == "Namespaced")
        #expect(spec["names"]?["kind"] == "AntflyRestore")
        #expect(spec["names"]?["plural"] == "antflyrestores")
        let versions = try #require(spec["versions"]?.arrayValue)
        try #require(versions.count == 1)
        let version = versions[0]
        #expect(version["name"] == "v1" && version["served"] == true && version["storage"] == true)
        #expect(version["subresources"] == ["status": [:]])
        let columns = version["additionalPrinterColumns"]?.arrayValue ?? []
        #expect(columns.map { $0["name"] } == ["Cluster", "Backup ID", "Phase", "Age"])
        #expect(columns.map { $0["jsonPath"] } == [".spec.clusterRef.name", ".spec.source.backupId", ".status.phase", ".metadata.creationTimestamp"])
        #expect(columns.map { $0["type"] } == ["string", "string", "string", "date"])

        let schema = try #require(version["schema"]?["openAPIV3Schema"])
        let restore = try #require(schema["properties"]?["spec"])
        #expect(restore["required"] == ["clusterRef", "source"])
        let fields = try #require(restore["properties"])
        #expect(fields.objectValue?.keys.sorted() == ["backoffLimit", "clusterRef", "restoreMode", "restoreTimeout", "source", "tables"])
        #expect(fields["clusterRef"]?["required"] == ["name"])
        #expect(fields["clusterRef"]?["properties"]?.objectValue?.keys.sorted() == ["name", "namespace"])
        #expect(fields["source"]?["required"] == ["backupId", "location"])
        #expect(fields["source"]?["properties"]?.objectValue?.keys.sorted() == ["backupId", "credentialsSecret", "location"])
        #expect(fields["source"]?["properties"]?["credentialsSecret"]?["required"] == ["name"])
        #expect(fields["tables"]?["type"] == "array" && fields["tables"]?["items"]?["type"] == "string")
        #expect(fields["restoreMode"]?["enum"] == ["fail_if_exists", "skip_if_exists", "overwrite"])
        #expect(fields["restoreMode"]?["default"] == "fail_if_exists")
        #expect(fields["restoreTimeout"]?["type"] == "string" && fields["restoreTimeout"]?["default"] == "2h")
        #expect(fields["backoffLimit"]?["type"] == "integer" && fields["backoffLimit"]?["format"] == "int32")
        #expect(fields["backoffLimit"]?["minimum"] == 0 && fields["backoffLimit"]?["default"] == 3)

        let status = try #require(schema["properties"]?["status"]?["properties"])
        #expect(status.objectValue?.keys.sorted() == ["completionTime", "conditions", "jobName", "message", "phase", "startTime", "tables"])
    }

    @Test func webhookAloneLeavesTheCRDToTheOperator() async throws {
        let manifests = try await RenderedManifests.render("deploy/webhook")
        #expect(manifests.objects(kind: "CustomResourceDefinition").isEmpty)
    }

    // MARK: cert-manager overlay

    @Test func certManagerIssuesFromAPrivateCAAndInjectsIt() async throws {
        let manifests = try await RenderedManifests.render("deploy/overlays/cert-manager")
        let namespace = try #require(manifests.object(kind: "Namespace")?["metadata"]?["name"]?.stringValue)
        let service = try #require(manifests.object(kind: "Service")?["metadata"]?["name"]?.stringValue)
        let certificates = manifests.objects(kind: "Certificate")
        let issuers = manifests.objects(kind: "Issuer")

        // self-signed Issuer → CA Certificate → CA Issuer → serving Certificate.
        let caCertificate = try #require(certificates.first { $0["spec"]?["isCA"] == true })
        let selfSigned = try #require(issuers.first { $0["metadata"]?["name"] == caCertificate["spec"]?["issuerRef"]?["name"] })
        #expect(selfSigned["spec"]?["selfSigned"] != nil)
        #expect(caCertificate["spec"]?["privateKey"]?["rotationPolicy"] == "Never", "a renewed CA keeps verifying the current serving certificate")
        let caIssuer = try #require(issuers.first { $0["spec"]?["ca"]?["secretName"] == caCertificate["spec"]?["secretName"] })
        let serving = try #require(certificates.first { $0["spec"]?["isCA"] == nil })
        #expect(serving["spec"]?["issuerRef"]?["name"] == caIssuer["metadata"]?["name"])
        #expect(serving["spec"]?["issuerRef"]?["kind"] == "Issuer")
        #expect(serving["spec"]?["secretName"] == "antfly-restore-webhook-tls", "the Secret the Deployment mounts")
        #expect(serving["spec"]?["dnsNames"] == [.string("\(service).\(namespace).svc"), .string("\(service).\(namespace).svc.cluster.local")])

        // caBundle follows the CA, so it survives every renewal of the serving certificate.
        let caName = try #require(caCertificate["metadata"]?["name"]?.stringValue)
        for kind in ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"] {
            let annotations = manifests.object(kind: kind)?["metadata"]?["annotations"]
            #expect(annotations?["cert-manager.io/inject-ca-from"] == .string("\(namespace)/\(caName)"), "\(kind)")
        }
    }

    // MARK: fill-ca-bundle.sh

    @Test func fillCABundleRendersTheCAIntoBothConfigurations() async throws {
        let caFile = FileManager.default.temporaryDirectory.appendingPathComponent("ca-\(UUID().uuidString).crt").path
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        let pem = "-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIUZmFrZQ==\n-----END CERTIFICATE-----\n"
        try pem.write(toFile: caFile, atomically: true, encoding: .utf8)
        let script = RenderedManifests.packageRoot.appendingPathComponent("deploy/fill-ca-bundle.sh").path
        let rendered = try await ExternalCommand(executable: "bash", arguments: [script, "--render", caFile]).runSuccessfully()
        let objects = try RenderedManifests.parse(yaml: rendered)
        let expected = JSONValue.string(Data(pem.utf8).base64EncodedString())
        for kind in ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"] {
            let configuration = try #require(objects.first { $0["kind"] == .string(kind) })
            #expect(configuration["webhooks"]?.arrayValue?.first?["clientConfig"]?["caBundle"] == expected, "\(kind)")
        }
        #expect(objects.count == (try await RenderedManifests.render("deploy")).objects.count, "nothing else changes")
    }

    // MARK: Helpers

    /// Every `--flag` that `antfly-restore-webhook serve --help` documents.
    static func serveFlags() async throws -> Set<String> {
        let help = try await ExternalCommand(executable: try builtBinary(), arguments: ["serve", "--help"]).runSuccessfully()
        try #require(help.contains("USAGE: antfly-restore-webhook serve"), "serve --help shows the serve command")
        var flags = Set<String>()
        for word in help.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }) where word.hasPrefix("--") {
            flags.insert(String(word))
        }
        return flags
    }

    /// The `antfly-restore-webhook` executable built beside the test bundle (`swift build --build-tests`).
    static func builtBinary() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            RenderedManifests.packageRoot.appendingPathComponent(".build/debug"),
        ].map { $0.appendingPathComponent("antfly-restore-webhook").path }
        guard let binary = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw ExternalCommand.Failure(command: candidates, reason: "not built: run swift build --build-tests first")
        }
        return binary
    }

    /// Whole seconds of a Go-style duration such as `5s`, `1m` or `1m30s`; nil for anything else.
    static func seconds(_ duration: String) -> Int? {
        var total = 0
        var digits = ""
        for character in duration {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            guard let value = Int(digits) else { return nil }
            switch character {
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            default: return nil
            }
            digits = ""
        }
        return digits.isEmpty && !duration.isEmpty ? total : nil
    }
}

extension JSONValue {
    /// `spec.template.spec` of a Deployment.
    fileprivate var podSpec: JSONValue? { self["spec"]?["template"]?["spec"] }

    /// The value of `--name=value` in a container's args.
    fileprivate func flagValue(_ name: String) -> String? {
        let prefix = name + "="
        let argument = self["args"]?.arrayValue?.compactMap(\.stringValue).first { $0.hasPrefix(prefix) }
        return argument.map { String($0.dropFirst(prefix.count)) }
    }

    /// A port number, or a container port name resolved against this container's `ports`.
    fileprivate func resolvePort(_ port: JSONValue) -> Int? {
        if let number = port.integerValue { return number }
        guard let name = port.stringValue else { return nil }
        return self["ports"]?.arrayValue?.first { $0["name"] == .string(name) }?["containerPort"]?.integerValue
    }

    /// An integer number as `Int`.
    fileprivate var integerValue: Int? {
        guard case .number(let number) = self, let value = number.int64Value else { return nil }
        return Int(value)
    }
}
