public import AdmissionRules
public import YAMLCodec

/// The choices of a `check` run. The rules are the server's, with the server's policy flags; only the
/// cluster check is off, since there is no cluster to ask offline.
public struct ManifestCheckOptions: Sendable, Equatable {
    /// The namespace of restores that name none, as `kubectl apply` would use (`--namespace`).
    public var namespace: String
    /// `--cross-namespace`, as the server takes it.
    public var crossNamespace: CrossNamespacePolicy
    /// `--file-locations`, as the server takes it.
    public var fileLocations: FileLocationPolicy
    /// Bounds on each manifest file; `limits.maxBytes` also caps what is read.
    public var limits: YAMLDecoder.Limits

    /// The defaults are `serve`'s.
    public init(
        namespace: String = "default", crossNamespace: CrossNamespacePolicy = .deny, fileLocations: FileLocationPolicy = .warn,
        limits: YAMLDecoder.Limits = YAMLDecoder.Limits()
    ) {
        self.namespace = namespace
        self.crossNamespace = crossNamespace
        self.fileLocations = fileLocations
        self.limits = limits
    }

    /// The server's policy for these flags, with `--cluster-check=off`.
    var policy: AdmissionPolicy {
        AdmissionPolicy(crossNamespace: crossNamespace, fileLocations: fileLocations, clusterCheck: .off)
    }
}
