/// How the encoder writes a string so that it reads back as the same string, with go-yaml v2's rules
/// (`YAMLScalar`): plain when that is unambiguous, a literal block (`|`) for ordinary multi-line text,
/// double quotes with escapes for everything else.
enum YAMLScalarStyle: Equatable {
    case plain
    case literal
    case doubleQuoted

    /// The style for `text`; `allowsLiteral` is false where a block scalar cannot stand (keys, the root).
    init(for text: String, allowsLiteral: Bool) {
        if Self.canBePlain(text) {
            self = .plain
        } else if allowsLiteral, Self.canBeLiteral(text) {
            self = .literal
        } else {
            self = .doubleQuoted
        }
    }

    /// Plain only when the text has no YAML meaning of its own: it must read back as this very string
    /// (not `yes`, `3`, `0x1F`, `~`, `.inf`), must not start with an indicator or a document marker, must
    /// not hold `: ` or ` #`, end in `:`, or carry edge or special whitespace, and must be printable.
    private static func canBePlain(_ text: String) -> Bool {
        guard YAMLScalar.isPlainString(text), text != "<<", !text.hasPrefix("---"), !text.hasPrefix("...") else { return false }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, !"!&*,[]{}#|>'\"%@` ".unicodeScalars.contains(first) else { return false }
        if "-?:".unicodeScalars.contains(first) {
            // `- x`, `? x`, `: x` and a lone `-` are indicators; `-x` is text.
            let second = scalars.dropFirst().first
            if second == nil || second == " " { return false }
        }
        // One pass over the rest, as this runs for every string of every manifest `-o` prints.
        var previous: Unicode.Scalar? = nil
        for scalar in scalars {
            if scalar == "\t" || !isPrintable(scalar) { return false }
            if (previous == ":" && scalar == " ") || (previous == " " && scalar == "#") { return false }
            previous = scalar
        }
        return previous != " " && previous != ":"
    }

    /// A literal block keeps multi-line text readable; it cannot start with a blank (the indentation
    /// would be misread) and holds only printable characters, tabs and `\n`.
    private static func canBeLiteral(_ text: String) -> Bool {
        guard text.contains("\n"), let first = text.unicodeScalars.first else { return false }
        guard first != " ", first != "\t", first != "\n" else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "\n" || $0 == "\t" || isPrintable($0) }
    }

    /// YAML 1.1's printable set without its line breaks (`\u{85}`, `\u{2028}`, `\u{2029}`), which libyaml
    /// would fold, and without the byte order mark.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `text` in double quotes, with YAML's escapes for quotes, backslashes, controls and the rest.
    static func doubleQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\0": result += "\\0"
            case "\u{07}": result += "\\a"
            case "\u{08}": result += "\\b"
            case "\u{0B}": result += "\\v"
            case "\u{0C}": result += "\\f"
            case "\u{1B}": result += "\\e"
            case "\u{85}": result += "\\N"
            case "\u{2028}": result += "\\L"
            case "\u{2029}": result += "\\P"
            default:
                if isPrintable(scalar) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += hexEscape(scalar.value)
                }
            }
        }
        return result + "\""
    }

    private static func hexEscape(_ value: UInt32) -> String {
        let (prefix, width) = value <= 0xFF ? ("\\x", 2) : value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
        let digits = String(value, radix: 16, uppercase: true)
        return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
