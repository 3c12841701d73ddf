import AdmissionRules
import Synchronization
import Testing

@testable import ClusterWatch

/// The cache's answers over time, with a clock moved by hand.
@Suite struct ClusterCacheTests {
    /// A clock that only moves when told.
    final class ManualClock: Sendable {
        private let instant = Mutex(ContinuousClock.now)
        var now: ContinuousClock.Instant { instant.withLock { $0 } }
        func advance(by duration: Duration) { instant.withLock { $0 += duration } }
    }

    private func makeCache(clock: ManualClock, gracePeriod: Duration = .seconds(60)) -> ClusterCache {
        ClusterCache(gracePeriod: gracePeriod, now: { clock.now })
    }

    @Test func unknownUntilTheFirstList() {
        let cache = makeCache(clock: ManualClock())
        #expect(cache.lookup(namespace: "prod", name: "a") == .unknown)
        #expect(!cache.isSynced)
        cache.replaceAll(with: [ClusterReference(namespace: "prod", name: "a")])
        #expect(cache.lookup(namespace: "prod", name: "a") == .found)
        #expect(cache.lookup(namespace: "prod", name: "b") == .notFound)
        #expect(cache.lookup(namespace: "dev", name: "a") == .notFound)
        #expect(cache.isSynced)
    }

    @Test func eventsAddAndRemove() {
        let cache = makeCache(clock: ManualClock())
        cache.replaceAll(with: [])
        #expect(cache.insert(ClusterReference(namespace: "prod", name: "a")) == 1)
        #expect(cache.lookup(namespace: "prod", name: "a") == .found)
        #expect(cache.remove(ClusterReference(namespace: "prod", name: "a")) == 0)
        #expect(cache.lookup(namespace: "prod", name: "a") == .notFound)
    }

    @Test func brokenWatchAnswersUntilTheGracePeriodEnds() {
        let clock = ManualClock()
        let cache = makeCache(clock: clock, gracePeriod: .seconds(60))
        cache.replaceAll(with: [ClusterReference(namespace: "prod", name: "a")])
        cache.markBroken()
        clock.advance(by: .seconds(60))
        #expect(cache.lookup(namespace: "prod", name: "a") == .found)
        // A second failure does not restart the grace period.
        cache.markBroken()
        clock.advance(by: .milliseconds(1))
        #expect(cache.lookup(namespace: "prod", name: "a") == .unknown)
        #expect(cache.lookup(namespace: "prod", name: "b") == .unknown)
        #expect(!cache.isSynced)
        cache.markHealthy()
        #expect(cache.lookup(namespace: "prod", name: "a") == .found)
        #expect(cache.isSynced)
    }

    @Test func graceDeadlineIsKnownOnlyWhileBroken() {
        let clock = ManualClock()
        let cache = makeCache(clock: clock, gracePeriod: .seconds(10))
        cache.replaceAll(with: [])
        #expect(cache.graceDeadline == nil)
        cache.markBroken()
        #expect(cache.graceDeadline == clock.now + .seconds(10))
        cache.replaceAll(with: [])
        #expect(cache.graceDeadline == nil)
    }
}
