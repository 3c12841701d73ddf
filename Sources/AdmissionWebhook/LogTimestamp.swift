import FoundationEssentials
import HTTPServer

/// RFC 3339 UTC timestamps with milliseconds (`2026-11-25T17:51:03.042Z`): a log line is written
/// per admission decision, so the digits go straight into the line, without a formatter or a `String`.
enum LogTimestamp {
    static func append(_ date: Date, to bytes: inout [UInt8]) {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let millisecond = ((milliseconds % 1000) + 1000) % 1000
        let time = UTCDateTime(secondsSince1970: (milliseconds - millisecond) / 1000)
        bytes.appendDecimal(time.year, width: 4)
        appendField("-", time.month, to: &bytes)
        appendField("-", time.day, to: &bytes)
        appendField("T", time.hour, to: &bytes)
        appendField(":", time.minute, to: &bytes)
        appendField(":", time.second, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        bytes.appendDecimal(millisecond, width: 3)
        bytes.append(UInt8(ascii: "Z"))
    }

    private static func appendField(_ separator: Unicode.Scalar, _ value: Int, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: separator))
        bytes.appendDecimal(Int64(value), width: 2)
    }
}
