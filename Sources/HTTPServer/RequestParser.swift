/// An incremental HTTP/1.1 request parser (RFC 9112) that refuses every ambiguous framing.
///
/// Bytes go in with ``append(_:)`` in pieces of any size; ``next()`` returns at most one complete request
/// at a time, so a pipelining client cannot make us parse ahead: the connection stops reading while a
/// response is pending, and the bytes already received wait here. Everything that could let two servers
/// disagree about where a request ends is a `400` (`malformed`) and the end of the connection:
/// `Content-Length` together with `Transfer-Encoding`, a repeated or non-numeric `Content-Length`,
/// any transfer coding but `chunked`, bare LF, obs-fold, bad field names or values, bad chunk sizes.
/// Limits are checked as early as possible: the header block as it grows (431), a `Content-Length`
/// before any body byte is read (413), and a chunked body as it is decoded (413).
struct RequestParser {
    /// What ``next()`` found.
    enum Event: Equatable {
        /// The buffered bytes do not hold a complete request (or the next step of one) yet.
        case needMoreData
        /// The header of a request with `Expect: 100-continue` and a body to come has been read: send
        /// `100 Continue` now, then keep feeding the body. Returned once per such request.
        case expectContinue
        /// A complete request; `isKeepAlive` says whether the connection may carry another one.
        case request(HTTPRequest, isKeepAlive: Bool)
    }

    /// The longest chunk-size line (size plus extensions) accepted; longer is malformed, not a limit to tune.
    static let maxChunkLineBytes = 1024

    private enum State {
        case head
        case fixedBody(length: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case failed(HTTPRequestError)
    }

    /// The request whose header is parsed and whose body is being read.
    private struct Pending {
        var request: HTTPRequest
        var isKeepAlive: Bool
        var expectsContinue: Bool
    }

    private let maxHeaderBytes: Int
    private let maxBodyBytes: Int
    private var state: State = .head
    private var buffer: [UInt8] = []
    /// Bytes before `readIndex` are consumed.
    private var readIndex = 0
    /// Where scanning for the next line end resumes, so bytes arriving one at a time are scanned once.
    private var scanIndex = 0
    /// Where the current header block or trailer block starts.
    private var blockStart = 0
    private var pending: Pending?
    private var chunkedBody: [UInt8] = []
    private var trailerFields = HTTPHeaders()

    init(maxHeaderBytes: Int, maxBodyBytes: Int) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }

    init(limits: ServerLimits) {
        self.init(maxHeaderBytes: limits.maxHeaderBytes, maxBodyBytes: limits.maxBodyBytes)
    }

    /// No byte of a request is buffered or in progress: the connection is idle between requests.
    var isIdle: Bool {
        if case .head = state, pending == nil, readIndex == buffer.count { return true }
        return false
    }

    /// Bytes received and not yet consumed (the start of a pipelined request, or a partial one).
    var bufferedByteCount: Int {
        buffer.count - readIndex
    }

    /// Adds received bytes. Consumed bytes are dropped first, so the buffer holds at most one request
    /// plus what one read brought in beyond it.
    mutating func append<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Gives back the buffer's memory when nothing is buffered, so an idle keep-alive connection is small.
    mutating func releaseMemoryIfIdle() {
        guard isIdle else { return }
        buffer = []
        chunkedBody = []
        readIndex = 0
        scanIndex = 0
        blockStart = 0
    }

    /// Parses as far as the buffered bytes allow and reports the next event.
    mutating func next() throws(HTTPRequestError) -> Event {
        do {
            return try advance()
        } catch {
            state = .failed(error)
            throw error
        }
    }

