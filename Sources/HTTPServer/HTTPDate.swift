/// Formats the `Date` header (RFC 9110 §5.6.7 IMF-fixdate) from seconds since 1970, without Foundation's
/// formatters (which allocate and lock); pure, so it is tested with fixed instants.
enum HTTPDate {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// For example `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func format(secondsSince1970 seconds: Int64) -> String {
        let time = UTCDateTime(secondsSince1970: seconds)
        let weekday = weekdays[Int(((time.daysSince1970 % 7) + 7) % 7)]
        return "\(weekday), \(UTCDateTime.padded(time.day, width: 2)) \(months[time.month - 1]) \(time.year) "
            + "\(UTCDateTime.padded(time.hour, width: 2)):\(UTCDateTime.padded(time.minute, width: 2)):"
            + "\(UTCDateTime.padded(time.second, width: 2)) GMT"
    }
}
