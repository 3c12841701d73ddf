@testable import AdmissionWebhook
import Foundation
import JSONModel
import Logging
import Synchronization
import Testing

@Suite struct JSONLogHandlerTests {
    /// Collects the lines a handler writes.
    final class Lines: Sendable {
        let lines = Mutex<[[UInt8]]>([])
    }

    @Test func eachEventIsOneJSONObjectPerLine() throws {
        let collected = Lines()
        var handler = JSONLogHandler(label: "test", sink: { line in collected.lines.withLock { $0.append(line) } })
        handler[metadataKey: "connection.id"] = "7"
        let logger = Logger(label: "test", factory: { _ in handler })
        logger.info("admission decision", metadata: ["admission.uid": "u\"1", "nested": ["a": ["1", "2"]]])
        logger.debug("dropped below the level")

        let lines = collected.lines.withLock { $0 }
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.last == UInt8(ascii: "\n"))
        let object = try JSONParser().parse(Array(line.dropLast()))
        #expect(object["level"] == "info")
        #expect(object["logger"] == "test")
        #expect(object["msg"] == "admission decision")
        #expect(object["admission.uid"] == "u\"1")
        #expect(object["connection.id"] == "7")
        #expect(object["nested"] == ["a": ["1", "2"]])
        #expect(object["time"]?.stringValue?.hasSuffix("Z") == true)
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (951_782_400.5, "2000-02-29T00:00:00.500Z"),
        (1_795_564_800.25, "2026-11-25T00:00:00.250Z"),
        (4_102_444_799.75, "2099-12-31T23:59:59.750Z"),
    ])
    func timestampsAreRFC3339UTC(seconds: Double, expected: String) {
        #expect(LogTimestamp.rfc3339(Date(timeIntervalSince1970: seconds)) == expected)
    }
}
