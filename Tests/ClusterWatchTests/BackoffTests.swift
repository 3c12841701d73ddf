import Testing

@testable import ClusterWatch

@Suite struct BackoffTests {
    @Test func delaysDoubleWithJitterUpToTheCap() {
        var generator = SystemRandomNumberGenerator()
        var backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(1))
        let nominal: [Duration] = [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1)]
        for expected in nominal {
            let delay = backoff.nextDelay(using: &generator)
            #expect(delay >= expected / 2 && delay <= expected)
        }
    }

    @Test func resetStartsOver() {
        var generator = SystemRandomNumberGenerator()
        var backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(30))
        for _ in 0..<10 {
            _ = backoff.nextDelay(using: &generator)
        }
        backoff.reset()
        #expect(backoff.nextDelay(using: &generator) <= .milliseconds(100))
    }

    @Test func manyFailuresStayCapped() {
        var generator = SystemRandomNumberGenerator()
        var backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(30))
        for _ in 0..<200 {
            #expect(backoff.nextDelay(using: &generator) <= .seconds(30))
        }
    }
}
