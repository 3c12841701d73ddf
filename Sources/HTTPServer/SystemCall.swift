internal import CLinux
import Glibc

/// A failed system call, with `errno` read at once so nothing in between can overwrite it.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The C function that failed, such as `bind` or `accept4`.
    public let call: String
    /// The `errno` value it set.
    public let errno: Int32

    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    public var description: String {
        "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// The outcome of an operation on a non-blocking descriptor: done, or "try again when epoll says so".
enum IOResult<Value> {
    case processed(Value)
    case wouldBlock
}

/// The one place that calls the C functions behind sockets, epoll and eventfd (the swift-nio `System.swift` habit).
///
/// Every call retries on `EINTR`, returns `EAGAIN`/`EWOULDBLOCK` as a value where the descriptor is
/// non-blocking, and turns any other failure into a ``SystemError`` naming the call. `EBADF` and `EFAULT`
/// can only come from a bug on our side (a descriptor used after close, a bad pointer), so they stop the process.
enum SystemCall {
    /// Runs `body` until it stops failing with `EINTR`; a negative result becomes a value or an error.
    @inline(__always)
    private static func retrying<Result: FixedWidthInteger>(
        _ call: String,
        _ body: () -> Result
    ) throws(SystemError) -> IOResult<Result> {
        while true {
            let result = body()
            if result >= 0 {
                return .processed(result)
            }
            let code = Glibc.errno
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                return .wouldBlock
            case EBADF, EFAULT:
                preconditionFailure("\(call) failed with errno \(code): a descriptor or pointer bug in HTTPServer")
            default:
                throw SystemError(call: call, errno: code)
            }
        }
    }

    /// For calls that never block: `wouldBlock` cannot happen, so it is reported as the error it would be.
    @inline(__always)
    private static func immediate<Result: FixedWidthInteger>(
        _ call: String,
        _ body: () -> Result
    ) throws(SystemError) -> Result {
        switch try retrying(call, body) {
        case .processed(let value): return value
        case .wouldBlock: throw SystemError(call: call, errno: EAGAIN)
        }
    }

    // MARK: descriptors

    /// Closes a descriptor. Never retried: on Linux the descriptor is gone even when `close` reports `EINTR`.
    static func close(_ descriptor: Int32) {
        let result = Glibc.close(descriptor)
        if result < 0 {
            let code = Glibc.errno
            precondition(code != EBADF, "close(\(descriptor)) failed with EBADF: closed twice in HTTPServer")
        }
    }

    static func read(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try retrying("read") { Glibc.read(descriptor, buffer.baseAddress, buffer.count) }
    }

    /// `send` with `MSG_NOSIGNAL`, so a peer that went away gives `EPIPE` instead of killing the process.
    static func send(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try retrying("send") { Glibc.send(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Writes all of `bytes` to a blocking descriptor (standard output or error), one `write` per
    /// chunk the kernel takes. A failure is dropped: there is nowhere left to report it.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                guard case .processed(let written)? = try? retrying("write", {
                    Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                }), written > 0 else { return }
                offset += written
            }
        }
    }

    /// Makes a write to a peer that went away fail with `EPIPE` instead of killing the process.
    /// Our own sends use `MSG_NOSIGNAL`, but OpenSSL writes TLS records with plain `write(2)`.
    static func ignoreBrokenPipeSignal() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    // MARK: sockets

    static func socket(domain: Int32, type: Int32) throws(SystemError) -> Int32 {
        try immediate("socket") { Glibc.socket(domain, type | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
    }

    static func setOption(_ descriptor: Int32, level: Int32, name: Int32, value: Int32) throws(SystemError) {
        var value = value
        _ = try immediate("setsockopt") {
            Glibc.setsockopt(descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    static func bind(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) throws(SystemError) {
        _ = try immediate("bind") { Glibc.bind(descriptor, address, length) }
    }

    static func listen(_ descriptor: Int32, backlog: Int32) throws(SystemError) {
        _ = try immediate("listen") { Glibc.listen(descriptor, backlog) }
    }

    /// Accepts one pending connection as a non-blocking, close-on-exec socket.
    static func accept(_ descriptor: Int32) throws(SystemError) -> IOResult<Int32> {
        try retrying("accept4") {
            CLinux.accept4(descriptor, nil, nil, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
        }
    }

    static func localAddress(
        _ descriptor: Int32,
        _ address: UnsafeMutablePointer<sockaddr>,
        _ length: UnsafeMutablePointer<socklen_t>
    ) throws(SystemError) {
        _ = try immediate("getsockname") { Glibc.getsockname(descriptor, address, length) }
    }

    /// Half-closes the sending side. A peer that already left (`ENOTCONN`) is not an error worth reporting.
    static func shutdownWrite(_ descriptor: Int32) {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_WR))
    }

    // MARK: epoll and eventfd

    static func epollCreate() throws(SystemError) -> Int32 {
        try immediate("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
    }

    static func epollControl(_ epoll: Int32, operation: Int32, descriptor: Int32, events: UInt32, token: UInt64) throws(SystemError) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = token
        _ = try immediate("epoll_ctl") { epoll_ctl(epoll, operation, descriptor, &event) }
    }

    /// Waits for readiness; `timeoutMilliseconds` of -1 waits until something happens.
    static func epollWait(_ epoll: Int32, _ events: inout [epoll_event], timeoutMilliseconds: Int32) throws(SystemError) -> Int {
        let capacity = Int32(clamping: events.count)
        switch try retrying("epoll_wait", { epoll_wait(epoll, &events, capacity, timeoutMilliseconds) }) {
        case .processed(let count): return Int(count)
        case .wouldBlock: return 0
        }
    }

    static func eventCreate() throws(SystemError) -> Int32 {
        try immediate("eventfd") { eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC)) }
    }

    /// Adds one to an eventfd counter. A full counter (`EAGAIN`) already means "wake up", so it is ignored.
    static func eventSignal(_ descriptor: Int32) {
        var one: UInt64 = 1
        _ = try? retrying("write") { Glibc.write(descriptor, &one, MemoryLayout<UInt64>.size) }
    }

    /// Resets an eventfd counter to zero.
    static func eventDrain(_ descriptor: Int32) {
        var value: UInt64 = 0
        _ = try? retrying("read") { Glibc.read(descriptor, &value, MemoryLayout<UInt64>.size) }
    }

    /// Gives the calling thread the process's niceness (the main thread's, which is what `nice` and a
    /// container runtime set). libdispatch gives its worker threads a niceness of its own (0, or -4 for
    /// some overcommit threads) whatever the process was started with, so without this an event loop
    /// ignores `nice -n 10` and two loops of one server can run at different priorities. Linux keeps a
    /// niceness per thread, and `who` 0 is the calling thread. Raising priority needs privilege; when the
    /// kernel refuses, the thread keeps what it has.
    static func adoptProcessNiceness() {
        Glibc.errno = 0
        let niceness = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(getpid()))
        guard niceness != -1 || Glibc.errno == 0 else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
    }
}
