import Glibc

/// The process's standard output and error as byte sinks. A log line is written with a single
/// `write` whenever the kernel takes it whole (always, for lines under the pipe buffer), so lines
/// from several event-loop threads never interleave, and nothing waits in a stdio buffer.
public enum StandardStream: Sendable {
    case output
    case error

    public func write(_ bytes: [UInt8]) {
        SystemCall.writeAll(self == .output ? STDOUT_FILENO : STDERR_FILENO, bytes)
    }
}
