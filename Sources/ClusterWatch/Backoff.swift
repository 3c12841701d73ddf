/// Capped exponential backoff with jitter, for reconnecting to the API server.
///
/// The n-th consecutive delay is drawn uniformly from the upper half of `min(initial × 2ⁿ, maximum)`:
/// never shorter than half the nominal delay (so a failing server is not hammered), and spread so
/// that the replicas of a deployment that lost the API server together do not retry in lockstep.
struct Backoff {
    let initial: Duration
    let maximum: Duration
    /// Consecutive failures so far.
    private(set) var failures = 0

    init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = max(initial, maximum)
    }

    /// The delay before the next attempt, counting one more failure.
    mutating func nextDelay(using generator: inout some RandomNumberGenerator) -> Duration {
        var nominal = initial
        for _ in 0..<min(failures, 62) where nominal < maximum {
            nominal *= 2
        }
        nominal = min(nominal, maximum)
        failures += 1
        let half = nominal / 2
        let jitter = Double.random(in: 0...1, using: &generator)
        return half + half * jitter
    }

    /// After a success: the next failure starts from `initial` again.
    mutating func reset() {
        failures = 0
    }
}
