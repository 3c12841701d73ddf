import JSONModel
import TLS

/// One GET to the API server and its response, over a fresh TLS connection (`Connection: close`).
///
/// A new connection per request keeps the client small: a list page or a watch is a long request,
/// so the handshake is noise, and each connection re-reads the rotating token and CA files. Runs
/// on the watcher's thread; every blocking step is bounded (connect timeout, then a timeout per read).
final class APIServerExchange {
    /// Bytes asked of TLS per read.
    private static let readBytes = 64 * 1024
    /// How much of an error body is read for its message.
    private static let maxErrorBodyBytes = 64 * 1024

    /// The response status.
    let status: Int
    private let stream: TLSClientStream
    private var decoder: HTTPBodyDecoder
    /// Body bytes that arrived with the head, not decoded yet.
    private var pending: [UInt8]

    /// Connects, sends `GET path` and reads the response head.
    init(access: KubernetesAccess, path: String, settings: ClusterWatchSettings, interrupter: StreamInterrupter) throws(APIServerError) {
        let authorization = try access.credentials.authorization()
        do throws(TLSError) {
            let context = try TLSClientContext(configuration: access.tls)
            stream = try TLSClientStream(
                host: access.host,
                port: access.port,
                serverName: access.serverName,
                context: context,
                connectTimeout: settings.connectTimeout,
                interrupter: interrupter
            )
            var request = "GET \(access.pathPrefix)\(path) HTTP/1.1\r\nHost: \(access.authority)\r\n"
            request += "User-Agent: antfly-restore-webhook\r\nAccept: application/json\r\n"
            if let authorization {
                request += "Authorization: \(authorization)\r\n"
            }
            request += "Connection: close\r\n\r\n"
            try stream.write(Array(request.utf8), timeout: settings.requestTimeout)
        } catch {
            throw APIServerError.connection(error)
        }
        var received: [UInt8] = []
        var searchFrom = 0
        while true {
            let read = try Self.read(stream, into: &received, timeout: settings.requestTimeout)
            guard read else { throw APIServerError.closed }
            if let end = Self.endOfHead(in: received, from: searchFrom) {
                let head = try HTTPResponseHead(parsing: received[..<end])
                status = head.status
                decoder = HTTPBodyDecoder(framing: head.framing)
                pending = Array(received[(end + 4)...])
                return
            }
            guard received.count <= HTTPResponseHead.maxBytes else {
                throw APIServerError.malformed("response head larger than \(HTTPResponseHead.maxBytes) bytes")
            }
            searchFrom = max(0, received.count - 3)
        }
    }

    /// The next decoded body bytes, waiting at most `timeout` for the server to send any; nil at
    /// the end of the body.
    func nextBodyBytes(timeout: Duration) throws(APIServerError) -> [UInt8]? {
        while true {
            if !pending.isEmpty {
                let bytes = try decoder.decode(pending[...])
                pending = []
                if !bytes.isEmpty { return bytes }
            }
            if decoder.isComplete { return nil }
            var chunk: [UInt8] = []
            guard try Self.read(stream, into: &chunk, timeout: timeout) else {
                try decoder.finish()
                return nil
            }
            pending = chunk
        }
    }

    /// The whole body, refusing one larger than `maxBytes`; `timeout` bounds each wait for data.
    func body(maxBytes: Int, timeout: Duration) throws(APIServerError) -> [UInt8] {
        var body: [UInt8] = []
        while let bytes = try nextBodyBytes(timeout: timeout) {
            guard body.count + bytes.count <= maxBytes else {
                throw APIServerError.malformed("response body larger than \(maxBytes) bytes")
            }
            body.append(contentsOf: bytes)
        }
        return body
    }

    /// The error this non-200 response stands for, with the message of its `Status` body if any.
    func failure(timeout: Duration) -> APIServerError {
        let body = (try? body(maxBytes: Self.maxErrorBodyBytes, timeout: timeout)) ?? []
        if let status = try? JSONParser().parse(body), status.objectValue != nil {
            return WatchEvent.statusError(status, httpStatus: self.status)
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self).filter { !$0.isNewline }
        return WatchEvent.statusError(code: status, message: text.isEmpty ? "HTTP \(status)" : text)
    }

    /// Reads once; false at the end of the stream.
    private static func read(_ stream: TLSClientStream, into buffer: inout [UInt8], timeout: Duration) throws(APIServerError) -> Bool {
        let result: TLSStreamRead
        do throws(TLSError) {
            result = try stream.read(into: &buffer, maxBytes: readBytes, timeout: timeout)
        } catch {
            throw APIServerError.connection(error)
        }
        switch result {
        case .bytes: return true
        case .endOfStream: return false
        case .timedOut: throw APIServerError.silent(timeout)
        }
    }

    /// The index of the `\r\n\r\n` that ends the head, searching from `start`.
    private static func endOfHead(in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var index = start
        while index + 3 < bytes.count {
            if bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13, bytes[index + 3] == 10 {
                return index
            }
            index += 1
        }
        return nil
    }
}
