/// Why the watcher started a new list or watch request: a closed set, so it can label a metric.
public enum WatchRestartReason: String, Sendable, CaseIterable {
    /// The server ended the watch normally (its `timeoutSeconds` elapsed): routine, every few minutes.
    case expired
    /// 410 Gone: the resourceVersion was compacted away; the cache lists again.
    case gone
    /// 401 or 403, or the token file could not be read.
    case unauthorized
    /// The read deadline passed with no data (not even a bookmark): the connection hung.
    case silent
    /// The connection failed or dropped.
    case connectionLost = "connection_lost"
    /// Another HTTP status, or a watch ERROR event.
    case error
    /// A response that is not what the API server sends.
    case malformed
}
