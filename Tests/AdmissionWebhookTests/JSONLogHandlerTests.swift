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

    /// The line's own fields come first, then metadata keys in sorted order, then the error; a
    /// metadata key named like an own field replaces its value, and the event's error wins over both.
    @Test func fieldsAreInAStableOrderAndMetadataReplacesOwnFields() throws {
        struct Failure: Error, CustomStringConvertible { var description: String { "disk full" } }
        let collected = Lines()
        var handler = JSONLogHandler(label: "test", sink: { line in collected.lines.withLock { $0.append(line) } })
        handler[metadataKey: "zone"] = "handler"
        handler[metadataKey: "b"] = "handler"
        let logger = Logger(label: "test", factory: { _ in handler })
        logger.warning("plain", metadata: ["b": "event", "a.c": "1", "a": "2", "msg": "replaced", "error": "metadata"])
        logger.error("failed", error: Failure())

        let lines = collected.lines.withLock { $0 }.map { String(decoding: $0, as: UTF8.self) }
        #expect(lines.count == 2)
        let first = try #require(lines.first)
        let afterTime = try #require(first.range(of: #"","level""#)).lowerBound
        #expect(first[afterTime...] == #"","level":"warning","logger":"test","msg":"replaced","a":"2","a.c":"1","b":"event","zone":"handler","error":"metadata"}"# + "\n")
        let second = try #require(lines.last)
        #expect(second.hasSuffix(#""msg":"failed","b":"handler","zone":"handler","error":"disk full"}"# + "\n"))
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (951_782_400.5, "2000-02-29T00:00:00.500Z"),
        (1_795_564_800.25, "2026-11-25T00:00:00.250Z"),
        (4_102_444_799.75, "2099-12-31T23:59:59.750Z"),
    ])
    func timestampsAreRFC3339UTC(seconds: Double, expected: String) {
        var bytes: [UInt8] = []
        LogTimestamp.append(Date(timeIntervalSince1970: seconds), to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }
}
