import FoundationEssentials
import Glibc
import Logging
import Synchronization

/// The watcher thread's work: wait for a directory event, a poll tick or the wake signal; re-read
/// the files; build a new `TLSContext` when their content changed; publish it or refuse it.
///
/// Shared between the `CertificateWatcher` handle and its thread. Its only mutable shared state is
/// `current`, behind a `Mutex`; what the loop remembers between checks lives in `run()`'s locals.
final class CertificateReloader: Sendable {
    /// After a directory event, wait until the files have been quiet this long before reading
    /// them, so a swap of certificate and key by two renames is read once, as a pair.
    static let settleInterval: Duration = .milliseconds(100)
    /// ... but never delay a reload longer than this on a directory that keeps changing.
    static let maximumSettleTime: Duration = .seconds(1)

    let configuration: TLSConfiguration
    let pollInterval: Duration
    let watchesDirectories: Bool
    let logger: Logger
    let onRead: @Sendable (Result<TLSContext, TLSError>) -> Void
    let current: Mutex<TLSContext>
    let wake: WakeSignal
    /// The bytes `current` was built from; the loop starts from them.
    let initialPair: CertificatePair

    init(
        configuration: TLSConfiguration,
        pollInterval: Duration,
        watchesDirectories: Bool,
        logger: Logger,
        onRead: @escaping @Sendable (Result<TLSContext, TLSError>) -> Void
    ) throws(TLSError) {
        self.configuration = configuration
        self.pollInterval = pollInterval
        self.watchesDirectories = watchesDirectories
        self.logger = logger
        self.onRead = onRead
        wake = try WakeSignal()
        let pair: CertificatePair
        let context: TLSContext
        do throws(TLSError) {
            pair = try CertificatePair(reading: configuration)
            context = try TLSContext(configuration: configuration, pair: pair)
        } catch {
            onRead(.failure(error))
            throw error
        }
        initialPair = pair
        current = Mutex(context)
        logLoaded(context, message: "TLS certificate loaded")
        onRead(.success(context))
    }

    /// What the loop remembers between checks.
    private struct Memory {
        /// The content `current` was built from.
        var loaded: CertificatePair
        /// The last refused content (or read error), so the same failure is reported once.
        var refusedPair: CertificatePair?
        var lastFailure: TLSError?
    }

    /// The thread body; returns once `wake` is signalled.
    func run() {
        var memory = Memory(loaded: initialPair)
        let directories = watchesDirectories ? makeDirectoryWatcher() : nil
        directories.map { watch(with: $0) }
        // A change between the first read (in init) and the watches above raised no event.
        check(&memory)
        directories.map { watch(with: $0) }
        var nextPoll = ContinuousClock.now + pollInterval
        while true {
            var entries = [pollfd(fd: wake.readDescriptor, events: Int16(POLLIN), revents: 0)]
            if let directories {
                entries.append(pollfd(fd: directories.descriptor, events: Int16(POLLIN), revents: 0))
            }
            let ready = poll(&entries, nfds_t(entries.count), Self.milliseconds(until: nextPoll))
            if ready < 0 {
                let errorNumber = errno
                if errorNumber == EINTR { continue }
                let error = TLSError.system(operation: "poll", errorNumber: errorNumber)
                logger.error("certificate watcher poll failed; stopping", metadata: ["tls.error": "\(error)"])
                return
            }
            if entries[0].revents != 0 { return }
            if let directories, entries[1].revents != 0 {
                switch settle(directories) {
                case .stopRequested: return
                case .unrelated: break
                case .settled:
                    check(&memory)
                    watch(with: directories)
                }
            }
            if ContinuousClock.now >= nextPoll {
                check(&memory)
                directories.map { watch(with: $0) }
                nextPoll = ContinuousClock.now + pollInterval
            }
        }
    }

    /// What `settle` saw.
    private enum Settling {
        /// Woken to stop.
        case stopRequested
        /// Only events that cannot concern the certificate (`DirectoryWatcher`): nothing to re-read.
        case unrelated
        /// Events that can, and then `settleInterval` without more of them (or `maximumSettleTime`).
        case settled
    }

