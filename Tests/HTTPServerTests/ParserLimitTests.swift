@testable import HTTPServer
import Testing

@Suite struct ParserLimitTests {
    let harness = ParserHarness(maxHeaderBytes: 128, maxBodyBytes: 32)

    @Test func headerBlockAtTheLimitIsAccepted() throws {
        let prefix = "GET / HTTP/1.1\r\nHost: x\r\nX: "
        let filler = String(repeating: "a", count: 128 - prefix.utf8.count - 4)
        let text = prefix + filler + "\r\n\r\n"
        #expect(text.utf8.count == 128)
        _ = try #require(harness.request(text))
    }

    @Test func headerBlockOverTheLimitIs431() {
        let prefix = "GET / HTTP/1.1\r\nHost: x\r\nX: "
        let filler = String(repeating: "a", count: 128 - prefix.utf8.count - 3)
        #expect(harness.error(prefix + filler + "\r\n\r\n") == .headerTooLarge)
    }

    @Test func manyShortHeaderLinesOverTheLimitAre431() {
        let text = "GET / HTTP/1.1\r\nHost: x\r\n" + String(repeating: "A: b\r\n", count: 30) + "\r\n"
        #expect(harness.error(text) == .headerTooLarge)
    }

    @Test func endlessRequestLineIs431BeforeItEnds() {
        #expect(harness.error("GET /" + String(repeating: "a", count: 200)) == .headerTooLarge)
    }

    @Test func bodyAtTheLimitIsAccepted() throws {
        let body = String(repeating: "b", count: 32)
        let (request, _) = try #require(harness.request("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 32\r\n\r\n" + body))
        #expect(request.body.count == 32)
    }

    @Test func contentLengthOverTheLimitIs413BeforeTheBody() {
        // No body byte follows: the limit is checked as soon as the header is complete.
        #expect(harness.error("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 33\r\n\r\n") == .bodyTooLarge)
        #expect(harness.error("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999999\r\n\r\n") == .bodyTooLarge)
    }

    @Test func expectContinueIsNotOfferedForABodyOverTheLimit() {
        let outcome = harness.parse("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 33\r\n\r\n")
        #expect(outcome == .failed(.bodyTooLarge, after: []))
    }

    @Test func chunkedBodyOverTheLimitIs413() {
        let chunk = String(repeating: "c", count: 20)
        let text = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n\(chunk)\r\n14\r\n\(chunk)\r\n0\r\n\r\n"
        #expect(harness.error(text) == .bodyTooLarge)
    }

    @Test func oneHugeChunkIs413BeforeItsData() {
        #expect(harness.error("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n100000\r\n") == .bodyTooLarge)
    }

    @Test func trailersOverTheHeaderLimitAre431() {
        let text = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + String(repeating: "T: v\r\n", count: 30) + "\r\n"
        #expect(harness.error(text) == .headerTooLarge)
    }

    @Test func endlessChunkExtensionIsMalformed() {
        let text = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;" + String(repeating: "e", count: RequestParser.maxChunkLineBytes)
        #expect(harness.error(text) == .malformed("chunk size line too long"))
    }
}
