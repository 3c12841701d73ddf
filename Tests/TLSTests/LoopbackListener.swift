import Glibc

/// A TCP listener on 127.0.0.1 with an ephemeral port, for handshake tests; closed on release.
final class LoopbackListener {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SocketFailure(call: "socket", errorNumber: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            let error = SocketFailure(call: "bind/listen", errorNumber: errno)
            close(descriptor)
            throw error
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            let error = SocketFailure(call: "getsockname", errorNumber: errno)
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(descriptor)
    }

    /// A plain TCP client connected to this listener (loopback connects complete at once), for
    /// peers that do not speak TLS at all.
    func connectPlainClient() throws -> OwnedSocket {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SocketFailure(call: "socket", errorNumber: errno) }
        let client = OwnedSocket(descriptor: descriptor)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw SocketFailure(call: "connect", errorNumber: errno) }
        return client
    }

    /// Waits (bounded) for one connection and returns it, already non-blocking.
    func accept(within timeout: Duration) throws -> OwnedSocket {
        let deadline = ContinuousClock.now + timeout
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw SocketFailure(call: "accept (deadline passed)", errorNumber: ETIMEDOUT) }
            let ready = poll(&entry, 1, OwnedSocket.milliseconds(remaining))
            if ready < 0 && errno != EINTR { throw SocketFailure(call: "poll", errorNumber: errno) }
            if ready > 0 { break }
        }
        let accepted = Glibc.accept(descriptor, nil, nil)
        guard accepted >= 0 else { throw SocketFailure(call: "accept", errorNumber: errno) }
        let socket = OwnedSocket(descriptor: accepted)
        guard fcntl(accepted, F_SETFL, fcntl(accepted, F_GETFL) | O_NONBLOCK) == 0 else {
            throw SocketFailure(call: "fcntl", errorNumber: errno)
        }
        return socket
    }
}

/// A failed socket call in the test harness.
struct SocketFailure: Error, CustomStringConvertible {
    let call: String
    let errorNumber: Int32
    var description: String { "\(call): \(String(cString: strerror(errorNumber)))" }
}