    private mutating func advance() throws(HTTPRequestError) -> Event {
        while true {
            switch state {
            case .failed(let error):
                throw error

            case .head:
                guard let end = try findHeadEnd() else { return .needMoreData }
                let head = try parseHead(buffer[blockStart..<end])
                readIndex = end
                scanIndex = end
                pending = head.pending
                state = head.framing
                if head.pending.expectsContinue {
                    pending?.expectsContinue = false
                    return .expectContinue
                }

            case .fixedBody(let length):
                guard buffer.count - readIndex >= length else { return .needMoreData }
                pending?.request.body = Array(buffer[readIndex..<readIndex + length])
                readIndex += length
                scanIndex = readIndex
                return complete()

            case .chunkSize:
                guard let lineEnd = try findLineEnd(from: readIndex, limit: Self.maxChunkLineBytes, exceeded: .malformed("chunk size line too long")) else {
                    return .needMoreData
                }
                let size = try Self.parseChunkSize(buffer[readIndex..<lineEnd - 2])
                guard size <= maxBodyBytes - chunkedBody.count else { throw .bodyTooLarge }
                readIndex = lineEnd
                scanIndex = lineEnd
                if size == 0 {
                    blockStart = readIndex
                    state = .trailers
                } else {
                    state = .chunkData(remaining: size)
                }

            case .chunkData(let remaining):
                let available = min(remaining, buffer.count - readIndex)
                guard available > 0 else { return .needMoreData }
                chunkedBody.append(contentsOf: buffer[readIndex..<readIndex + available])
                readIndex += available
                scanIndex = readIndex
                state = remaining == available ? .chunkDataEnd : .chunkData(remaining: remaining - available)

            case .chunkDataEnd:
                guard buffer.count - readIndex >= 2 else { return .needMoreData }
                guard buffer[readIndex] == ASCII.cr, buffer[readIndex + 1] == ASCII.lf else {
                    throw .malformed("chunk data not followed by CRLF")
                }
                readIndex += 2
                scanIndex = readIndex
                state = .chunkSize

            case .trailers:
                guard let lineEnd = try findLineEnd(from: scanIndex, limit: maxHeaderBytes - (scanIndex - blockStart), exceeded: .headerTooLarge) else {
                    return .needMoreData
                }
                let line = buffer[scanIndex..<lineEnd - 2]
                scanIndex = lineEnd
                if line.isEmpty {
                    readIndex = lineEnd
                    pending?.request.body = chunkedBody
                    pending?.request.trailers = trailerFields
                    chunkedBody = []
                    trailerFields = HTTPHeaders()
                    return complete()
                }
                let field = try Self.parseField(line)
                trailerFields.add(name: field.name, value: field.value)
            }
        }
    }

    private mutating func complete() -> Event {
        state = .head
        blockStart = readIndex
        guard let finished = pending else {
            preconditionFailure("RequestParser completed a body without a parsed head")
        }
        pending = nil
        return .request(finished.request, isKeepAlive: finished.isKeepAlive)
    }

    private mutating func compact() {
        guard readIndex > 0 else { return }
        buffer.removeSubrange(0..<readIndex)
        scanIndex -= readIndex
        blockStart = max(0, blockStart - readIndex)
        readIndex = 0
    }

    // MARK: lines

    /// Finds the end (just past CRLF) of the line starting at or continuing from `start`.
    /// A LF without CR before it is malformed; more than `limit` bytes without a line end throws `exceeded`.
    private mutating func findLineEnd(from start: Int, limit: Int, exceeded: HTTPRequestError) throws(HTTPRequestError) -> Int? {
        guard let lf = buffer[start...].firstIndex(of: ASCII.lf) else {
            if buffer.count - start > limit { throw exceeded }
            return nil
        }
        guard lf > start, buffer[lf - 1] == ASCII.cr else { throw .malformed("bare LF") }
        guard lf + 1 - start <= limit else { throw exceeded }
        return lf + 1
    }

    /// Finds the end of the header block (just past the empty line), skipping empty lines before the
    /// request line as RFC 9112 §2.2 allows. Each complete line is checked for bare LF as it is found.
    private mutating func findHeadEnd() throws(HTTPRequestError) -> Int? {
        while true {
            if blockStart == scanIndex {
                // At the start of the request line: skip stray CRLFs left by a previous message.
                if buffer.count - scanIndex >= 2, buffer[scanIndex] == ASCII.cr, buffer[scanIndex + 1] == ASCII.lf {
                    scanIndex += 2
                    blockStart = scanIndex
                    readIndex = scanIndex
                    continue
                }
                if buffer.count - scanIndex >= 1, buffer[scanIndex] == ASCII.lf { throw .malformed("bare LF") }
            }
            let used = scanIndex - blockStart
            guard let lineEnd = try findLineEnd(from: scanIndex, limit: maxHeaderBytes - used, exceeded: .headerTooLarge) else {
                return nil
            }
            let isEmptyLine = lineEnd - scanIndex == 2
            scanIndex = lineEnd
            if isEmptyLine && lineEnd - blockStart > 2 {
                return lineEnd
            }
        }
    }

