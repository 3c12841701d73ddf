import Glibc
import Synchronization

/// Wakes a thread blocked in a `TLSClientStream` (connecting, or reading a long watch) from another
/// thread, so a watcher can be stopped at once instead of at its next read deadline.
///
/// One interrupter serves a sequence of streams, one at a time: each stream attaches its socket while
/// it is open. `interrupt()` shuts the attached socket down (a blocked `recv` returns end of stream,
/// a pending `connect` fails) and refuses every later attach, so a stream opened after the interrupt
/// fails at once. Closing goes through the interrupter under the same lock, so a shutdown can never
/// hit a descriptor number that has already been reused.
public final class StreamInterrupter: Sendable {
    private struct State {
        var descriptor: Int32?
        var isInterrupted = false
    }

    private let state = Mutex(State())

    public init() {}

    /// Whether `interrupt()` has been called; it cannot be undone.
    public var isInterrupted: Bool {
        state.withLock { $0.isInterrupted }
    }

    /// Shuts down the attached socket, if any, and refuses later ones.
    public func interrupt() {
        state.withLock { state in
            state.isInterrupted = true
            if let descriptor = state.descriptor {
                _ = shutdown(descriptor, Int32(SHUT_RDWR))
            }
        }
    }

    /// Makes `descriptor` the one `interrupt()` shuts down; false once interrupted (the caller
    /// then closes it and gives up).
    func attach(_ descriptor: Int32) -> Bool {
        state.withLock { state in
            guard !state.isInterrupted else { return false }
            state.descriptor = descriptor
            return true
        }
    }

    /// Closes `descriptor`, detaching it first if it is the attached one.
    func close(_ descriptor: Int32) {
        state.withLock { state in
            if state.descriptor == descriptor {
                state.descriptor = nil
            }
            _ = Glibc.close(descriptor)
        }
    }
}
