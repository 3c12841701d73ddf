import Synchronization

/// Resumes ``HTTPServer/run()`` once every event-loop thread has returned, with the first error if any.
final class EventLoopGroupCompletion: Sendable {
    private struct State {
        var remaining: Int
        var firstError: (any Error)?
        var continuation: CheckedContinuation<Void, any Error>?
    }

    private let state: Mutex<State>

    init(loops: Int) {
        state = Mutex(State(remaining: loops))
    }

    /// Called from `run()`; resumes at once if the loops already finished.
    func wait(with continuation: CheckedContinuation<Void, any Error>) {
        let finished: State? = state.withLock { state in
            if state.remaining == 0 { return state }
            state.continuation = continuation
            return nil
        }
        if let finished { Self.resume(continuation, error: finished.firstError) }
    }

    /// Called by each loop thread as it ends.
    func loopFinished(error: (any Error)?) {
        let ready: (CheckedContinuation<Void, any Error>, (any Error)?)? = state.withLock { state in
            state.remaining -= 1
            if state.firstError == nil { state.firstError = error }
            guard state.remaining == 0, let continuation = state.continuation else { return nil }
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
