import Glibc

/// The one owner of a socket descriptor: it closes it in `deinit`, and nothing else ever does.
///
/// All sockets are non-blocking and close-on-exec. The class is immutable after `init`, so it is
/// `Sendable`: a listening socket is shared by every event loop (the kernel serialises `accept4`),
/// and a connected socket is only ever used by the loop that accepted it.
final class Socket: Sendable {
    /// The descriptor, for registering with epoll and handing to OpenSSL (`SSL_set_fd`), which borrow it.
    let descriptor: Int32

    init(owning descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        SystemCall.close(descriptor)
    }

    /// Binds and listens on `host:port` (`port` 0 lets the kernel choose).
    ///
    /// `host` is an IPv4 or IPv6 literal, `localhost`, or empty for every IPv4 address.
    static func listening(host: String, port: Int, backlog: Int32 = 1024) throws(SystemError) -> Socket {
        guard let portNumber = UInt16(exactly: port) else {
            throw SystemError(call: "bind", errno: EINVAL)
        }
        let address = try SocketAddress(host: host, port: portNumber)
        let socket = Socket(owning: try SystemCall.socket(domain: address.family, type: Int32(SOCK_STREAM.rawValue)))
        try SystemCall.setOption(socket.descriptor, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
        if address.family == AF_INET6 {
            // An explicit IPv6 address means IPv6 only; "::" still takes IPv4 through mapped addresses.
            try SystemCall.setOption(socket.descriptor, level: Int32(IPPROTO_IPV6), name: IPV6_V6ONLY, value: host == "::" ? 0 : 1)
        }
        try address.withSocketAddress { pointer, length throws(SystemError) in
            try SystemCall.bind(socket.descriptor, pointer, length)
        }
        try SystemCall.listen(socket.descriptor, backlog: backlog)
        return socket
    }

    /// The port the socket is bound to (useful after binding port 0).
    func localPort() throws(SystemError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        try withUnsafeMutablePointer(to: &storage) { pointer throws(SystemError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SystemError) in
                try SystemCall.localAddress(descriptor, address, &length)
            }
        }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
        default:
            throw SystemError(call: "getsockname", errno: EAFNOSUPPORT)
        }
    }

    /// Accepts one pending connection with `TCP_NODELAY` set (responses are written whole, so Nagle only adds latency).
    func accept() throws(SystemError) -> IOResult<Socket> {
        switch try SystemCall.accept(descriptor) {
        case .wouldBlock:
            return .wouldBlock
        case .processed(let accepted):
            let socket = Socket(owning: accepted)
            try? SystemCall.setOption(accepted, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
            return .processed(socket)
        }
    }

    /// Reads at most `maxBytes` and appends them to `buffer`; `.processed(0)` means the peer closed its side.
    ///
    /// The bytes land in uninitialised memory (zero-filling 64 KiB per read would cost more than the read).
    func read(appendingTo buffer: inout [UInt8], maxBytes: Int) throws(SystemError) -> IOResult<Int> {
        var outcome: Result<IOResult<Int>, SystemError> = .success(.wouldBlock)
        let received = [UInt8](unsafeUninitializedCapacity: maxBytes) { bytes, initialized in
            outcome = Result { () throws(SystemError) in
                try SystemCall.read(descriptor, UnsafeMutableRawBufferPointer(bytes))
            }
            if case .success(.processed(let count)) = outcome {
                initialized = count
            } else {
                initialized = 0
            }
        }
        if buffer.isEmpty {
            buffer = received
        } else {
            buffer.append(contentsOf: received)
        }
        return try outcome.get()
    }

    /// Writes as much of `bytes` as the kernel takes now.
    func write(_ bytes: ArraySlice<UInt8>) throws(SystemError) -> IOResult<Int> {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(SystemError) in try SystemCall.send(descriptor, raw) }
        }.get()
    }

    /// Sends FIN after the last response, so the client reads everything before the descriptor closes.
    func shutdownWrite() {
        SystemCall.shutdownWrite(descriptor)
    }
}

/// An IPv4 or IPv6 address to bind, parsed from a literal; kept private to the socket layer.
private enum SocketAddress {
    case v4(sockaddr_in)
    case v6(sockaddr_in6)

    init(host: String, port: UInt16) throws(SystemError) {
        let literal = host.isEmpty ? "0.0.0.0" : (host == "localhost" ? "127.0.0.1" : host)
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, literal, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            self = .v4(v4)
            return
        }
        var v6 = sockaddr_in6()
        let unbracketed = literal.hasPrefix("[") && literal.hasSuffix("]") ? String(literal.dropFirst().dropLast()) : literal
        if inet_pton(AF_INET6, unbracketed, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
            self = .v6(v6)
            return
        }
        throw SystemError(call: "inet_pton", errno: EINVAL)
    }

    var family: Int32 {
        switch self {
        case .v4: AF_INET
        case .v6: AF_INET6
        }
    }

    func withSocketAddress<Result>(
        _ body: (UnsafePointer<sockaddr>, socklen_t) throws(SystemError) -> Result
    ) throws(SystemError) -> Result {
        switch self {
        case .v4(var address):
            return try withUnsafePointer(to: &address) { pointer throws(SystemError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SystemError) in
                    try body(address, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .v6(var address):
            return try withUnsafePointer(to: &address) { pointer throws(SystemError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SystemError) in
                    try body(address, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
    }
}
