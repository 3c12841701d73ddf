@testable import HTTPServer
import Testing

@Suite struct HTTPHeadersTests {
    @Test func namesMatchIgnoringASCIICaseOnly() {
        #expect(HTTPHeaders.namesMatch("Content-Length", "content-LENGTH"))
        #expect(HTTPHeaders.namesMatch("", ""))
        #expect(!HTTPHeaders.namesMatch("Content-Length", "Content-Lengt"))
        #expect(!HTTPHeaders.namesMatch("Host", "Hosts"))
        // Bytes 0x20 apart that are not letters are different characters.
        #expect(!HTTPHeaders.namesMatch("X@", "X`"))
        #expect(!HTTPHeaders.namesMatch("X[", "X{"))
        for position in 0..<4 {
            var changed = Array("Host".utf8)
            changed[position] ^= 0x01
            #expect(!HTTPHeaders.namesMatch("Host", String(decoding: changed, as: UTF8.self)))
        }
    }

    @Test func valuesAreEveryMatchingLineInOrder() {
        let headers: HTTPHeaders = ["Accept": "a", "Host": "h", "ACCEPT": "b", "Accept-Encoding": "c"]
        #expect(headers.values(for: "accept") == ["a", "b"])
        #expect(headers.values(for: "Expect") == [])
        #expect(headers["accept"] == "a, b")
        #expect(headers["HOST"] == "h")
        #expect(headers["accept-encoding"] == "c")
        #expect(headers["Expect"] == nil)
        #expect(HTTPHeaders()["Host"] == nil)
    }
}
