import FoundationEssentials
import HTTPServer

/// RFC 3339 UTC timestamps with milliseconds (`2026-11-25T17:51:03.042Z`): a log line is written
/// per admission decision, and a formatter per line would cost more than judging the request.
enum LogTimestamp {
    static func rfc3339(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let millisecond = ((milliseconds % 1000) + 1000) % 1000
        let time = UTCDateTime(secondsSince1970: (milliseconds - millisecond) / 1000)
        return "\(UTCDateTime.padded(time.year, width: 4))-\(UTCDateTime.padded(time.month, width: 2))-"
            + "\(UTCDateTime.padded(time.day, width: 2))T\(UTCDateTime.padded(time.hour, width: 2)):"
            + "\(UTCDateTime.padded(time.minute, width: 2)):\(UTCDateTime.padded(time.second, width: 2))."
            + "\(UTCDateTime.padded(millisecond, width: 3))Z"
    }
}
