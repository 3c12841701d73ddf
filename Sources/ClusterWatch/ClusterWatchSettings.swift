/// Timeouts, retry pacing and size limits of the AntflyCluster list and watch. The defaults suit
/// a real cluster; tests shrink the durations.
public struct ClusterWatchSettings: Sendable, Equatable {
    /// Items per list page (`limit`); larger lists are read with continue tokens.
    public var pageSize: Int
    /// The watch's `timeoutSeconds`: the server ends each watch after this long and the watcher
    /// resumes from the last resourceVersion, so no connection lives forever. Whole seconds, at least 1.
    public var watchTimeout: Duration
    /// The longest silence tolerated on a watch. The API server sends a bookmark about once a minute
    /// even when nothing changes, so twice that means the connection hung; the watcher reconnects.
    public var watchReadTimeout: Duration
    /// Connecting plus the TLS handshake.
    public var connectTimeout: Duration
    /// The longest wait for each read of a list response (and for the head of any response).
    public var requestTimeout: Duration
    /// The first retry delay after a failure; doubled per consecutive failure, up to `maximumBackoff`,
    /// with random jitter so that replicas do not retry in step.
    public var initialBackoff: Duration
    public var maximumBackoff: Duration
    /// The largest list page accepted.
    public var maxListBytes: Int
    /// The largest single watch event accepted.
    public var maxEventBytes: Int

    public init(
        pageSize: Int = 500,
        watchTimeout: Duration = .seconds(300),
        watchReadTimeout: Duration = .seconds(120),
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(60),
        initialBackoff: Duration = .milliseconds(500),
        maximumBackoff: Duration = .seconds(30),
        maxListBytes: Int = 64 * 1024 * 1024,
        maxEventBytes: Int = 8 * 1024 * 1024
    ) {
        self.pageSize = pageSize
        self.watchTimeout = watchTimeout
        self.watchReadTimeout = watchReadTimeout
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.maxListBytes = maxListBytes
        self.maxEventBytes = maxEventBytes
    }
}
