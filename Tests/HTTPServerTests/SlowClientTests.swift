import Foundation
import HTTPServer
import Testing
import WebhookTestSupport

/// Slow and hostile clients cost memory, never a loop: a normal request is answered while they hang.
@Suite struct SlowClientTests {
    @Test func slowlorisClientsDoNotDelayANormalRequest() async throws {
        var harness = TestServer()
        harness.limits.requestTimeout = .seconds(30)
        try await harness.run { _, port in
            try await offPool {
                var slow: [RawClient] = []
                for index in 0..<50 {
                    let client = try RawClient(port: port)
                    try client.send("POST /slow\(index) HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\nX-Slow: ")
                    slow.append(client)
                }
                for client in slow {
                    try client.send("a")
                }
                let clock = ContinuousClock()
                let started = clock.now
                let normal = try RawClient(port: port, timeout: .seconds(3))
                try normal.send("GET /normal HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try normal.readResponse().status == 200)
                #expect(clock.now - started < .seconds(2))
                // The slow clients are still waiting, unanswered, and still cost no loop.
                try slow[0].send("\r\n\r\n" + String(repeating: "z", count: 100))
                #expect(try slow[0].readResponse().bodyText.hasPrefix("POST /slow0 HTTP/1.1 bytes=100"))
            }
        }
    }
}
