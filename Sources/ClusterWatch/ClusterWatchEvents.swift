public import FoundationEssentials

/// What the watcher reports for metrics (the webhook implements it with Prometheus). Called on
/// the watcher's thread; implementations must be quick and must not block.
public protocol ClusterWatchEvents: Sendable {
    /// The cache started (`true`) or stopped (`false`) answering lookups from its contents: the
    /// "synced" gauge. It stops when the watch has been broken for longer than the grace period.
    func cacheSynced(_ isSynced: Bool)
    /// The number of AntflyClusters cached, after a list or an ADDED or DELETED event.
    func objectsCached(_ count: Int)
    /// A full list succeeded at `time`: the "last sync time" gauge.
    func listCompleted(at time: Date)
    /// A list or watch ended or failed, and a new one follows: the "watch restarts" counter.
    func watchRestarted(reason: WatchRestartReason)
}
