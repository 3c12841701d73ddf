/// `--cross-namespace`: whether `spec.clusterRef.namespace` may name another namespace than the restore's (SPEC §5 rule 12).
public enum CrossNamespacePolicy: String, CaseIterable, Sendable {
    case deny, allow
}

/// `--file-locations`: `file://` backup locations are for testing; production clusters can refuse them (SPEC §5 rule 5).
public enum FileLocationPolicy: String, CaseIterable, Sendable {
    case warn, deny
}

/// `--cluster-check`: what a missing AntflyCluster means (SPEC §6). `warn` is the default because GitOps
/// tools may apply the restore before the cluster.
public enum ClusterCheckMode: String, CaseIterable, Sendable {
    case off, warn, deny
}

/// `--cluster-check-unavailable`: what to do while the cluster cache cannot answer (SPEC §6).
public enum ClusterCheckUnavailablePolicy: String, CaseIterable, Sendable {
    case allow, deny
}

/// The choices the command line makes about the rules. They are parameters of the rules, never globals,
/// so tests and the `check` command can judge the same restore under different policies.
public struct AdmissionPolicy: Sendable, Equatable {
    public var crossNamespace: CrossNamespacePolicy
    public var fileLocations: FileLocationPolicy
    public var clusterCheck: ClusterCheckMode
    public var clusterCheckUnavailable: ClusterCheckUnavailablePolicy

    /// The defaults are the SPEC's flag defaults: the safe choice for data, the lenient one for ordering.
    public init(
        crossNamespace: CrossNamespacePolicy = .deny,
        fileLocations: FileLocationPolicy = .warn,
        clusterCheck: ClusterCheckMode = .warn,
        clusterCheckUnavailable: ClusterCheckUnavailablePolicy = .allow
    ) {
        self.crossNamespace = crossNamespace
        self.fileLocations = fileLocations
        self.clusterCheck = clusterCheck
        self.clusterCheckUnavailable = clusterCheckUnavailable
    }
}
