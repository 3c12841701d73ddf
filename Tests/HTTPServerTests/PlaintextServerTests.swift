import Foundation
import HTTPServer
import Testing
import WebhookTestSupport

/// The real server on 127.0.0.1:0 over plain TCP, driven by raw sockets and curl.
@Suite struct PlaintextServerTests {
    @Test func keepAliveServesManyRequestsOnOneConnection() async throws {
        let server = TestServer()
        try await server.run { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                for index in 0..<200 {
                    try client.send("GET /n?i=\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
                    let response = try client.readResponse()
                    #expect(response.status == 200)
                    #expect(response.bodyText.hasPrefix("GET /n?i=\(index) HTTP/1.1"))
                    #expect(response.header("Connection") == nil)
                }
            }
        }
        #expect(server.events.counts.opened == 1)
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await TestServer().run { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                var batch = ""
                for index in 0..<50 {
                    batch += "POST /p\(index) HTTP/1.1\r\nHost: t\r\nContent-Length: \(index)\r\n\r\n" + String(repeating: "x", count: index)
                }
                try client.send(batch)
                for index in 0..<50 {
                    let response = try client.readResponse()
                    #expect(response.bodyText.hasPrefix("POST /p\(index) HTTP/1.1 bytes=\(index)"))
                }
            }
        }
    }

    @Test func requestSplitIntoManyWritesIsReassembled() async throws {
        try await TestServer().run { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                for byte in Array("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello".utf8) {
                    try client.send([byte])
                }
                #expect(try client.readResponse().bodyText == "hello")
            }
        }
    }

    @Test func chunkedBodyWithTrailersIsDecoded() async throws {
        try await TestServer().run { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                try client.send("POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n3;x=y\r\nefg\r\n0\r\nX-Sum: 7\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.bodyText == "POST /c HTTP/1.1 bytes=7 trailers=X-Sum=7")
            }
        }
    }

    @Test func http10IsAnsweredAndClosed() async throws {
        try await TestServer().run { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                try client.send("GET /old HTTP/1.0\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.header("Connection") == "close")
                #expect(try client.isClosedByServer())
            }
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await TestServer().run { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                #expect(try client.readResponse().header("Connection") == "close")
                #expect(try client.isClosedByServer())
            }
        }
    }

    @Test func expectContinueIsAnsweredBeforeTheBody() async throws {
        try await TestServer().run { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
                #expect(try client.readResponse().status == 100)
                try client.send("body")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.bodyText == "body")
            }
        }
    }

    @Test func curlUploadTakesTheExpectContinuePath() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("big.json")
        let body = "{\"data\":\"" + String(repeating: "a", count: 2 * 1024 * 1024) + "\"}"
        try Data(body.utf8).write(to: file)
        try await TestServer().run { _, port in
            let result = try await offPool {
                try Curl.run(["-v", "-H", "Content-Type: application/json", "--data-binary", "@\(file.path)", "http://127.0.0.1:\(port)/upload"])
            }
            #expect(result.exitCode == 0, "\(result.standardError)")
            #expect(result.standardError.contains("> Expect: 100-continue"))
            #expect(result.standardError.contains("< HTTP/1.1 100 Continue"))
            #expect(result.outputText == "POST /upload HTTP/1.1 bytes=\(body.utf8.count) trailers=")
        }
    }

    @Test func curlReusesOneConnectionForSeveralURLs() async throws {
        try await TestServer().run { server, port in
            let result = try await offPool {
                try Curl.run(["-v", "http://127.0.0.1:\(port)/a", "http://127.0.0.1:\(port)/b", "http://127.0.0.1:\(port)/c"])
            }
            #expect(result.exitCode == 0)
            #expect(result.outputText == "GET /a HTTP/1.1 bytes=0 trailers=GET /b HTTP/1.1 bytes=0 trailers=GET /c HTTP/1.1 bytes=0 trailers=")
            #expect(result.standardError.contains("Re-using existing connection"))
        }
    }

    @Test func pythonHTTPClientKeepsAlive() async throws {
        let script = """
            import http.client, sys
            conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
            for i in range(20):
                conn.request("POST", "/echo", body=b"x" * i, headers={"Content-Type": "application/json"})
                r = conn.getresponse()
                assert r.status == 200, r.status
                assert r.read() == b"x" * i
            conn.request("GET", "/chunks", body=iter([b"ab", b"cd"]), encode_chunked=True)
            r = conn.getresponse()
            print(r.read().decode())
            """
        try await TestServer().run { server, port in
            let result = try await offPool { try ChildProcess.run("python3", ["-c", script, "\(port)"]) }
            #expect(result.exitCode == 0, "\(result.standardError)")
            #expect(result.outputText == "GET /chunks HTTP/1.1 bytes=4 trailers=\n")
        }
    }
}
