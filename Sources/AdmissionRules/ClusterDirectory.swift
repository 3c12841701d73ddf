/// The seam through which the rules ask whether an AntflyCluster exists (SPEC §6). The webhook answers
/// from an in-memory cache kept current by a watch, so a lookup never waits on the API server; the rules
/// stay pure because they only see this answer.
public protocol ClusterDirectory: Sendable {
    /// Must return at once, without I/O: admission requests call it on the request path.
    func lookup(namespace: String, name: String) -> ClusterLookup
}

/// What a `ClusterDirectory` knows about one AntflyCluster.
public enum ClusterLookup: Sendable, Equatable {
    case found
    case notFound
    /// The directory cannot say right now (no list yet, or the watch has been broken too long).
    case unknown
}

/// A directory with no knowledge of any cluster: every lookup is `.unknown`. For offline use (the `check`
/// command, a webhook without API access), where the policy should also set `clusterCheck` to `.off`.
public struct OfflineClusterDirectory: ClusterDirectory {
    public init() {}

    public func lookup(namespace: String, name: String) -> ClusterLookup {
        .unknown
    }
}
