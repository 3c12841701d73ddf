@testable import HTTPServer
import Testing

@Suite struct RequestParserTests {
    let harness = ParserHarness()

    @Test func simpleGetParses() throws {
        let (request, isKeepAlive) = try #require(harness.request("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(request.method == "GET")
        #expect(request.path == "/healthz")
        #expect(request.query == nil)
        #expect(request.version == .http1_1)
        #expect(request.headers["host"] == "x")
        #expect(request.body.isEmpty)
        #expect(isKeepAlive)
    }

    @Test func queryIsSeparatedFromThePath() throws {
        let (request, _) = try #require(harness.request("POST /validate-antfly-io-v1-antflyrestore?timeout=10s HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
        #expect(request.path == "/validate-antfly-io-v1-antflyrestore")
        #expect(request.query == "timeout=10s")
    }

    @Test func absoluteFormTargetKeepsOnlyThePath() throws {
        let (request, _) = try #require(harness.request("GET http://example.com:8080/metrics?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n"))
        #expect(request.path == "/metrics")
        #expect(request.query == "x=1")
    }

    @Test func contentLengthBodyIsRead() throws {
        let (request, _) = try #require(harness.request("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world"))
        #expect(request.body == Array("hello world".utf8))
    }

    @Test func chunkedBodyWithExtensionsAndTrailersIsDecoded() throws {
        let text = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n6\r\n world\r\nA \r\n0123456789\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n"
        let (request, _) = try #require(harness.request(text))
        #expect(request.body == Array("hello world0123456789".utf8))
        #expect(request.trailers["x-checksum"] == "abc")
        #expect(request.trailers["X-Other"] == "1")
        #expect(request.headers["X-Checksum"] == nil)
    }

    @Test func transferEncodingIsCaseInsensitive() throws {
        let (request, _) = try #require(harness.request("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"))
        #expect(request.body == Array("abc".utf8))
    }

    @Test func http10ClosesAfterTheResponseAndNeedsNoHost() throws {
        let (request, isKeepAlive) = try #require(harness.request("GET / HTTP/1.0\r\n\r\n"))
        #expect(request.version == .http1_0)
        #expect(!isKeepAlive)
    }

    @Test(arguments: ["close", "Close", "keep-alive, close", "foo,CLOSE"])
    func connectionCloseEndsKeepAlive(_ value: String) throws {
        let (_, isKeepAlive) = try #require(harness.request("GET / HTTP/1.1\r\nHost: x\r\nConnection: \(value)\r\n\r\n"))
        #expect(!isKeepAlive)
    }

    @Test func expectContinueIsReportedBeforeTheBody() {
        let outcome = harness.parse("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc")
        guard case .events(let events) = outcome else { Issue.record("\(outcome)"); return }
        #expect(events.count == 2)
        #expect(events.first == .expectContinue)
    }

    @Test(arguments: [
        "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n",
        "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
        "POST / HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\nContent-Length: 3\r\n\r\nabc",
    ])
    func expectContinueIsIgnoredWithoutABodyOrOnHTTP10(_ text: String) {
        let outcome = harness.parse(text)
        guard case .events(let events) = outcome else { Issue.record("\(outcome)"); return }
        #expect(!events.contains(.expectContinue))
        #expect(events.count == 1)
    }

    @Test func pipelinedRequestsParseOneAfterTheOther() {
        let text = "GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhiGET /c HTTP/1.1\r\nHost: x\r\n\r\n"
        let outcome = harness.parse(text)
        guard case .events(let events) = outcome else { Issue.record("\(outcome)"); return }
        let paths = events.compactMap { event -> String? in
            if case .request(let request, _) = event { return request.path }
            return nil
        }
        #expect(paths == ["/a", "/b", "/c"])
    }

    @Test func parserReturnsOnlyOneRequestPerCall() throws {
        var parser = RequestParser(maxHeaderBytes: 1024, maxBodyBytes: 1024)
        parser.append(Array("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        guard case .request(let first, _) = try parser.next() else { Issue.record("no first request"); return }
        #expect(first.path == "/a")
        #expect(!parser.isIdle)
        #expect(parser.bufferedByteCount == 28)
        guard case .request(let second, _) = try parser.next() else { Issue.record("no second request"); return }
        #expect(second.path == "/b")
        #expect(parser.isIdle)
        #expect(try parser.next() == .needMoreData)
    }

    @Test func emptyLinesBeforeTheRequestLineAreSkipped() throws {
        let (request, _) = try #require(harness.request("\r\n\r\nGET /x HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(request.path == "/x")
    }

    @Test func fieldValuesAreTrimmedAndMayBeEmpty() throws {
        let (request, _) = try #require(harness.request("GET / HTTP/1.1\r\nHost:x\r\nX-A: \t padded \t\r\nX-Empty:\r\nX-Obs: caf\u{e9}\r\n\r\n"))
        #expect(request.headers["X-A"] == "padded")
        #expect(request.headers["X-Empty"] == "")
        #expect(request.headers["X-Obs"] == "caf\u{e9}")
    }

    /// Received fields are kept as the block's bytes and decoded when read: they read exactly as the same
    /// lines made in code, in order, with the sender's spelling, and more can be added after them.
    @Test func receivedFieldsReadAsTheSameLinesMadeInCode() throws {
        let (request, _) = try #require(harness.request(
            // Empty lines first, so the block does not start at the buffer's first byte.
            "\r\n\r\nPOST /r?q=1 HTTP/1.1\r\nHost: h:1\r\ncontent-TYPE: application/json\r\nX-Obs: caf\u{e9}\r\nContent-Length: 0\r\n\r\n"))
        let expected: HTTPHeaders = [
            "Host": "h:1", "content-TYPE": "application/json", "X-Obs": "caf\u{e9}", "Content-Length": "0",
        ]
        #expect(request.headers == expected)
        #expect(request.headers.fields.map(\.name) == ["Host", "content-TYPE", "X-Obs", "Content-Length"])
        #expect(request.headers["Content-Type"] == "application/json")
        var headers = request.headers
        headers.add(name: "Host", value: "second")
        #expect(headers.values(for: "host") == ["h:1", "second"])
        #expect(headers != request.headers)
    }

    @Test func repeatedFieldsJoinWithCommas() throws {
        let (request, _) = try #require(harness.request("GET / HTTP/1.1\r\nHost: x\r\nAccept: a\r\naccept: b\r\n\r\n"))
        #expect(request.headers["Accept"] == "a, b")
        #expect(request.headers.values(for: "ACCEPT") == ["a", "b"])
    }

    @Test func parserGivesBackItsMemoryWhenIdle() throws {
        var parser = RequestParser(maxHeaderBytes: 1024, maxBodyBytes: 1024)
        parser.append(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        _ = try parser.next()
        #expect(parser.isIdle)
        parser.releaseMemoryIfIdle()
        #expect(parser.bufferedByteCount == 0)
        parser.append(Array("GET /again HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        guard case .request(let request, _) = try parser.next() else { Issue.record("no request"); return }
        #expect(request.path == "/again")
    }

    @Test func anErrorIsSticky() {
        var parser = RequestParser(maxHeaderBytes: 1024, maxBodyBytes: 1024)
        parser.append(Array("GET / HTTP/1.1\nHost: x\r\n\r\n".utf8))
        #expect(throws: HTTPRequestError.malformed("bare LF")) { try parser.next() }
        parser.append(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(throws: HTTPRequestError.malformed("bare LF")) { try parser.next() }
    }
}