    /// Drains the queued events and, when one of them can concern the certificate, keeps draining
    /// until the directories have been quiet of such events for `settleInterval`, so a swap made of
    /// several steps is read once it is whole.
    private func settle(_ directories: DirectoryWatcher) -> Settling {
        guard directories.drainEvents() else { return .unrelated }
        let limit = ContinuousClock.now + Self.maximumSettleTime
        var quietUntil = min(ContinuousClock.now + Self.settleInterval, limit)
        while ContinuousClock.now < quietUntil {
            var entries = [
                pollfd(fd: wake.readDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: directories.descriptor, events: Int16(POLLIN), revents: 0),
            ]
            _ = poll(&entries, 2, Self.milliseconds(until: quietUntil))
            if entries[0].revents != 0 { return .stopRequested }
            if entries[1].revents != 0 && directories.drainEvents() {
                quietUntil = min(ContinuousClock.now + Self.settleInterval, limit)
            }
        }
        return .settled
    }

    /// Re-reads the files and swaps in a new context if their content changed and is valid.
    private func check(_ memory: inout Memory) {
        let pair: CertificatePair
        do {
            pair = try CertificatePair(reading: configuration)
        } catch {
            refuse(error, pair: nil, memory: &memory)
            return
        }
        if pair == memory.loaded {
            // Touched, or restored after a refused change: the current context already matches.
            memory.refusedPair = nil
            memory.lastFailure = nil
            return
        }
        if pair == memory.refusedPair { return }
        let context: TLSContext
        do {
            context = try TLSContext(configuration: configuration, pair: pair)
        } catch {
            refuse(error, pair: pair, memory: &memory)
            return
        }
        current.withLock { $0 = context }
        memory = Memory(loaded: pair)
        logLoaded(context, message: "TLS certificate reloaded")
        onRead(.success(context))
    }

    /// Keeps the current context and reports the failure once per distinct failure.
    private func refuse(_ error: TLSError, pair: CertificatePair?, memory: inout Memory) {
        if error == memory.lastFailure && pair == memory.refusedPair { return }
        memory.refusedPair = pair
        memory.lastFailure = error
        logger.warning(
            "TLS certificate reload refused; keeping the previous certificate",
            metadata: ["tls.error": "\(error)", "tls.certificate.file": "\(configuration.certificateFile)"]
        )
        onRead(.failure(error))
    }

    private func makeDirectoryWatcher() -> DirectoryWatcher? {
        do {
            return try DirectoryWatcher()
        } catch {
            logger.warning("cannot watch certificate directories; polling only", metadata: ["tls.error": "\(error)"])
            return nil
        }
    }

    /// Watches the directories of the configured paths and of the files they resolve to, each for the
    /// names of those files in it.
    private func watch(with directories: DirectoryWatcher) {
        var wanted: [String: Set<String>] = [:]
        for path in [configuration.certificateFile, configuration.privateKeyFile] + (configuration.clientCAFile.map { [$0] } ?? []) {
            wanted[Self.directory(of: path), default: []].insert(Self.name(of: path))
            if let resolved = Self.resolvedPath(path) {
                wanted[Self.directory(of: resolved), default: []].insert(Self.name(of: resolved))
            }
        }
        for (directory, error) in directories.watch(wanted) {
            logger.debug("certificate directory not watched; the poll covers it", metadata: ["tls.directory": "\(directory)", "tls.error": "\(error)"])
        }
    }

    private func logLoaded(_ context: TLSContext, message: Logger.Message) {
        logger.info(
            message,
            metadata: [
                "tls.certificate.file": "\(configuration.certificateFile)",
                "tls.certificate.fingerprint": "\(context.certificateFingerprint)",
                "tls.certificate.not_after": "\(context.certificateNotAfter.map { "\($0)" } ?? "unknown")",
            ]
        )
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    private static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
    }
}
