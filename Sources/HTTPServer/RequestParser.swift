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
                let head = try Self.parseHead(buffer[blockStart..<end], maxBodyBytes: maxBodyBytes)
                readIndex = end
                scanIndex = end
                pending = head.pending
                state = head.framing
                if head.expectsContinue { return .expectContinue }

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
                let (name, value) = try Self.parseField(line)
                trailerFields.add(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
            }
        }
    }

    private mutating func complete() -> Event {
        state = .head
        blockStart = readIndex
        guard let finished = pending.take() else {
            preconditionFailure("RequestParser completed a body without a parsed head")
        }
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
        /// Send `100 Continue` before reading the body (``Event/expectContinue``).
        var expectsContinue: Bool
    }

    /// Static (it needs only `maxBodyBytes`), so calling it from the mutating `advance` does not copy the parser.
    private static func parseHead(_ block: ArraySlice<UInt8>, maxBodyBytes: Int) throws(HTTPRequestError) -> Head {
        var lines = HeadLines(block: block)
        guard let requestLine = lines.next() else { throw .malformed("empty request") }
        let (method, path, query, version) = try parseRequestLine(requestLine)

        // findHeadEnd stops at the first empty line after the request line, so it is the block's last line.
        var headers = HTTPHeaders(receivedBlock: block, lineCapacity: typicalFieldCount)
        var framingFields = FramingFields()
        while let line = lines.next(), !line.isEmpty {
            let (name, value) = try parseField(line)
            framingFields.note(name: name, value: value)
            headers.addReceived(name: name, value: value, blockStart: block.startIndex)
        }

        let isHTTP11 = version == .http1_1
        if isHTTP11 && framingFields.hostCount == 0 { throw .malformed("missing Host header") }
        if framingFields.hostCount > 1 { throw .malformed("more than one Host header") }

        let framing: State
        let hasBody: Bool
        if let transferEncoding = framingFields.transferEncoding {
            if framingFields.contentLength != nil { throw .malformed("both Content-Length and Transfer-Encoding") }
            if !isHTTP11 { throw .malformed("Transfer-Encoding in an HTTP/1.0 request") }
            guard framingFields.transferEncodingCount == 1, isChunked(transferEncoding) else {
                throw .malformed("unsupported Transfer-Encoding (only chunked is accepted)")
            }
            framing = .chunkSize
            hasBody = true
        } else if let length = framingFields.contentLength {
            if framingFields.contentLengthCount > 1 { throw .malformed("more than one Content-Length") }
            let bodyBytes = try parseContentLength(length, maxBodyBytes: maxBodyBytes)
            framing = .fixedBody(length: bodyBytes)
            hasBody = bodyBytes > 0
        } else {
            framing = .fixedBody(length: 0)
            hasBody = false
        }

        let isKeepAlive = isHTTP11 && !framingFields.listsClose
        let expectsContinue = isHTTP11 && hasBody && framingFields.expects100Continue
        return Head(
            pending: Pending(
                request: HTTPRequest(method: method, path: path, query: query, version: version, headers: headers),
                isKeepAlive: isKeepAlive
            ),
            framing: framing,
            expectsContinue: expectsContinue
        )
    }

    /// Room for the fields of a typical request, so their list is allocated once instead of grown field by field.
    private static let typicalFieldCount = 8

    /// The lines of a header block without their CRLF, walked in place instead of collected into an array.
    /// Every line in the block ends with CRLF (checked by findLineEnd as the block arrived).
    private struct HeadLines {
        let block: ArraySlice<UInt8>
        private var lineStart: Int

        init(block: ArraySlice<UInt8>) {
            self.block = block
            self.lineStart = block.startIndex
        }

        mutating func next() -> ArraySlice<UInt8>? {
            guard let lf = block[lineStart...].firstIndex(of: ASCII.lf) else { return nil }
            defer { lineStart = lf + 1 }
            return block[lineStart..<lf - 1]
        }
    }

    /// What the framing, keep-alive and `100 Continue` decisions need from the header fields, noted as each
    /// field is parsed, so the fields are not searched by name afterwards (most of these names are absent).
    private struct FramingFields {
        var hostCount = 0
        /// The first `Content-Length` value, as bytes: the digit check reads them faster than a `String`'s
        /// UTF-8 view. More than one line of it is refused, whatever the values.
        var contentLength: ArraySlice<UInt8>?
        var contentLengthCount = 0
        /// The first `Transfer-Encoding` value; more than one line of it is refused, whatever the values.
        var transferEncoding: String?
        var transferEncodingCount = 0
        /// Some `Connection` line lists `close`.
        var listsClose = false
        /// Some `Expect` line lists `100-continue`.
        var expects100Continue = false

        /// Notes one field; `name` is checked to be a token, so it compares as ASCII bytes. The lists in
        /// `Connection` and `Expect` are split as decoded `String`s, as they always were: at a comma followed
        /// by a combining mark, that differs from splitting the bytes, and these fields are rare, so only
        /// theirs are decoded.
        mutating func note(name: ArraySlice<UInt8>, value: ArraySlice<UInt8>) {
            // Matching on the length first keeps the common miss to one comparison.
            switch name.count {
            case 4 where RequestParser.spells(name, "host", ignoringCase: true):
                hostCount += 1
            case 14 where RequestParser.spells(name, "content-length", ignoringCase: true):
                contentLengthCount += 1
                if contentLength == nil { contentLength = value }
            case 17 where RequestParser.spells(name, "transfer-encoding", ignoringCase: true):
                transferEncodingCount += 1
                if transferEncoding == nil { transferEncoding = String(decoding: value, as: UTF8.self) }
            case 10 where RequestParser.spells(name, "connection", ignoringCase: true):
                listsClose = listsClose || RequestParser.tokens(String(decoding: value, as: UTF8.self)).contains("close")
            case 6 where RequestParser.spells(name, "expect", ignoringCase: true):
                expects100Continue = expects100Continue || RequestParser.tokens(String(decoding: value, as: UTF8.self)).contains("100-continue")
            default:
                break
            }
        }
    }

    /// Whether `bytes` spell the ASCII `literal`; with `ignoringCase`, letters are lowercased first, so the
    /// literal is written in lowercase. A walk over spans: the generic `elementsEqual` against a
    /// `String.UTF8View` costs several times as much, and this runs for most fields of every request.
    private static func spells(_ bytes: ArraySlice<UInt8>, _ literal: String, ignoringCase: Bool = false) -> Bool {
        let actual = bytes.span, expected = literal.utf8.span
        guard actual.count == expected.count else { return false }
        for index in actual.indices {
            let byte = ignoringCase ? ASCII.lowercased(actual[index]) : actual[index]
            if byte != expected[index] { return false }
        }
        return true
    }

    /// `method SP request-target SP HTTP-version`, exactly one space between parts. Returns the parts rather
    /// than a request, so the request is built once, with its header fields.
    private static func parseRequestLine(
        _ line: ArraySlice<UInt8>
    ) throws(HTTPRequestError) -> (method: String, path: String, query: String?, version: HTTPVersion) {
        // The version is everything after the second space, so a third space makes it invalid.
        guard let firstSpace = line.firstIndex(of: ASCII.space),
              let secondSpace = line[(firstSpace + 1)...].firstIndex(of: ASCII.space)
        else { throw .malformed("invalid request line") }
        let method = line[..<firstSpace], target = line[(firstSpace + 1)..<secondSpace], version = line[(secondSpace + 1)...]
        guard ASCII.isToken(method.span) else { throw .malformed("invalid method") }
        guard !target.isEmpty, target.allSatisfy(ASCII.isVisible) else { throw .malformed("invalid request target") }

        let parsedVersion: HTTPVersion = switch versionDigits(version) {
        case (1, 1)?: .http1_1
        case (1, 0)?: .http1_0
        case .some: throw .versionNotSupported
        case nil: throw .malformed("invalid HTTP version")
        }

        let (path, query) = try splitTarget(target)
        return (String(decoding: method, as: UTF8.self), path, query, parsedVersion)
    }

    /// The digits of `HTTP/` DIGIT `.` DIGIT, a version we understand the shape of (whether or not we speak it);
    /// nil for any other shape.
    private static func versionDigits(_ version: ArraySlice<UInt8>) -> (major: UInt8, minor: UInt8)? {
        guard version.count == 8, spells(version.prefix(5), "HTTP/") else { return nil }
        let major = version[version.startIndex + 5], dot = version[version.startIndex + 6], minor = version[version.startIndex + 7]
        let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
        guard isDigit(major), dot == UInt8(ascii: "."), isDigit(minor) else { return nil }
        return (major - 0x30, minor - 0x30)
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

    /// `field-name ":" OWS field-value OWS`; a line starting with whitespace is obs-fold. Returns the checked
    /// bytes, so the caller can read the name without decoding it.
    private static func parseField(
        _ line: ArraySlice<UInt8>
    ) throws(HTTPRequestError) -> (name: ArraySlice<UInt8>, value: ArraySlice<UInt8>) {
        if let first = line.first, first == ASCII.space || first == ASCII.tab {
            throw .malformed("obsolete line folding")
        }
        // One walk finds the colon and checks the name: `:` is not a token character, so in `token ":"` the
        // first byte that is not one is the first colon.
        let colon = line.firstIndex { !ASCII.isTokenCharacter($0) } ?? line.endIndex
        guard colon > line.startIndex, colon < line.endIndex, line[colon] == ASCII.colon else {
            throw line.contains(ASCII.colon) ? .malformed("invalid header name") : .malformed("header line without a colon")
        }
        let name = line[..<colon]
        let value = ASCII.trimmed(line[(colon + 1)...])
        guard value.allSatisfy(ASCII.isFieldValueCharacter) else { throw .malformed("invalid header value") }
        return (name, value)
    }

    /// `1*DIGIT` and nothing else (no sign, no list, no spaces inside); larger than the limit is a 413 up front.
    private static func parseContentLength(_ digits: ArraySlice<UInt8>, maxBodyBytes: Int) throws(HTTPRequestError) -> Int {
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
