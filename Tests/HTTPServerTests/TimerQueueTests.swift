@testable import HTTPServer
import Testing

@Suite struct TimerQueueTests {
    @Test func entriesComeDueInDeadlineOrder() {
        var queue = TimerQueue<Int>()
        for (deadline, token) in [(5, 1), (1, 2), (9, 3), (3, 4), (1, 5), (7, 6)] {
            queue.push(deadline, token: UInt64(token))
        }
        #expect(queue.earliest == 1)
        #expect(queue.popDue(at: 0) == nil)
        var due: [Int] = []
        while let entry = queue.popDue(at: 7) { due.append(entry.deadline) }
        #expect(due == [1, 1, 3, 5, 7])
        #expect(queue.count == 1)
        #expect(queue.earliest == 9)
    }
}
