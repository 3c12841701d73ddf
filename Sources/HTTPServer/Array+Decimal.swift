extension [UInt8] {
    /// Appends `value` in decimal, left-padded with zeros to `width` digits, without making a `String`:
    /// every response writes its status and `Content-Length` this way, and every log line its timestamp.
    public mutating func appendDecimal(_ value: Int64, width: Int = 1) {
        if value < 0 { append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        var digits = 1
        var divisor: UInt64 = 1
        while divisor <= magnitude / 10 {
            divisor *= 10
            digits += 1
        }
        if width > digits { append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits)) }
        repeat {
            append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }
}
