import ClusterWatch
import Foundation
import Synchronization

/// Records what a watcher reports and lets a test await a condition: every report wakes the
/// waiters, which re-check, so nothing sleeps to synchronise and every wait has a deadline.
final class EventRecorder: ClusterWatchEvents, Sendable {
    enum Event: Sendable, Equatable {
        case synced(Bool)
        case objects(Int)
        case listed
        case restarted(WatchRestartReason)
    }

    private struct State {
        var history: [Event] = []
        var instants: [ContinuousClock.Instant] = []
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    var history: [Event] { state.withLock { $0.history } }

    func count(of event: Event) -> Int {
        history.filter { $0 == event }.count
    }

    /// When the first report matching `matches` was made at or after `start`: measures the
    /// watcher's own latency, whatever the test's scheduling.
    func firstInstant(after start: ContinuousClock.Instant, where matches: (Event) -> Bool) -> ContinuousClock.Instant? {
        state.withLock { state in
            zip(state.history, state.instants).first { $0.1 >= start && matches($0.0) }?.1
        }
    }

    func cacheSynced(_ isSynced: Bool) { record(.synced(isSynced)) }
    func objectsCached(_ count: Int) { record(.objects(count)) }
    func listCompleted(at time: Date) { record(.listed) }
    func watchRestarted(reason: WatchRestartReason) { record(.restarted(reason)) }

    /// Waits until `condition` holds, re-checking after every report; false if `timeout` passes first.
    func wait(timeout: Duration = .seconds(15), until condition: @Sendable () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            let seen = history.count
            if condition() { return true }
            guard ContinuousClock.now < deadline else { return false }
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.report(after: seen) }
                group.addTask { try? await Task.sleep(until: deadline) }
                await group.next()
                group.cancelAll()
            }
        }
    }

    private func record(_ event: Event) {
        let waiters = state.withLock { state in
            state.history.append(event)
            state.instants.append(ContinuousClock.now)
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        waiters.forEach { $0.resume() }
    }

    /// Returns once more than `seen` events are recorded, or when the task is cancelled.
    private func report(after seen: Int) async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    guard state.history.count <= seen, !Task.isCancelled else { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
