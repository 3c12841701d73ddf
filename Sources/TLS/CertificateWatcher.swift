import Dispatch
import FoundationEssentials
public import Logging
import Synchronization

/// Keeps the serving certificate current without a restart (SPEC §7, certificate hot reload).
///
/// It watches the directories holding the certificate, key and client CA with inotify (so the
/// kubelet's `..data` symlink swap and files renamed over the old ones are seen within about
/// 100 ms), and also re-reads them every `pollInterval` in case an event was missed. When their
/// content changed it builds a new `TLSContext` on its own thread (never on an event loop) and
/// publishes it through `current`, which new connections read; open connections keep theirs.
/// A broken new pair (unreadable, garbage, key not matching the certificate) is refused: logged
/// as a warning once per distinct failure, reported through `onRead(.failure)`, and the previous
/// context stays in service.
///
/// `onRead` is called on the watcher thread (and once from `init` for the first read), for every
/// successful load and every distinct failure, so the server can count reads, errors and the
/// expiry time (controller-runtime's certwatcher metrics). It must not call `stop()`.
public final class CertificateWatcher: Sendable {
    private let reloader: CertificateReloader
    private let lifecycle = Mutex(Lifecycle.idle)

    private enum Lifecycle {
        case idle
        case running(exited: DispatchSemaphore)
        case stopped
    }

    /// Reads and builds the first context now, so a broken pair at start-up is an error here.
    public convenience init(
        configuration: TLSConfiguration,
        pollInterval: Duration = .seconds(10),
        logger: Logger,
        onRead: @escaping @Sendable (Result<TLSContext, TLSError>) -> Void
    ) throws(TLSError) {
        try self.init(configuration: configuration, pollInterval: pollInterval, watchesDirectories: true, logger: logger, onRead: onRead)
    }

    /// `watchesDirectories: false` leaves only the poll, so tests can check it on its own.
    init(
        configuration: TLSConfiguration,
        pollInterval: Duration,
        watchesDirectories: Bool,
        logger: Logger,
        onRead: @escaping @Sendable (Result<TLSContext, TLSError>) -> Void
    ) throws(TLSError) {
        reloader = try CertificateReloader(
            configuration: configuration,
            pollInterval: pollInterval,
            watchesDirectories: watchesDirectories,
            logger: logger,
            onRead: onRead
        )
    }

    deinit {
        stop()
    }

    /// The context for the next accepted connection.
    public var current: TLSContext {
        reloader.current.withLock { $0 }
    }

    /// Starts the watcher thread; later calls, and calls after `stop()`, do nothing.
    public func start() {
        lifecycle.withLock { state in
            guard case .idle = state else { return }
            let exited = DispatchSemaphore(value: 0)
            let reloader = self.reloader
            // Its own serial queue, so libdispatch gives the blocking watch loop a dedicated thread.
            DispatchQueue(label: "certificate-watcher").async {
                reloader.run()
                exited.signal()
            }
            state = .running(exited: exited)
        }
    }

    /// Stops the watcher thread and waits for it to end (promptly: it is woken, not waited out).
    /// Safe to call more than once, and before `start()`.
    public func stop() {
        let exited: DispatchSemaphore? = lifecycle.withLock { state in
            defer { state = .stopped }
            guard case .running(let exited) = state else { return nil }
            return exited
        }
        guard let exited else { return }
        reloader.wake.signal()
        exited.wait()
    }
}
