import Dispatch
import TLS

/// The stop switch shared by a `ClusterWatcher` (any thread) and its loop (the watch thread):
/// stopping interrupts a blocked connect or read, and wakes a backoff pause.
final class WatchControl: Sendable {
    let interrupter = StreamInterrupter()
    private let wake = DispatchSemaphore(value: 0)

    var isStopped: Bool { interrupter.isInterrupted }

    func stop() {
        interrupter.interrupt()
        wake.signal()
    }

    /// Sleeps until `deadline`, or less if stopped.
    func sleep(until deadline: ContinuousClock.Instant) {
        guard !isStopped else { return }
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return }
        let nanoseconds = remaining.components.seconds * 1_000_000_000 + remaining.components.attoseconds / 1_000_000_000
        if wake.wait(timeout: .now() + .nanoseconds(Int(clamping: nanoseconds))) == .success {
            // Leave the wake-up for any later sleep: once stopped, nothing sleeps again.
            wake.signal()
        }
    }
}
