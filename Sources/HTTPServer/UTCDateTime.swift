/// A moment split into UTC calendar fields with integer arithmetic: the `Date` header and log
/// timestamps are formatted per request, where Foundation's formatters would allocate and lock.
public struct UTCDateTime: Sendable, Equatable {
    public let year: Int64
    public let month: Int
    public let day: Int
    public let hour: Int
    public let minute: Int
    public let second: Int
    /// Whole days since 1970-01-01 (a Thursday), negative before it.
    public let daysSince1970: Int64

    public init(secondsSince1970 seconds: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        daysSince1970 = days
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
        // Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// `value` in decimal, left-padded with zeros to `width` digits.
    public static func padded<Number: BinaryInteger>(_ value: Number, width: Int) -> String {
        var bytes: [UInt8] = []
        bytes.appendDecimal(Int64(clamping: value), width: width)
        return String(decoding: bytes, as: UTF8.self)
    }
}