    // MARK: head

    private struct Head {
        var pending: Pending
        var framing: State
    }

    private func parseHead(_ block: ArraySlice<UInt8>) throws(HTTPRequestError) -> Head {
        // Every line in the block ends with CRLF (checked by findLineEnd); the last one is empty.
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = block.startIndex
        var index = block.startIndex
        while index < block.endIndex {
            if block[index] == ASCII.lf {
                lines.append(block[lineStart..<index - 1])
                lineStart = index + 1
            }
            index += 1
        }
        guard let requestLine = lines.first else { throw .malformed("empty request") }
        var request = try Self.parseRequestLine(requestLine)
        var headers = HTTPHeaders()
        for line in lines.dropFirst().dropLast() {
            let field = try Self.parseField(line)
            headers.add(name: field.name, value: field.value)
        }
        request.headers = headers

        let isHTTP11 = request.version == .http1_1
        let hosts = headers.values(for: "Host")
        if isHTTP11 && hosts.isEmpty { throw .malformed("missing Host header") }
        if hosts.count > 1 { throw .malformed("more than one Host header") }

        let transferEncodings = headers.values(for: "Transfer-Encoding")
        let contentLengths = headers.values(for: "Content-Length")
        let framing: State
        var hasBody: Bool
        if !transferEncodings.isEmpty {
            if !contentLengths.isEmpty { throw .malformed("both Content-Length and Transfer-Encoding") }
            if !isHTTP11 { throw .malformed("Transfer-Encoding in an HTTP/1.0 request") }
            guard transferEncodings.count == 1, Self.isChunked(transferEncodings[0]) else {
                throw .malformed("unsupported Transfer-Encoding (only chunked is accepted)")
            }
            framing = .chunkSize
            hasBody = true
        } else if let length = contentLengths.first {
            if contentLengths.count > 1 { throw .malformed("more than one Content-Length") }
            let bodyBytes = try Self.parseContentLength(length, maxBodyBytes: maxBodyBytes)
            framing = .fixedBody(length: bodyBytes)
            hasBody = bodyBytes > 0
        } else {
            framing = .fixedBody(length: 0)
            hasBody = false
        }

        let connectionTokens = headers.values(for: "Connection").flatMap(Self.tokens)
        let isKeepAlive = isHTTP11 && !connectionTokens.contains("close")
        let expectsContinue = isHTTP11 && hasBody
            && headers.values(for: "Expect").flatMap(Self.tokens).contains("100-continue")
        return Head(
            pending: Pending(request: request, isKeepAlive: isKeepAlive, expectsContinue: expectsContinue),
            framing: framing
        )
    }

