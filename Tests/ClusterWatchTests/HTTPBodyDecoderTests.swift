import Testing

@testable import ClusterWatch

/// Response bodies decode the same however the bytes are split (the watch arrives in pieces).
@Suite struct HTTPBodyDecoderTests {
    /// Decodes `wire` fed in two pieces split at `split`, then finishes.
    private func decode(_ wire: String, framing: HTTPResponseHead.Framing, split: Int) throws -> (body: String, isComplete: Bool) {
        var decoder = HTTPBodyDecoder(framing: framing)
        let bytes = Array(wire.utf8)
        var body = try decoder.decode(bytes[..<split])
        body += try decoder.decode(bytes[split...])
        return (String(decoding: body, as: UTF8.self), decoder.isComplete)
    }

    @Test func chunkedBodyDecodesAtEverySplit() throws {
        let wire = "5\r\nhello\r\n7;name=value\r\n, world\r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n"
        for split in 0...wire.utf8.count {
            let result = try decode(wire, framing: .chunked, split: split)
            #expect(result.body == "hello, world0123456789")
            #expect(result.isComplete)
        }
    }

    @Test func contentLengthBodyStopsAtItsLength() throws {
        let wire = "{\"a\":1}EXTRA"
        for split in 0...wire.utf8.count {
            let result = try decode(wire, framing: .length(7), split: split)
            #expect(result.body == "{\"a\":1}")
            #expect(result.isComplete)
        }
    }

    @Test func bodyUntilCloseTakesEverything() throws {
        var decoder = HTTPBodyDecoder(framing: .untilClose)
        #expect(try decoder.decode(Array("abc".utf8)[...]) == Array("abc".utf8))
        #expect(!decoder.isComplete)
        try decoder.finish()
    }

    @Test(arguments: ["zz\r\n", "-1\r\n", "1234567890abcdef0\r\n", "\r\n"])
    func badChunkSizeIsMalformed(_ wire: String) {
        var decoder = HTTPBodyDecoder(framing: .chunked)
        #expect(throws: APIServerError.malformed("bad chunk size line")) {
            _ = try decoder.decode(Array(wire.utf8)[...])
        }
    }

    @Test func chunkLongerThanItsSizeIsMalformed() {
        var decoder = HTTPBodyDecoder(framing: .chunked)
        #expect(throws: APIServerError.malformed("chunk data longer than its size")) {
            _ = try decoder.decode(Array("2\r\nabc\r\n".utf8)[...])
        }
    }

    @Test func endOfStreamInsideAChunkIsAClosedConnection() throws {
        var decoder = HTTPBodyDecoder(framing: .chunked)
        _ = try decoder.decode(Array("5\r\nhel".utf8)[...])
        #expect(throws: APIServerError.closed) { try decoder.finish() }
    }

    @Test func endlessChunkHeaderIsRefused() {
        var decoder = HTTPBodyDecoder(framing: .chunked)
        #expect(throws: APIServerError.malformed("chunk header longer than 1024 bytes")) {
            _ = try decoder.decode(Array(repeating: UInt8(ascii: "1"), count: 2000)[...])
        }
    }
}
