/// The number syntax of Go's `strconv`, as go-yaml v2 applies it to plain scalars. Hand-written so
/// that what kubectl reads as a number, we read as the same number.
enum GoNumberSyntax {
    /// `strconv.ParseInt(s, 0, 64)`: an optional sign, then decimal, `0x`, `0o`, `0b`, or `0` for octal.
    static func parseInt(_ bytes: [UInt8]) -> Int64? {
        guard let first = bytes.first else { return nil }
        let isNegative = first == UInt8(ascii: "-")
        let hasSign = isNegative || first == UInt8(ascii: "+")
        guard let magnitude = parseMagnitude(bytes[(hasSign ? 1 : 0)...]) else { return nil }
        if isNegative {
            if magnitude == UInt64(Int64.max) + 1 { return .min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// `strconv.ParseUint(s, 0, 64)`: as `parseInt`, without a sign.
    static func parseUint(_ bytes: [UInt8]) -> UInt64? {
        parseMagnitude(bytes[...])
    }

    private static func parseMagnitude(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        guard let first = bytes.first else { return nil }
        var digits = bytes
        var base: UInt64 = 10
        if first == UInt8(ascii: "0"), bytes.count > 1 {
            let prefix = bytes[bytes.startIndex + 1] | 0x20  // ASCII lower case
            if bytes.count >= 3, prefix == UInt8(ascii: "x") {
                base = 16
                digits = bytes.dropFirst(2)
            } else if bytes.count >= 3, prefix == UInt8(ascii: "o") {
                base = 8
                digits = bytes.dropFirst(2)
            } else if bytes.count >= 3, prefix == UInt8(ascii: "b") {
                base = 2
                digits = bytes.dropFirst(2)
            } else {
                base = 8
                digits = bytes.dropFirst(1)
            }
        }
        var value: UInt64 = 0
        for byte in digits {
            guard let digit = digitValue(byte), digit < base else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: base)
            let (sum, carry) = shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }

    private static func digitValue(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// go-yaml v2's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    static func isYAMLFloat(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                _ = digits()
            }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }

    /// `strconv.ParseFloat` on a scalar starting with `.` (go-yaml's `.` branch, taken before any `_` is
    /// removed): `.5`, `.5e3`, with `_` allowed only between two digits, as Go's literal syntax allows.
    static func parseDotFloat(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "_") {
            guard offset > 0, offset + 1 < bytes.count, isDigit(bytes[offset - 1]), isDigit(bytes[offset + 1]) else {
                return nil
            }
        }
        let plain = bytes.filter { $0 != UInt8(ascii: "_") }
        guard isYAMLFloat(plain), let value = Double(String(decoding: plain, as: UTF8.self)), value.isFinite else {
            return nil
        }
        return value
    }

    /// go-yaml's first test for a timestamp: four digits and a `-`.
    static func looksLikeTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(5))
        return bytes.count == 5 && bytes[..<4].allSatisfy(isDigit) && bytes[4] == UInt8(ascii: "-")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
