import FoundationEssentials
import JSONModel
import Logging

/// The list-and-watch loop of one `ClusterWatcher`, run on its thread; owns the resourceVersion,
/// the backoff and what has been logged, so it is used by that thread only.
final class WatchLoop {
    static let resourcePath = "/apis/antfly.io/v1/antflyclusters"

    private let access: KubernetesAccess
    private let cache: ClusterCache
    private let settings: ClusterWatchSettings
    private let events: any ClusterWatchEvents
    private let logger: Logger
    private let control: WatchControl
    private var backoff: Backoff
    private var random = SystemRandomNumberGenerator()
    /// Where the next watch resumes: the list's version, then each event's and bookmark's.
    private var resourceVersion = ""
    /// The kind of failure last logged, so a retry loop logs its cause once, not every attempt.
    private var problem: WatchRestartReason?
    /// The last value given to `events.cacheSynced`.
    private var reportedSynced: Bool?
    /// Whether the current (or last) watch applied any event or bookmark. A watch that ends
    /// without one is followed by a backoff pause, so a server or proxy that ends every watch at
    /// once cannot spin the loop.
    private var watchProgressed = false

    init(
        access: KubernetesAccess,
        cache: ClusterCache,
        settings: ClusterWatchSettings,
        events: any ClusterWatchEvents,
        logger: Logger,
        control: WatchControl
    ) {
        self.access = access
        self.cache = cache
        self.settings = settings
        self.events = events
        self.logger = logger
        self.control = control
        backoff = Backoff(initial: settings.initialBackoff, maximum: settings.maximumBackoff)
    }

    func run() {
        reportSynced()
        var needsList = true
        while !control.isStopped {
            var isListing = needsList
            do throws(APIServerError) {
                if needsList {
                    try list()
                    needsList = false
                    isListing = false
                }
                try watch()
                guard !control.isStopped else { return }
                events.watchRestarted(reason: .expired)
                if !watchProgressed {
                    pause(for: backoff.nextDelay(using: &random))
                }
            } catch {
                guard !control.isStopped else { return }
                // Log before reporting: whoever watches the reports sees the log line already written.
                if case .gone = error, !isListing {
                    logger.info(
                        "cluster watch resourceVersion expired; listing AntflyClusters again",
                        metadata: ["cluster.error": "\(error)"]
                    )
                    events.watchRestarted(reason: .gone)
                    needsList = true
                    if !watchProgressed {
                        pause(for: backoff.nextDelay(using: &random))
                    }
                    continue
                }
                cache.markBroken()
                let delay = backoff.nextDelay(using: &random)
                reportProblem(error, retryIn: delay)
                events.watchRestarted(reason: error.restartReason)
                reportSynced()
                pause(for: delay)
            }
        }
    }

    // MARK: - List and watch

    /// Lists every AntflyCluster, page by page, and replaces the cache's contents.
    private func list() throws(APIServerError) {
        var clusters = Set<ClusterReference>()
        var continueToken: String?
        var version = ""
        let parser = JSONParser(limits: JSONParser.Limits(maxBytes: settings.maxListBytes))
        repeat {
            var path = "\(Self.resourcePath)?limit=\(settings.pageSize)"
            if let continueToken {
                path += "&continue=\(Self.queryEncoded(continueToken))"
            }
            let exchange = try APIServerExchange(access: access, path: path, settings: settings, interrupter: control.interrupter)
            guard exchange.status == 200 else {
                throw exchange.failure(timeout: settings.requestTimeout)
            }
            let body = try exchange.body(maxBytes: settings.maxListBytes, timeout: settings.requestTimeout)
            let page: ClusterListPage
            do {
                page = try ClusterListPage(parsing: try parser.parse(body))
            } catch let error as APIServerError {
                throw error
            } catch {
                throw APIServerError.malformed("list response: \(error)")
            }
            clusters.formUnion(page.clusters)
            version = page.resourceVersion
            continueToken = page.continueToken
        } while continueToken != nil && !control.isStopped
        guard !control.isStopped else { return }
        cache.replaceAll(with: clusters)
        resourceVersion = version
        backoff.reset()
        problem = nil
        logger.info(
            "cluster cache synced",
            metadata: ["cluster.objects": "\(clusters.count)", "cluster.resource_version": "\(version)"]
        )
        events.objectsCached(clusters.count)
        events.listCompleted(at: Date())
        reportSynced()
    }

