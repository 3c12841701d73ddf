public import ClusterWatch
public import FoundationEssentials
import Prometheus

/// The AntflyCluster cache's state as metrics: a stuck watch shows as `synced 0` and a growing
/// restart count long before a restore is admitted without its cluster being checked.
extension WebhookMetrics: ClusterWatchEvents {
    public func cacheSynced(_ isSynced: Bool) {
        clusterCacheSynced.set(to: isSynced ? 1 : 0)
    }

    public func objectsCached(_ count: Int) {
        clusterCacheObjects.set(to: Double(count))
    }

    public func listCompleted(at time: Date) {
        clusterCacheLastSync.set(to: time.timeIntervalSince1970)
    }

    public func watchRestarted(reason: WatchRestartReason) {
        clusterWatchRestarts[reason]?.increment()
    }
}
