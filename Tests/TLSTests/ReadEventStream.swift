import TLS

/// A `CertificateWatcher`'s `onRead` calls as an `AsyncStream`, so tests wait for an event
/// instead of sleeping. The stream ends at a deadline, so a missing event fails the test
/// (`next()` returns nil) instead of hanging it.
final class ReadEventStream: Sendable {
    typealias Event = Result<TLSContext, TLSError>

    let stream: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    private let watchdog: Task<Void, Never>

    init(deadline: Duration = .seconds(30)) {
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self)
        self.stream = stream
        self.continuation = continuation
        watchdog = Task {
            try? await Task.sleep(for: deadline)
            continuation.finish()
        }
    }

    deinit {
        watchdog.cancel()
        continuation.finish()
    }

    /// The callback to hand the watcher.
    var onRead: @Sendable (Event) -> Void {
        let continuation = self.continuation
        return { continuation.yield($0) }
    }
}

extension AsyncStream<Result<TLSContext, TLSError>>.Iterator {
    /// The next successful read, skipping failures; nil at the deadline.
    mutating func nextContext() async -> TLSContext? {
        while let event = await next() {
            if case .success(let context) = event { return context }
        }
        return nil
    }

    /// The next event, which must be a failure; nil at the deadline or on a success.
    mutating func nextFailure() async -> TLSError? {
        guard let event = await next(), case .failure(let error) = event else { return nil }
        return error
    }
}
