/// Go's `time.ParseDuration`, exactly: the operator parses `spec.restoreTimeout` with it, so anything it
/// rejects must be rejected here, and anything it accepts must be accepted (SPEC §5 rule 9).
///
/// Grammar: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` with the units `ns`, `us`, `µs` (U+00B5), `μs` (U+03BC),
/// `ms`, `s`, `m`, `h`; a lone `0` (optionally signed) is zero. Overflow past ±2⁶³−1 ns is an error, and
/// fractions are accumulated as Go does (digits beyond 2⁶³ are ignored, the fraction scaled in Double).
/// Public because the command line's duration flags (`--shutdown-delay 5s`) use Kubernetes' syntax too.
public enum GoDuration {
    static let nanosecondsPerSecond: Int64 = 1_000_000_000

    private static let units: [(name: [UInt8], nanoseconds: UInt64)] = [
        (Array("ns".utf8), 1),
        (Array("us".utf8), 1_000),
        (Array("µs".utf8), 1_000),
        (Array("μs".utf8), 1_000),
        (Array("ms".utf8), 1_000_000),
        (Array("s".utf8), 1_000_000_000),
        (Array("m".utf8), 60_000_000_000),
        (Array("h".utf8), 3_600_000_000_000),
    ]

    private static let limit: UInt64 = 1 << 63

    /// The duration in nanoseconds, or `nil` where Go returns an error.
    public static func nanoseconds(parsing text: String) -> Int64? {
        let bytes = Array(text.utf8)
        var index = 0
        var isNegative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            isNegative = first == UInt8(ascii: "-")
            index = 1
        }
        if bytes.count - index == 1 && bytes[index] == UInt8(ascii: "0") { return 0 }
        if index == bytes.count { return nil }

        var total: UInt64 = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: ".") || isDigit(bytes[index]) else { return nil }

            // Integer part: [0-9]*, an error on overflow.
            var whole: UInt64 = 0
            let wholeStart = index
            while index < bytes.count, isDigit(bytes[index]) {
                if whole > limit / 10 { return nil }
                whole = whole * 10 + UInt64(bytes[index] - UInt8(ascii: "0"))
                if whole > limit { return nil }
                index += 1
            }
            let hasWhole = index != wholeStart

            // Fraction: (\.[0-9]*)?, which stops gaining precision instead of overflowing.
            var fraction: UInt64 = 0
            var scale: Double = 1
            var hasFraction = false
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                let fractionStart = index
                var overflowed = false
                while index < bytes.count, isDigit(bytes[index]) {
                    defer { index += 1 }
                    if overflowed { continue }
                    if fraction > (limit - 1) / 10 {
                        overflowed = true
                        continue
                    }
                    let next = fraction * 10 + UInt64(bytes[index] - UInt8(ascii: "0"))
                    if next > limit {
                        overflowed = true
                        continue
                    }
                    fraction = next
                    scale *= 10
                }
                hasFraction = index != fractionStart
            }
            guard hasWhole || hasFraction else { return nil }

            // Unit: everything up to the next digit or '.'.
            let unitStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "."), !isDigit(bytes[index]) {
                index += 1
            }
            guard index != unitStart else { return nil }
            let unitBytes = bytes[unitStart..<index]
            guard let unit = units.first(where: { $0.name.elementsEqual(unitBytes) })?.nanoseconds else { return nil }

            if whole > limit / unit { return nil }
            var value = whole * unit
            if fraction > 0 {
                // fraction / scale < 1, so the product stays below one unit (at most 3.6e12 ns).
                let fractional = Double(fraction) * (Double(unit) / scale)
                guard fractional >= 0, fractional < Double(limit) else { return nil }
                value += UInt64(fractional)
                if value > limit { return nil }
            }
            // Go adds in uint64 and wraps; so must we, to agree on every input.
            total &+= value
            if total > limit { return nil }
        }
        if isNegative {
            return total == limit ? Int64.min : -Int64(total)
        }
        if total > limit - 1 { return nil }
        return Int64(total)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