    /// Watches from `resourceVersion` until the server ends the watch (a normal return) or it fails.
    private func watch() throws(APIServerError) {
        let path = "\(Self.resourcePath)?watch=1&allowWatchBookmarks=true"
            + "&resourceVersion=\(Self.queryEncoded(resourceVersion))&timeoutSeconds=\(Self.wholeSeconds(settings.watchTimeout))"
        let exchange = try APIServerExchange(access: access, path: path, settings: settings, interrupter: control.interrupter)
        guard exchange.status == 200 else {
            throw exchange.failure(timeout: settings.requestTimeout)
        }
        cache.markHealthy()
        if let previous = problem {
            problem = nil
            logger.info("cluster watch resumed", metadata: ["cluster.previous_problem": "\(previous.rawValue)"])
        }
        reportSynced()
        var framer = JSONStreamFramer(maxObjectBytes: settings.maxEventBytes)
        let parser = JSONParser(limits: JSONParser.Limits(maxBytes: settings.maxEventBytes))
        watchProgressed = false
        while let bytes = try exchange.nextBodyBytes(timeout: settings.watchReadTimeout) {
            for object in try framer.append(bytes) {
                let value: JSONValue
                do {
                    value = try parser.parse(object)
                } catch {
                    throw APIServerError.malformed("watch event: \(error)")
                }
                try apply(try WatchEvent(parsing: value))
                if !watchProgressed {
                    watchProgressed = true
                    backoff.reset()
                }
            }
            if control.isStopped { return }
        }
        guard framer.isBetweenObjects else { throw APIServerError.closed }
    }

    private func apply(_ event: WatchEvent) throws(APIServerError) {
        switch event {
        case .added(let cluster, let version), .modified(let cluster, let version):
            events.objectsCached(cache.insert(cluster))
            if let version { resourceVersion = version }
        case .deleted(let cluster, let version):
            events.objectsCached(cache.remove(cluster))
            if let version { resourceVersion = version }
        case .bookmark(let version):
            resourceVersion = version
        case .error(let error):
            throw error
        }
    }

    // MARK: - State reporting

    /// Logs a failure when its kind differs from the last one logged; repeats go to debug.
    private func reportProblem(_ error: APIServerError, retryIn delay: Duration) {
        let metadata: Logger.Metadata = [
            "cluster.error": "\(error)",
            "cluster.api_server": "\(access.serverURL)",
            "cluster.retry_in": "\(delay)",
        ]
        let kind = error.restartReason
        guard kind != problem else {
            logger.debug("cluster watch still failing", metadata: metadata)
            return
        }
        problem = kind
        if kind == .unauthorized {
            logger.error("cluster watch: the API server refused our credentials; cluster lookups answer unknown", metadata: metadata)
        } else {
            logger.warning("cluster watch broken; retrying", metadata: metadata)
        }
    }

    /// Tells `events` (and the log, when it stops) whether the cache answers, if that changed.
    private func reportSynced() {
        let isSynced = cache.isSynced
        guard isSynced != reportedSynced else { return }
        let wasSynced = reportedSynced == true
        reportedSynced = isSynced
        if wasSynced, !isSynced {
            logger.warning(
                "cluster cache unavailable: the watch has been broken longer than the grace period; lookups answer unknown",
                metadata: ["cluster.grace_period": "\(cache.gracePeriod)"]
            )
        }
        events.cacheSynced(isSynced)
    }

    /// Waits `delay` before retrying, waking when the grace period runs out to report it on time.
    private func pause(for delay: Duration) {
        let end = ContinuousClock.now + delay
        while !control.isStopped, ContinuousClock.now < end {
            var until = end
            if let graceDeadline = cache.graceDeadline, cache.isSynced {
                until = min(until, graceDeadline + .milliseconds(1))
            }
            control.sleep(until: until)
            reportSynced()
        }
    }

    // MARK: - Query strings

    /// Percent-encodes everything but RFC 3986 unreserved characters (continue tokens are base64).
    static func queryEncoded(_ value: String) -> String {
        var encoded = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                encoded.unicodeScalars.append("%")
                encoded.unicodeScalars.append(hex[Int(byte >> 4)])
                encoded.unicodeScalars.append(hex[Int(byte & 0x0f)])
            }
        }
        return encoded
    }

    private static func wholeSeconds(_ duration: Duration) -> Int64 {
        max(1, duration.components.seconds)
    }
}
