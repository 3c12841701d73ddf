import Glibc
import TLS

/// One socket of a test (accepted, non-blocking, or a raw client end); closed on release. Drives a `TLSConnection` the way an
/// event loop would: on `.wantRead` / `.wantWrite` it polls for that readiness, up to a deadline.
final class OwnedSocket {
    let descriptor: Int32

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Repeats `step` until it completes, closes or fails; a passed deadline is a failure.
    func drive(until deadline: ContinuousClock.Instant, _ step: () -> TLSStatus) -> TLSStatus {
        while true {
            let status = step()
            let events: Int16
            switch status {
            case .wantRead: events = Int16(POLLIN)
            case .wantWrite: events = Int16(POLLOUT)
            case .done, .closed, .failed: return status
            }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else {
                return .failed(TLSError(operation: "test deadline", openSSLErrors: ["passed while waiting for the socket"]))
            }
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            _ = poll(&entry, 1, Self.milliseconds(remaining))
        }
    }

    /// Reads until `expected` bytes arrived, the peer closed, or the deadline passed.
    func read(from connection: TLSConnection, count expected: Int, until deadline: ContinuousClock.Instant) -> [UInt8] {
        var received: [UInt8] = []
        while received.count < expected {
            guard case .done = drive(until: deadline, { connection.read(into: &received, maxBytes: expected - received.count) }) else {
                break
            }
        }
        return received
    }

    /// Writes all of `bytes`, or stops at the first failure.
    func write(_ bytes: [UInt8], to connection: TLSConnection, until deadline: ContinuousClock.Instant) -> Bool {
        var sent = 0
        while sent < bytes.count {
            guard case .done(let count) = drive(until: deadline, { connection.write(bytes[sent...]) }) else {
                return false
            }
            sent += count
        }
        return true
    }

    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
    }
}
