/// Go's `strconv.Quote` (and so `fmt`'s `%q` for strings), byte for byte, because Kubernetes renders
/// bad values that way and users paste those messages into searches and tickets.
///
/// Printable runes (Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII
/// space) are kept; `"` and `\` are escaped; `\a \b \f \n \r \t \v` get their short forms; other runes below
/// U+0020 and U+007F become `\xNN`, the rest `\uNNNN` or `\UNNNNNNNN`; every byte of invalid UTF-8 becomes
/// `\xNN`. Hex digits are lowercase, as in Go. Printability follows the Unicode tables of this Swift
/// runtime, which may be a version newer than Go's for code points assigned recently.
enum GoQuote {
    /// `strconv.Quote(string)`.
    static func quote(_ string: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(string.utf8.count + 2)
        append(string.utf8, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the quoted form of `bytes`, which may be invalid UTF-8 as a Go string may be, to `output`;
    /// what it appends is always valid UTF-8.
    static func append<Bytes: Collection<UInt8>>(_ bytes: Bytes, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let (rune, width) = decodeRune(bytes, at: index)
            let next = bytes.index(index, offsetBy: width)
            if let rune {
                appendEscaped(rune, original: bytes[index..<next], to: &output)
            } else {
                appendHexByte(bytes[index], prefix: "\\x", to: &output)
            }
            index = next
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Go's `utf8.DecodeRune`: the rune and its width, or `nil` and width 1 for a byte that does not start
    /// a valid, shortest-form encoding of a scalar (surrogates and values above U+10FFFF included).
    private static func decodeRune<Bytes: Collection<UInt8>>(_ bytes: Bytes, at start: Bytes.Index) -> (UInt32?, Int) {
        let first = bytes[start]
        if first < 0x80 { return (UInt32(first), 1) }
        let width: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch first {
        case 0xC2...0xDF: width = 2
        case 0xE0: width = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: width = 3
        case 0xED: width = 3; high = 0x9F
        case 0xF0: width = 4; low = 0x90
        case 0xF1...0xF3: width = 4
        case 0xF4: width = 4; high = 0x8F
        default: return (nil, 1)
        }
        var rune = UInt32(first) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        var index = bytes.index(after: start)
        for position in 1..<width {
            guard index != bytes.endIndex else { return (nil, 1) }
            let byte = bytes[index]
            let lowerBound = position == 1 ? low : 0x80
            let upperBound = position == 1 ? high : 0xBF
            guard byte >= lowerBound, byte <= upperBound else { return (nil, 1) }
            rune = rune << 6 | UInt32(byte & 0x3F)
            index = bytes.index(after: index)
        }
        return (rune, width)
    }

    private static func appendEscaped(_ rune: UInt32, original: some Collection<UInt8>, to output: inout [UInt8]) {
        switch rune {
        case 0x22, 0x5C:
            output.append(UInt8(ascii: "\\"))
            output.append(UInt8(rune))
            return
        case _ where isPrint(rune):
            output.append(contentsOf: original)
            return
        case 0x07: output.append(contentsOf: "\\a".utf8)
        case 0x08: output.append(contentsOf: "\\b".utf8)
        case 0x0C: output.append(contentsOf: "\\f".utf8)
        case 0x0A: output.append(contentsOf: "\\n".utf8)
        case 0x0D: output.append(contentsOf: "\\r".utf8)
        case 0x09: output.append(contentsOf: "\\t".utf8)
        case 0x0B: output.append(contentsOf: "\\v".utf8)
        case 0..<0x20, 0x7F:
            appendHexByte(UInt8(rune), prefix: "\\x", to: &output)
        case 0..<0x10000:
            appendHex(rune, digits: 4, prefix: "\\u", to: &output)
        default:
            appendHex(rune, digits: 8, prefix: "\\U", to: &output)
        }
    }

    /// Go's `strconv.IsPrint`.
    static func isPrint(_ rune: UInt32) -> Bool {
        if rune == 0x20 { return true }
        if rune < 0x20 || (0x7F...0x9F).contains(rune) { return false }
        guard let scalar = Unicode.Scalar(rune) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendHexByte(_ byte: UInt8, prefix: String, to output: inout [UInt8]) {
        appendHex(UInt32(byte), digits: 2, prefix: prefix, to: &output)
    }

    private static func appendHex(_ value: UInt32, digits: Int, prefix: String, to output: inout [UInt8]) {
        output.append(contentsOf: prefix.utf8)
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            output.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
