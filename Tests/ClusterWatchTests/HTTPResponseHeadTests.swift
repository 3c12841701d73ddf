import Testing

@testable import ClusterWatch

@Suite struct HTTPResponseHeadTests {
    private func head(_ text: String) throws -> HTTPResponseHead {
        try HTTPResponseHead(parsing: Array(text.utf8)[...])
    }

    @Test func chunkedWinsOverContentLength() throws {
        let parsed = try head("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 5")
        #expect(parsed.status == 200)
        #expect(parsed.framing == .chunked)
    }

    @Test func contentLengthFramesTheBody() throws {
        let parsed = try head("HTTP/1.1 401 Unauthorized\r\ncontent-length: 129")
        #expect(parsed.status == 401)
        #expect(parsed.framing == .length(129))
    }

    @Test func noLengthReadsUntilClose() throws {
        #expect(try head("HTTP/1.0 200 OK").framing == .untilClose)
    }

    @Test(arguments: ["SSH-2.0-OpenSSH", "HTTP/1.1 2000 OK", "HTTP/1.1 abc OK", "HTTP/2 200", ""])
    func notAStatusLineIsMalformed(_ line: String) {
        #expect(throws: APIServerError.self) { try head(line) }
    }

    @Test func otherTransferEncodingIsRefused() {
        #expect(throws: APIServerError.malformed("unsupported Transfer-Encoding gzip")) {
            try head("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip")
        }
    }
}
