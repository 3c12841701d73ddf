public import AdmissionRules
import Synchronization

/// The AntflyClusters that exist, kept in memory by a `ClusterWatcher`, answering the rules'
/// `ClusterDirectory` questions without I/O (SPEC §6): a lookup takes a lock and a set lookup,
/// never a round trip, so admission never waits on the API server.
///
/// `.unknown` until the first full list has succeeded, and again while the watch has been broken
/// for longer than `gracePeriod`: a short outage keeps answering from the last known state (stale
/// by seconds at most, and resumed from the same resourceVersion), a long one admits that it does
/// not know, so `--cluster-check-unavailable` decides.
public final class ClusterCache: ClusterDirectory, Sendable {
    private struct State {
        var clusters: Set<ClusterReference> = []
        var hasListed = false
        var brokenSince: ContinuousClock.Instant?
    }

    /// How long a broken watch may still answer from memory.
    public let gracePeriod: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let state = Mutex(State())

    public convenience init(gracePeriod: Duration = .seconds(60)) {
        self.init(gracePeriod: gracePeriod, now: { ContinuousClock.now })
    }

    /// With a clock of the caller's choosing, so tests can move time by hand.
    init(gracePeriod: Duration, now: @escaping @Sendable () -> ContinuousClock.Instant) {
        self.gracePeriod = gracePeriod
        self.now = now
    }

    public func lookup(namespace: String, name: String) -> ClusterLookup {
        let reference = ClusterReference(namespace: namespace, name: name)
        let instant = now()
        return state.withLock { state in
            guard Self.isAnswering(state, at: instant, gracePeriod: gracePeriod) else { return .unknown }
            return state.clusters.contains(reference) ? .found : .notFound
        }
    }

    /// Whether lookups answer `.found` / `.notFound` right now (the "synced" gauge).
    public var isSynced: Bool {
        let instant = now()
        return state.withLock { Self.isAnswering($0, at: instant, gracePeriod: gracePeriod) }
    }

    /// How many AntflyClusters are cached.
    public var count: Int {
        state.withLock { $0.clusters.count }
    }

    // MARK: - Updates from the watcher

    /// Replaces the contents with a complete list; the cache answers from now on.
    func replaceAll(with clusters: Set<ClusterReference>) {
        state.withLock { state in
            state.clusters = clusters
            state.hasListed = true
            state.brokenSince = nil
        }
    }

    /// Records an ADDED or MODIFIED object; returns the new count.
    func insert(_ cluster: ClusterReference) -> Int {
        state.withLock { state in
            state.clusters.insert(cluster)
            return state.clusters.count
        }
    }

    /// Records a DELETED object; returns the new count.
    func remove(_ cluster: ClusterReference) -> Int {
        state.withLock { state in
            state.clusters.remove(cluster)
            return state.clusters.count
        }
    }

    /// The watch failed: start the grace period, unless it is already running.
    func markBroken() {
        let instant = now()
        state.withLock { state in
            if state.brokenSince == nil {
                state.brokenSince = instant
            }
        }
    }

    /// The watch is flowing again.
    func markHealthy() {
        state.withLock { $0.brokenSince = nil }
    }

    /// When a broken cache stops answering, if it is broken and still answering.
    var graceDeadline: ContinuousClock.Instant? {
        state.withLock { state in
            guard state.hasListed, let since = state.brokenSince else { return nil }
            return since + gracePeriod
        }
    }

    private static func isAnswering(_ state: State, at instant: ContinuousClock.Instant, gracePeriod: Duration) -> Bool {
        guard state.hasListed else { return false }
        guard let since = state.brokenSince else { return true }
        return since.duration(to: instant) <= gracePeriod
    }
}