    /// `method SP request-target SP HTTP-version`, exactly one space between parts.
    private static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPRequestError) -> HTTPRequest {
        let parts = line.split(separator: ASCII.space, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("invalid request line") }
        let method = parts[0], target = parts[1], version = parts[2]
        guard ASCII.isToken(method) else { throw .malformed("invalid method") }
        guard !target.isEmpty, target.allSatisfy(ASCII.isVisible) else { throw .malformed("invalid request target") }

        let parsedVersion: HTTPVersion
        if version.elementsEqual(HTTPVersion.http1_1.rawValue.utf8) {
            parsedVersion = .http1_1
        } else if version.elementsEqual(HTTPVersion.http1_0.rawValue.utf8) {
            parsedVersion = .http1_0
        } else if isWellFormedVersion(version) {
            throw .versionNotSupported
        } else {
            throw .malformed("invalid HTTP version")
        }

        let (path, query) = try splitTarget(target)
        return HTTPRequest(method: String(decoding: method, as: UTF8.self), path: path, query: query, version: parsedVersion)
    }

    /// `HTTP/` DIGIT `.` DIGIT: a version we understand the shape of, but do not speak.
    private static func isWellFormedVersion(_ version: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(version)
        let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
        return bytes.count == 8 && bytes.starts(with: "HTTP/".utf8) && isDigit(bytes[5])
            && bytes[6] == UInt8(ascii: ".") && isDigit(bytes[7])
    }

    /// Origin form (`/path?query`), absolute form (`http://host/path`, which RFC 9112 §3.2.2 says a server
    /// must accept), or `*`.
    private static func splitTarget(_ target: ArraySlice<UInt8>) throws(HTTPRequestError) -> (path: String, query: String?) {
        var pathAndQuery = target
        if target.first != UInt8(ascii: "/") {
            if target.elementsEqual("*".utf8) { return ("*", nil) }
            let lowered = target.prefix(8).map(ASCII.lowercased)
            let schemeLength: Int
            if lowered.starts(with: "http://".utf8) {
                schemeLength = 7
            } else if lowered.starts(with: "https://".utf8) {
                schemeLength = 8
            } else {
                throw .malformed("invalid request target")
            }
            let afterScheme = target.dropFirst(schemeLength)
            guard let slash = afterScheme.firstIndex(of: UInt8(ascii: "/")) else { return ("/", nil) }
            pathAndQuery = target[slash...]
            if let question = afterScheme.firstIndex(of: UInt8(ascii: "?")), question < slash {
                return ("/", String(decoding: target[(question + 1)...], as: UTF8.self))
            }
        }
        guard let question = pathAndQuery.firstIndex(of: UInt8(ascii: "?")) else {
            return (String(decoding: pathAndQuery, as: UTF8.self), nil)
        }
        return (
            String(decoding: pathAndQuery[..<question], as: UTF8.self),
            String(decoding: pathAndQuery[(question + 1)...], as: UTF8.self)
        )
    }

    /// `field-name ":" OWS field-value OWS`; a line starting with whitespace is obs-fold.
    private static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPRequestError) -> HTTPHeaders.Field {
        if let first = line.first, first == ASCII.space || first == ASCII.tab {
            throw .malformed("obsolete line folding")
        }
        guard let colon = line.firstIndex(of: ASCII.colon) else { throw .malformed("header line without a colon") }
        let name = line[..<colon]
        guard ASCII.isToken(name) else { throw .malformed("invalid header name") }
        let value = ASCII.trimmed(line[(colon + 1)...])
        guard value.allSatisfy(ASCII.isFieldValueCharacter) else { throw .malformed("invalid header value") }
        return HTTPHeaders.Field(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    /// `1*DIGIT` and nothing else (no sign, no list, no spaces inside); larger than the limit is a 413 up front.
    private static func parseContentLength(_ value: String, maxBodyBytes: Int) throws(HTTPRequestError) -> Int {
        let digits = value.utf8
        guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw .malformed("invalid Content-Length")
        }
        var length = 0
        for digit in digits {
            let (times10, overflow1) = length.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(digit - 0x30))
            if overflow1 || overflow2 { throw .bodyTooLarge }
            length = sum
        }
        guard length <= maxBodyBytes else { throw .bodyTooLarge }
        return length
    }

    /// `chunk-size [ chunk-ext ]`: hex digits, then optionally `;` extensions (ignored, but checked for bad bytes).
    private static func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPRequestError) -> Int {
        var size = 0
        var index = line.startIndex
        while index < line.endIndex, let digit = hexValue(line[index]) {
            let (times16, overflow1) = size.multipliedReportingOverflow(by: 16)
            let (sum, overflow2) = times16.addingReportingOverflow(digit)
            if overflow1 || overflow2 { throw .malformed("chunk size too large") }
            size = sum
            index += 1
        }
        guard index > line.startIndex else { throw .malformed("invalid chunk size") }
        var rest = line[index...]
        while let first = rest.first, first == ASCII.space || first == ASCII.tab { rest.removeFirst() }
        if rest.isEmpty { return size }
        guard rest.first == UInt8(ascii: ";"), rest.allSatisfy(ASCII.isFieldValueCharacter) else {
            throw .malformed("invalid chunk size")
        }
        return size
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }

    private static func isChunked(_ value: String) -> Bool {
        tokens(value) == ["chunked"]
    }

    /// A comma-separated list of tokens, lowercased, empty elements dropped (RFC 9110 §5.6.1).
    private static func tokens(_ value: String) -> [String] {
        value.split(separator: ",").map { element in
            String(decoding: ASCII.trimmed(ArraySlice(element.utf8)).map(ASCII.lowercased), as: UTF8.self)
        }.filter { !$0.isEmpty }
    }
}
