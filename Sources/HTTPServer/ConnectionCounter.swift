import Synchronization

/// Open connections across every event loop, so ``ServerLimits/maxConnections`` is one global cap.
final class ConnectionCounter: Sendable {
    private let open = Atomic<Int>(0)
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts a new connection, or refuses it when the cap is reached.
    func tryOpen() -> Bool {
        var current = open.load(ordering: .relaxed)
        while current < limit {
            let (exchanged, original) = open.compareExchange(expected: current, desired: current + 1, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
        return false
    }

    func close() {
        open.subtract(1, ordering: .relaxed)
    }

    var count: Int {
        open.load(ordering: .relaxed)
    }
}
