/// Go's renderings of a float64, which decide the JSON kubectl sends: encoding/json writes `3.0` as `3`
/// and `1e21` as `1e+21`, and sigs.k8s.io/yaml turns a float map key into `FormatFloat(f, 'g', -1, 32)`.
/// Both start from the shortest digits that read back as the same number, which Swift's `description`
/// also produces; only the layout differs.
enum GoFloatFormat {
    /// encoding/json's float64 encoding: `%f` layout for 1e-6 ≤ |x| < 1e21, else `%e` with the exponent's
    /// leading zero removed (`1e-07` → `1e-7`); nil for infinities and NaN, which JSON cannot carry.
    static func jsonText(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0" }
        let digits = ShortestDigits(value.magnitude.description)
        let magnitude = value.magnitude
        if magnitude < 1e-6 || magnitude >= 1e21 {
            // %e gives at least two exponent digits; encoding/json then drops the 0 of e-07. Exponents
            // here are either ≤ -7 or ≥ 21, so that leaves no padding at all.
            let exponent = digits.exponent
            return sign + digits.exponential() + (exponent < 0 ? "e-\(-exponent)" : "e+\(exponent)")
        }
        return sign + digits.fixed()
    }

    /// `strconv.FormatFloat(f, 'g', -1, 32)`, with sigs.k8s.io/yaml's names for infinities and NaN.
    static func keyText(_ value: Double) -> String {
        let single = Float(value)
        if single.isNaN { return ".nan" }
        if single.isInfinite { return single < 0 ? "-.inf" : ".inf" }
        let sign = single.sign == .minus ? "-" : ""
        if single == 0 { return sign + "0" }
        let digits = ShortestDigits(single.magnitude.description)
        if digits.exponent < -4 || digits.exponent >= 6 {
            return sign + digits.exponential() + (digits.exponent < 0 ? "e-" : "e+")
                + twoDigits(digits.exponent.magnitude)
        }
        return sign + digits.fixed()
    }

    private static func twoDigits(_ value: UInt) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// The significant digits of a positive finite number and where its decimal point goes, read from
    /// Swift's shortest round-trip rendering (`1.5e-07`, `100.0`, `0.001`).
    private struct ShortestDigits {
        /// Significant digits, no leading or trailing zeros.
        var digits: [Character] = []
        /// The power of ten of the first digit: 1.5 has exponent 0, 100 has 2, 0.001 has -3.
        var exponent = 0

        init(_ description: String) {
            let parts = description.split(separator: "e", maxSplits: 1)
            var pointPosition: Int? = nil
            var all: [Character] = []
            for character in parts.first ?? "" {
                if character == "." {
                    pointPosition = all.count
                } else {
                    all.append(character)
                }
            }
            var position = pointPosition ?? all.count
            position += parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            // Leading zeros move the first significant digit to the right.
            while all.first == "0" {
                all.removeFirst()
                position -= 1
            }
            while all.last == "0" { all.removeLast() }
            digits = all
            exponent = position - 1
        }

        /// `1.5e` style mantissa (without the exponent).
        func exponential() -> String {
            var text = String(digits.first ?? "0")
            if digits.count > 1 { text += "." + String(digits.dropFirst()) }
            return text
        }

        /// Plain decimal layout: `0.0015`, `1.5`, `150`.
        func fixed() -> String {
            let point = exponent + 1
            if point <= 0 {
                return "0." + String(repeating: "0", count: -point) + String(digits)
            }
            if point >= digits.count {
                return String(digits) + String(repeating: "0", count: point - digits.count)
            }
            return String(digits[..<point]) + "." + String(digits[point...])
        }
    }
}
