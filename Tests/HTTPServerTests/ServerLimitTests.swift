import Foundation
import HTTPServer
import Testing
import WebhookTestSupport

/// Each limit and each refused framing, over a real connection: the status, `Connection: close`, and the close.
@Suite struct ServerLimitTests {
    @Test(arguments: [
        "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
        "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3x\r\n\r\nabc",
        "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        "GET / HTTP/1.1\nHost: t\n\n",
        "GET / HTTP/1.1\r\nHost: t\r\nX: a\r\n folded\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: t\r\nBad Name: v\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: t\r\nX: \u{1}\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ])
    func smugglingShapeIsRefusedAndTheConnectionClosed(_ text: String) async throws {
        try await TestServer().run { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                // A second request rides behind the bad one: it must never be answered.
                try client.send(text + "GET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 400)
                #expect(response.header("Connection") == "close")
                #expect(response.header("Content-Type") == "application/json")
                #expect(response.bodyText.hasPrefix(#"{"code":400,"message":"malformed request: "#))
                #expect(try client.isClosedByServer())
            }
        }
    }

    @Test func oversizedHeaderIs431() async throws {
        try await TestServer().run { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + String(repeating: "h", count: 17 * 1024) + "\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 431)
                #expect(response.header("Connection") == "close")
                #expect(try client.isClosedByServer())
            }
        }
    }

    @Test func oversizedContentLengthIs413WithoutReadingTheBody() async throws {
        try await TestServer().run { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                try client.send("POST / HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: \(7 * 1024 * 1024 + 1)\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 413, "no 100 Continue for a body that will be refused")
                #expect(response.header("Connection") == "close")
                #expect(try client.isClosedByServer())
            }
        }
    }

    @Test func bodyAtTheLimitIsAccepted() async throws {
        try await TestServer().run { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                let size = 7 * 1024 * 1024
                try client.send("POST /n HTTP/1.1\r\nHost: t\r\nContent-Length: \(size)\r\n\r\n")
                try client.send([UInt8](repeating: 0x61, count: size))
                let response = try client.readResponse()
                #expect(response.bodyText.hasPrefix("POST /n HTTP/1.1 bytes=\(size)"), "\(response.status) \(response.bodyText)")
            }
        }
    }

    @Test func oversizedChunkedBodyIs413() async throws {
        var server = TestServer()
        server.limits.maxBodyBytes = 1000
        try await server.run { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                try client.send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
                for _ in 0..<3 { try client.send("190\r\n" + String(repeating: "c", count: 400) + "\r\n") }
                let response = try client.readResponse()
                #expect(response.status == 413)
                #expect(try client.isClosedByServer())
            }
        }
    }

    @Test func slowRequestIs408AndClosed() async throws {
        var server = TestServer()
        server.limits.requestTimeout = .milliseconds(500)
        try await server.run { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                try client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
                let response = try client.readResponse()
                #expect(response.status == 408)
                #expect(response.header("Connection") == "close")
                #expect(try client.isClosedByServer())
            }
        }
    }

    @Test func silentNewConnectionIsClosedAfterTheRequestTimeout() async throws {
        var server = TestServer()
        server.limits.requestTimeout = .milliseconds(300)
        try await server.run { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                #expect(try client.isClosedByServer())
            }
        }
    }

    @Test func idleKeepAliveConnectionIsClosedAfterTheIdleTimeout() async throws {
        var server = TestServer()
        server.limits.idleTimeout = .milliseconds(300)
        try await server.run { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try client.readResponse().status == 200)
                #expect(try client.isClosedByServer())
            }
        }
    }

    @Test func connectionsOverTheLimitAreClosedAtOnce() async throws {
        var server = TestServer()
        server.limits.maxConnections = 2
        try await server.run { httpServer, port in
            try await offPool {
                let first = try RawClient(port: port), second = try RawClient(port: port)
                for client in [first, second] {
                    try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                    #expect(try client.readResponse().status == 200)
                }
                let third = try RawClient(port: port)
                #expect(try third.isClosedByServer())
                first.close()
                // A slot frees up once the server has seen the close.
                let deadline = ContinuousClock.now.advanced(by: .seconds(5))
                while httpServer.openConnections > 1 && ContinuousClock.now < deadline { usleep(1000) }
                let fourth = try RawClient(port: port)
                try fourth.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try fourth.readResponse().status == 200)
            }
        }
    }
}
