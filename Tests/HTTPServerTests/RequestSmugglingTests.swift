@testable import HTTPServer
import Testing

/// Every framing that two HTTP implementations could read differently is refused (RFC 9112 §6.3, §11.2).
@Suite struct RequestSmugglingTests {
    let harness = ParserHarness()

    @Test(arguments: [
        // Content-Length and Transfer-Encoding together, in either order.
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
        // Duplicate or bad Content-Length.
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\n\r\nabc",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\nabc",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0x3\r\n\r\nabc",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3 3\r\n\r\nabc",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n",
        // Transfer codings other than a single chunked.
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n",
        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        // Bare LF anywhere in the head, bare CR in a line.
        "GET / HTTP/1.1\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\n\n",
        "\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\rX: y\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n",
        // obs-fold.
        "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n folded\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n\tfolded\r\n\r\n",
        "GET / HTTP/1.1\r\n Host: x\r\n\r\n",
        // Invalid field names.
        "GET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length : 3\r\n\r\nabc",
        "GET / HTTP/1.1\r\nHost: x\r\n: v\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\n(x): v\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n",
        // Invalid field values.
        "GET / HTTP/1.1\r\nHost: x\r\nX: a\u{0}b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX: a\u{7F}b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX: a\u{1B}b\r\n\r\n",
        // Bad chunk sizes and chunk framing.
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1 2\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffffff\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: a\nY: b\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n folded: trailer\r\n\r\n",
        // Request lines that are not exactly `method SP target SP version`.
        "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1 \r\nHost: x\r\n\r\n",
        "GET /\r\nHost: x\r\n\r\n",
        "GET / http/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1x\r\nHost: x\r\n\r\n",
        "GE(T / HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /a\u{7F}b HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET relative HTTP/1.1\r\nHost: x\r\n\r\n",
        // Host missing or repeated.
        "GET / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
    ])
    func smugglingShapeIsMalformed(_ text: String) throws {
        let error = try #require(harness.error(text))
        #expect(error.status == 400, "\(error)")
        #expect(error.closesConnection)
    }

    @Test func unknownVersionIsNotSupported() {
        #expect(harness.error("GET / HTTP/2.0\r\nHost: x\r\n\r\n") == .versionNotSupported)
        #expect(harness.error("GET / HTTP/1.2\r\nHost: x\r\n\r\n") == .versionNotSupported)
    }

    @Test func errorsNameTheirCause() {
        #expect(harness.error("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
            == .malformed("both Content-Length and Transfer-Encoding"))
        #expect(harness.error("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\na")
            == .malformed("more than one Content-Length"))
        #expect(harness.error("GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n") == .malformed("obsolete line folding"))
        #expect(harness.error("GET / HTTP/1.1\nHost: x\r\n\r\n") == .malformed("bare LF"))
    }
}
