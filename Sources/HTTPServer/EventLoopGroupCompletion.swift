import Synchronization

/// Resumes ``HTTPServer/run()`` once every event-loop thread has returned, with the first error if any.
final class EventLoopGroupCompletion: Sendable {
    private struct State {
        var remaining: Int
        /// All loops ended and the final step ran.
        var isFinished = false
        var firstError: (any Error)?
        var continuation: CheckedContinuation<Void, any Error>?
    }

    private let state: Mutex<State>
    /// Runs on the last loop thread to finish, before `run()` resumes.
    private let whenAllFinished: @Sendable () -> Void

    init(loops: Int, whenAllFinished: @escaping @Sendable () -> Void) {
        state = Mutex(State(remaining: loops))
        self.whenAllFinished = whenAllFinished
    }

    /// Called from `run()`; resumes at once if the loops already finished.
    func wait(with continuation: CheckedContinuation<Void, any Error>) {
        let finished: State? = state.withLock { state in
            if state.isFinished { return state }
            state.continuation = continuation
            return nil
        }
        if let finished { Self.resume(continuation, error: finished.firstError) }
    }

    /// Called by each loop thread as it ends.
    func loopFinished(error: (any Error)?) {
        let isLast = state.withLock { state in
            state.remaining -= 1
            if state.firstError == nil { state.firstError = error }
            return state.remaining == 0
        }
        guard isLast else { return }
        whenAllFinished()
        let ready: (CheckedContinuation<Void, any Error>, (any Error)?)? = state.withLock { state in
            state.isFinished = true
            guard let continuation = state.continuation else { return nil }
            state.continuation = nil
            return (continuation, state.firstError)
        }
        if let (continuation, error) = ready { Self.resume(continuation, error: error) }
    }

    private static func resume(_ continuation: CheckedContinuation<Void, any Error>, error: (any Error)?) {
        if let error {
            continuation.resume(throwing: error)
        } else {
            continuation.resume()
        }
    }
}
