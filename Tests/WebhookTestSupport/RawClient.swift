import Foundation
import Glibc

/// A plain TCP client that sends exactly the bytes a test gives it: malformed requests, pipelined
/// requests, requests split across writes, slow (slowloris) senders. Blocking, with a deadline on every
/// read (`SO_RCVTIMEO`), so no test can hang.
public final class RawClient {
    /// A response as read from the wire.
    public struct Response: Sendable {
        public let status: Int
        public let headers: [(name: String, value: String)]
        public let body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        public var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private let descriptor: Int32
    private let timeout: Duration
    private var received: [UInt8] = []
    private var isOpen = true

    /// Connects to `host:port` (IPv4 literal).
    /// A failed init closes nothing itself: once every stored property is set, `deinit` runs even when
    /// `init` throws, and it is the one place that closes (a second close could hit another test's descriptor).
    public init(port: Int, host: String = "127.0.0.1", timeout: Duration = .seconds(10)) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        self.timeout = timeout
        guard descriptor >= 0 else {
            isOpen = false
            throw Failure(description: "socket: errno \(errno)")
        }
        var seconds = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &seconds, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &seconds, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            throw Failure(description: "connect to \(host):\(port): errno \(errno)")
        }
    }

    deinit {
        if isOpen { Glibc.close(descriptor) }
    }

    public func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "send: errno \(errno)")
            }
            offset += written
        }
    }

    /// Half-closes: the server sees end of stream after what was sent.
    public func shutdownWrite() {
        Glibc.shutdown(descriptor, Int32(SHUT_WR))
    }

    public func close() {
        if isOpen {
            Glibc.close(descriptor)
            isOpen = false
        }
    }

    /// Reads one response (a `100 Continue` is a response of its own). The body is framed by `Content-Length`,
    /// or `Transfer-Encoding: chunked` is refused, or it runs to the end of the stream.
    public func readResponse() throws -> Response {
        let headEnd = try readUntil(Array("\r\n\r\n".utf8))
        let head = String(decoding: received[..<headEnd], as: UTF8.self)
        received.removeSubrange(..<(headEnd + 4))
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw Failure(description: "bad status line: \(statusLine)")
        }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let response = Response(status: status, headers: headers, body: [])
        if (100...199).contains(status) || status == 204 || status == 304 {
            return response
        }
        if let lengthText = response.header("Content-Length"), let length = Int(lengthText) {
            try fill(length)
            let body = Array(received[..<length])
            received.removeSubrange(..<length)
            if received.isEmpty {
                received = []  // thousands of idle clients in one test process: keep each small
            }
            return Response(status: status, headers: headers, body: body)
        }
        return Response(status: status, headers: headers, body: try readToEnd())
    }

    /// Everything until the server closes the connection (or the deadline passes: an error).
    public func readToEnd() throws -> [UInt8] {
        while try readMore() {}
        defer { received = [] }
        return received
    }

    /// True if the server closes the connection (end of stream, or a reset) with nothing more sent.
    public func isClosedByServer() throws -> Bool {
        if !received.isEmpty { return false }
        var byte: UInt8 = 0
        while true {
            let count = Glibc.recv(descriptor, &byte, 1, 0)
            if count == 0 { return true }
            if count > 0 { received.append(byte); return false }
            switch errno {
            case EINTR: continue
            case ECONNRESET: return true
            case EAGAIN: throw Failure(description: "server did not close within \(timeout)")
            default: throw Failure(description: "recv: errno \(errno)")
            }
        }
    }

    private func readUntil(_ marker: [UInt8]) throws -> Int {
        var searchFrom = 0
        while true {
            if received.count >= marker.count {
                for start in searchFrom...(received.count - marker.count) where received[start..<start + marker.count].elementsEqual(marker) {
                    return start
                }
                searchFrom = received.count - marker.count + 1
            }
            guard try readMore() else { throw Failure(description: "connection closed before a complete response; got \(String(decoding: received, as: UTF8.self))") }
        }
    }

    private func fill(_ count: Int) throws {
        while received.count < count {
            guard try readMore() else { throw Failure(description: "connection closed inside a body") }
        }
    }

    /// Reads what is available; false at end of stream.
    private func readMore() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received.append(contentsOf: chunk[..<count])
                return true
            }
            if count == 0 { return false }
            switch errno {
            case EINTR: continue
            case ECONNRESET: return false
            case EAGAIN: throw Failure(description: "no data within \(timeout)")
            default: throw Failure(description: "recv: errno \(errno)")
            }
        }
    }
}
