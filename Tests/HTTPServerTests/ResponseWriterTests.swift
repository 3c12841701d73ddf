@testable import HTTPServer
import Testing

@Suite struct ResponseWriterTests {
    func written(_ response: HTTPResponse, closes: Bool = false, head: Bool = false, date: String? = nil) -> String {
        var buffer: [UInt8] = []
        ResponseWriter.write(response, closesConnection: closes, omitsBody: head, date: date, into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test func responseHasStatusLineHeadersLengthAndBody() {
        let response = HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
        #expect(written(response, date: "Sun, 06 Nov 1994 08:49:37 GMT")
            == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 2\r\n\r\n{}")
    }

    @Test func closingResponseSaysSo() {
        #expect(written(HTTPResponse(status: 400), closes: true) == "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    }

    @Test func headResponseKeepsTheLengthButNotTheBody() {
        #expect(written(HTTPResponse(status: 200, body: [1, 2, 3]), head: true) == "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n")
    }

    @Test func responderCannotSetFramingOrSplitTheResponse() {
        let response = HTTPResponse(status: 200, headers: [
            ("Content-Length", "99"), ("Transfer-Encoding", "chunked"), ("connection", "keep-alive"),
            ("X-Injected", "a\r\nSet-Cookie: b"), ("Bad Name", "v"), ("X-Fine", "ok"),
        ], body: [0x41])
        #expect(written(response) == "HTTP/1.1 200 OK\r\nX-Fine: ok\r\nContent-Length: 1\r\n\r\nA")
    }

    @Test func noContentHasNoLength() {
        #expect(written(HTTPResponse(status: 204)) == "HTTP/1.1 204 No Content\r\n\r\n")
    }

    @Test func invalidStatusBecomes500() {
        #expect(written(HTTPResponse(status: 42)).hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
    }

    @Test(arguments: [
        (Int64(0), "Thu, 01 Jan 1970 00:00:00 GMT"),
        (Int64(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT"),
        (Int64(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT"),
        (Int64(1_767_225_599), "Wed, 31 Dec 2025 23:59:59 GMT"),
        (Int64(4_107_542_400), "Mon, 01 Mar 2100 00:00:00 GMT"),
    ])
    func dateIsIMFFixdate(_ seconds: Int64, _ expected: String) {
        #expect(HTTPDate.format(secondsSince1970: seconds) == expected)
    }

    @Test(arguments: [
        (Int64(7), 2, "07"), (Int64(0), 3, "000"), (Int64(12_345), 2, "12345"), (Int64(2026), 4, "2026"),
        (Int64(-5), 3, "-005"), (Int64.min, 1, "-9223372036854775808"), (Int64.max, 4, "9223372036854775807"),
    ])
    func decimalsArePaddedWithZeros(_ value: Int64, _ width: Int, _ expected: String) {
        var bytes = Array("x".utf8)
        bytes.appendDecimal(value, width: width)
        #expect(String(decoding: bytes, as: UTF8.self) == "x" + expected)
        #expect(UTCDateTime.padded(value, width: width) == expected)
    }
}
