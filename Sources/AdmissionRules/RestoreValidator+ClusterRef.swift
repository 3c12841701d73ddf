import JSONModel

/// `spec.clusterRef` (rules 2, 3, 12) and the cluster lookup of SPEC §6.
extension RestoreValidator {
    func validateClusterRef(_ spec: JSONObject, namespace: String, checksCluster: Bool, into result: inout ValidationResult) {
        let path = JSONPath("spec", "clusterRef")
        guard let clusterRef = Self.requiredObject(spec["clusterRef"], at: path, into: &result) else { return }
        warnAboutUnknownFields(in: clusterRef, known: ["name", "namespace"], at: path, into: &result)

        let namePath = path.appending("name")
        var isUsable = true
        let name = Self.requiredString(clusterRef, "name", at: namePath, into: &result)
        if let name {
            for problem in KubernetesName.subdomainProblems(name) {
                result.add(.invalid(.string(name), detail: problem), at: namePath)
                isUsable = false
            }
        }

        var clusterNamespace = namespace
        let namespacePath = path.appending("namespace")
        switch Self.present(clusterRef, "namespace") {
        case nil, .string("")?:
            break
        case .string(let value)?:
            let problems = KubernetesName.labelProblems(value)
            for problem in problems {
                result.add(.invalid(.string(value), detail: problem), at: namespacePath)
            }
            if !problems.isEmpty {
                isUsable = false
            } else if value != namespace && !namespace.isEmpty && policy.crossNamespace == .deny {
                result.add(
                    .forbidden(
                        detail: "the AntflyRestore is in namespace \(GoQuote.quote(namespace)) and its cluster in \(GoQuote.quote(value)): cross-namespace restores are denied (--cross-namespace=deny)"
                    ),
                    at: namespacePath)
                isUsable = false
            }
            clusterNamespace = value
        case let other?:
            result.add(.typeInvalid(other, detail: "must be a string"), at: namespacePath)
            isUsable = false
        }

        if checksCluster, isUsable, let name, !clusterNamespace.isEmpty, policy.clusterCheck != .off {
            checkClusterExists(namespace: clusterNamespace, name: name, at: namePath, into: &result)
        }
    }

    /// Asks the directory, and turns its answer into nothing, a warning or an error according to policy.
    private func checkClusterExists(namespace: String, name: String, at path: JSONPath, into result: inout ValidationResult) {
        let reference = namespace + "/" + name
        switch clusters.lookup(namespace: namespace, name: name) {
        case .found:
            break
        case .notFound where policy.clusterCheck == .deny:
            result.add(
                .notFound(
                    .string(name),
                    detail: "AntflyCluster \(GoQuote.quote(reference)) does not exist: create it first (this webhook runs with --cluster-check=deny)"
                ),
                at: path)
        case .notFound:
            result.warnings.append(
                .fitting(path: path, value: reference) { "AntflyCluster \"\($0)\" not found; the restore will wait in Pending" })
        case .unknown where policy.clusterCheckUnavailable == .deny:
            result.add(
                .forbidden(
                    detail: "cannot verify that AntflyCluster \(GoQuote.quote(reference)) exists while the cluster cache is unavailable (--cluster-check-unavailable=deny): retry shortly"
                ),
                at: path)
        case .unknown:
            result.warnings.append(
                .fitting(path: path, value: reference) { "could not verify that AntflyCluster \"\($0)\" exists (cluster cache unavailable)" })
        }
    }
}
