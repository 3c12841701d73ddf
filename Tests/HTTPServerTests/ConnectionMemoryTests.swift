import Foundation
import Glibc
import HTTPServer
import Testing
import WebhookTestSupport

/// Idle connections cost memory, not threads, and little of it (issue 3: RSS after 4,000 more idle
/// connections within 8 MiB of RSS after the first 2,000). Measured in a child process running only
/// ``ConnectionMemoryProbe``, so tests running in parallel here cannot disturb the numbers.
@Suite struct ConnectionMemoryTests {
    static let probeVariable = "HTTP_SERVER_MEMORY_PROBE"

    @Test func fourThousandMoreIdleConnectionsCostUnder8MiB() throws {
        let result = try ChildProcess.run(
            CommandLine.arguments[0],
            ["--testing-library", "swift-testing", "--filter", "ConnectionMemoryProbe"],
            environment: [Self.probeVariable: "1"],
            timeout: .seconds(180)
        )
        let report = result.outputText.split(separator: "\n").first { $0.hasPrefix("connection-memory ") }
        let line = try #require(report, "probe output: \(result.outputText) \(result.standardError)")
        let fields = Dictionary(uniqueKeysWithValues: line.split(separator: " ").dropFirst().compactMap { field -> (String, Int)? in
            let parts = field.split(separator: "=")
            guard parts.count == 2, let value = Int(parts[1]) else { return nil }
            return (String(parts[0]), value)
        })
        let growth = try #require(fields["growthBytes"])
        #expect(growth <= 8 * 1024 * 1024, "\(line)")
        #expect(result.exitCode == 0, "\(result.outputText)")
    }
}

/// The measurement itself; runs only when ``ConnectionMemoryTests`` starts it in a child process.
@Suite(.enabled(if: ProcessInfo.processInfo.environment[ConnectionMemoryTests.probeVariable] == "1"))
struct ConnectionMemoryProbe {
    static func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let pages = try #require(Int(statm.split(separator: " ")[1]))
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Server and clients live in this process: two descriptors per connection.
    static func raiseDescriptorLimit(to wanted: rlim_t) throws {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < wanted {
            limit.rlim_cur = min(wanted, limit.rlim_max)
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        try #require(limit.rlim_cur >= wanted, "need \(wanted) descriptors, have \(limit.rlim_cur)")
    }

    @Test func measure() async throws {
        try Self.raiseDescriptorLimit(to: 12_500)
        var harness = TestServer()
        harness.limits.requestTimeout = .seconds(120)
        harness.limits.idleTimeout = .seconds(120)
        try await harness.run { server, port in
            try await offPool {
                var clients: [RawClient] = []
                func open(_ count: Int) throws {
                    for _ in 0..<count {
                        let client = try RawClient(port: port)
                        try client.send("GET /m HTTP/1.1\r\nHost: t\r\n\r\n")
                        #expect(try client.readResponse().status == 200)
                        clients.append(client)
                    }
                }
                try open(2000)
                try waitUntil("2,000 connections open") { server.openConnections == 2000 }
                let afterFirst = try Self.residentBytes()
                try open(4000)
                try waitUntil("6,000 connections open") { server.openConnections == 6000 }
                let afterMore = try Self.residentBytes()
                let growth = afterMore - afterFirst
                print("connection-memory afterFirst2000=\(afterFirst) afterAnother4000=\(afterMore) growthBytes=\(growth)")
                #expect(growth <= 8 * 1024 * 1024)
                clients.removeAll()
            }
        }
    }
}
