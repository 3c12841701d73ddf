import Synchronization

/// A clock that moves only when a test says so (the hummingbird `MockClock` habit).
struct ManualClock: Clock {
    struct Instant: InstantProtocol {
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (left: Instant, right: Instant) -> Bool { left.offset < right.offset }
    }

    private final class Storage: Sendable {
        let now = Mutex<Duration>(.zero)
    }

    private let storage = Storage()

    var now: Instant { Instant(offset: storage.now.withLock { $0 }) }
    var minimumResolution: Duration { .nanoseconds(1) }

    func advance(by duration: Duration) {
        storage.now.withLock { $0 += duration }
    }

    /// Suspends until another task advances the clock past `deadline`.
    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        while now < deadline {
            try Task.checkCancellation()
            await Task.yield()
        }
    }
}
