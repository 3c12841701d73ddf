public import Logging
import Dispatch
import FoundationEssentials
import Synchronization

/// Keeps a `ClusterCache` current with a list and watch of `antfly.io/v1` AntflyClusters in all
/// namespaces (SPEC §6), on a thread of its own.
///
/// The loop: list (in pages) and fill the cache, then watch from the list's resourceVersion with
/// bookmarks, applying ADDED / MODIFIED / DELETED and remembering the newest resourceVersion. A
/// watch the server ends (`timeoutSeconds`) resumes at once from there; 410 Gone lists again; any
/// other failure (refused, dropped, silent past the read deadline, 401/403, 5xx) marks the cache
/// broken and retries after a capped, jittered exponential backoff. Logs state changes only
/// (synced, broken, re-list, credentials refused, unavailable), never one line per event.
public final class ClusterWatcher: Sendable {
    private enum Phase {
        case idle, running, stopped
    }

    public let access: KubernetesAccess
    public let cache: ClusterCache
    public let settings: ClusterWatchSettings
    private let events: any ClusterWatchEvents
    private let logger: Logger
    private let control = WatchControl()
    private let finished = DispatchSemaphore(value: 0)
    private let phase = Mutex(Phase.idle)

    public init(
        access: KubernetesAccess,
        cache: ClusterCache,
        settings: ClusterWatchSettings = ClusterWatchSettings(),
        events: any ClusterWatchEvents,
        logger: Logger
    ) {
        self.access = access
        self.cache = cache
        self.settings = settings
        self.events = events
        self.logger = logger
    }

    /// A watcher dropped without `stop()` still ends its thread (at once, without waiting for it).
    deinit {
        control.stop()
    }

    /// Starts listing and watching on a new thread and returns at once; later calls do nothing.
    public func start() {
        let starts = phase.withLock { phase in
            guard phase == .idle else { return false }
            phase = .running
            return true
        }
        guard starts else { return }
        // Its own serial queue, so libdispatch gives the blocking watch loop a dedicated thread.
        DispatchQueue(label: "cluster-watch").async { [access, cache, settings, events, logger, control, finished] in
            WatchLoop(access: access, cache: cache, settings: settings, events: events, logger: logger, control: control).run()
            finished.signal()
        }
    }

    /// Ends the watch: interrupts a blocked connect or read at once and waits, at most `timeout`,
    /// for the thread to finish. The cache keeps its contents. Idempotent.
    public func stop(timeout: Duration = .seconds(5)) {
        let wasRunning = phase.withLock { phase in
            defer { phase = .stopped }
            return phase == .running
        }
        control.stop()
        guard wasRunning else { return }
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        if finished.wait(timeout: .now() + .nanoseconds(Int(clamping: nanoseconds))) == .timedOut {
            logger.warning("cluster watch thread did not stop in time", metadata: ["cluster.stop_timeout": "\(timeout)"])
        }
    }
}
