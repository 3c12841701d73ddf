/// A min-heap of (deadline, token) for one event loop's connection timers.
///
/// There is no removal: an entry whose connection closed, or whose deadline moved, is skipped when it
/// comes due (the loop checks the connection's current deadline). The loop pushes only when a deadline
/// moves earlier than the one already queued, so the heap holds about one entry per connection.
struct TimerQueue<Instant: Comparable> {
    struct Entry {
        let deadline: Instant
        let token: UInt64
    }

    private var heap: [Entry] = []

    var count: Int { heap.count }
    var earliest: Instant? { heap.first?.deadline }

    mutating func push(_ deadline: Instant, token: UInt64) {
        heap.append(Entry(deadline: deadline, token: token))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest entry if it is due at `now`.
    mutating func popDue(at now: Instant) -> Entry? {
        guard let first = heap.first, first.deadline <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count && heap[left].deadline < heap[smallest].deadline { smallest = left }
                if right < heap.count && heap[right].deadline < heap[smallest].deadline { smallest = right }
                guard smallest != parent else { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
