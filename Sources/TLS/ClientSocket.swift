import Glibc

/// A connected, blocking TCP socket owned by one `TLSClientStream`, closed in `deinit`.
///
/// Blocking, because the API client runs on a thread of its own; every wait is still bounded:
/// `connect` by a deadline (non-blocking connect and `poll`), and each read and write by the
/// socket's `SO_RCVTIMEO` / `SO_SNDTIMEO`, after which OpenSSL reports "want read/write".
final class ClientSocket {
    let descriptor: Int32
    private let interrupter: StreamInterrupter?
    private var receiveTimeout: Duration?
    private var sendTimeout: Duration?

    /// Resolves `host` and connects to the first address that answers before `deadline`.
    init(host: String, port: Int, deadline: ContinuousClock.Instant, interrupter: StreamInterrupter?) throws(TLSError) {
        let operation = "connect to \(Self.authority(host: host, port: port))"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var addresses: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &addresses)
        guard resolved == 0, let addresses else {
            throw TLSError(operation: operation, openSSLErrors: [String(cString: gai_strerror(resolved))])
        }
        defer { freeaddrinfo(addresses) }
        var failures: [String] = []
        var next: UnsafeMutablePointer<addrinfo>? = addresses
        while let address = next {
            next = address.pointee.ai_next
            let descriptor = socket(
                address.pointee.ai_family,
                Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue),
                0
            )
            guard descriptor >= 0 else {
                failures.append(String(cString: strerror(errno)))
                continue
            }
            if let interrupter, !interrupter.attach(descriptor) {
                _ = Glibc.close(descriptor)
                throw TLSError(operation: operation, openSSLErrors: ["interrupted"])
            }
            let failure = Self.connect(descriptor, to: address.pointee.ai_addr, length: address.pointee.ai_addrlen, deadline: deadline)
            if failure == nil, interrupter?.isInterrupted == true {
                Self.close(descriptor, interrupter: interrupter)
                throw TLSError(operation: operation, openSSLErrors: ["interrupted"])
            }
            if let failure {
                Self.close(descriptor, interrupter: interrupter)
                failures.append(failure)
                continue
            }
            let flags = fcntl(descriptor, F_GETFL)
            var noDelay: Int32 = 1
            guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) == 0,
                setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size)) == 0
            else {
                let error = TLSError.system(operation: operation, errorNumber: errno)
                Self.close(descriptor, interrupter: interrupter)
                throw error
            }
            self.descriptor = descriptor
            self.interrupter = interrupter
            return
        }
        throw TLSError(operation: operation, openSSLErrors: failures.isEmpty ? ["no address"] : failures)
    }

    deinit {
        Self.close(descriptor, interrupter: interrupter)
    }

    /// Bounds each following blocking receive; set before every read because the deadline moves.
    func setReceiveTimeout(_ timeout: Duration) throws(TLSError) {
        guard timeout != receiveTimeout else { return }
        try setTimeout(SO_RCVTIMEO, timeout)
        receiveTimeout = timeout
    }

    /// Bounds each following blocking send.
    func setSendTimeout(_ timeout: Duration) throws(TLSError) {
        guard timeout != sendTimeout else { return }
        try setTimeout(SO_SNDTIMEO, timeout)
        sendTimeout = timeout
    }

    /// Runs `body` (an OpenSSL call that may write to the socket) with SIGPIPE blocked on this
    /// thread, and consumes a SIGPIPE it raised: a peer that went away gives `EPIPE`, never a dead
    /// process. OpenSSL writes with `write(2)`, which cannot take `MSG_NOSIGNAL`. Returns the
    /// result with the `errno` the call left.
    func suppressingBrokenPipe<Result>(_ body: () -> Result) -> (result: Result, errorNumber: Int32) {
        var brokenPipe = sigset_t()
        sigemptyset(&brokenPipe)
        sigaddset(&brokenPipe, SIGPIPE)
        var previousMask = sigset_t()
        pthread_sigmask(SIG_BLOCK, &brokenPipe, &previousMask)
        var pending = sigset_t()
        sigpending(&pending)
        let wasPending = sigismember(&pending, SIGPIPE) == 1
        errno = 0
        let result = body()
        let errorNumber = errno
        sigpending(&pending)
        if !wasPending, sigismember(&pending, SIGPIPE) == 1 {
            var noWait = timespec()
            _ = sigtimedwait(&brokenPipe, nil, &noWait)
        }
        pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        return (result, errorNumber)
    }

    /// `host:port`, with brackets around an IPv6 address.
    static func authority(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private func setTimeout(_ option: Int32, _ timeout: Duration) throws(TLSError) {
        // A zero timeval means "wait forever": never pass one.
        let microseconds = max(1_000, timeout.components.seconds * 1_000_000 + timeout.components.attoseconds / 1_000_000_000_000)
        var value = timeval(tv_sec: Int(microseconds / 1_000_000), tv_usec: Int(microseconds % 1_000_000))
        guard setsockopt(descriptor, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
            throw TLSError.system(operation: "set socket timeout", errorNumber: errno)
        }
    }

    /// Connects the non-blocking `descriptor`; the reason it failed, or nil.
    private static func connect(
        _ descriptor: Int32,
        to address: UnsafeMutablePointer<sockaddr>?,
        length: socklen_t,
        deadline: ContinuousClock.Instant
    ) -> String? {
        if Glibc.connect(descriptor, address, length) == 0 { return nil }
        guard errno == EINPROGRESS else { return String(cString: strerror(errno)) }
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return "timed out" }
            let milliseconds = Int32(clamping: remaining.components.seconds * 1_000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
            var waiting = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&waiting, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            if ready == 0 { continue }
            var failure: Int32 = 0
            var failureLength = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &failureLength) == 0 else {
                return String(cString: strerror(errno))
            }
            return failure == 0 ? nil : String(cString: strerror(failure))
        }
    }

    private static func close(_ descriptor: Int32, interrupter: StreamInterrupter?) {
        if let interrupter {
            interrupter.close(descriptor)
        } else {
            _ = Glibc.close(descriptor)
        }
    }
}
