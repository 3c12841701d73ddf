/// Writes a `JSONValue` as compact JSON: no whitespace, members in their order, numbers as their
/// exact literal text, so a parsed document written back is byte-for-byte the same minus whitespace
/// and duplicate keys.
///
/// Strings get the minimal escaping RFC 8259 requires (`"`, `\` and the control characters, using
/// `\b \f \n \r \t` where they exist and `\u00XX` otherwise) plus U+2028 and U+2029, which are
/// valid JSON but end a line in JavaScript. Unlike Go's `json.Marshal` we do not escape `<`, `>`
/// and `&`: our output goes to the API server and to logs, never into an HTML page.
///
/// Writing recurses once per level of nesting; values from `JSONParser` are bounded by its depth limit.
public enum JSONWriter {
    /// Appends `value` to `bytes`, so a caller can build a larger body in one buffer.
    public static func write(_ value: JSONValue, into bytes: inout [UInt8]) {
        switch value {
        case .null:
            bytes.append(contentsOf: "null".utf8)
        case .bool(let flag):
            bytes.append(contentsOf: flag ? "true".utf8 : "false".utf8)
        case .number(let number):
            bytes.append(contentsOf: number.text.utf8)
        case .string(let string):
            writeString(string, into: &bytes)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element, into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (position, member) in object.members.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                write(member.value, into: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var bytes: [UInt8] = []
        write(value, into: &bytes)
        return bytes
    }

    public static func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// Appends `string` as a quoted, escaped JSON string, for renderers that assemble JSON by hand.
    public static func writeString(_ string: String, into bytes: inout [UInt8]) {
        // Almost every string is plain ASCII with nothing to escape: checked eight bytes at a time and
        // copied whole. A byte-by-byte check and copy cost ~450 instructions for a 15-byte log key.
        let utf8 = string.utf8.span
        bytes.append(UInt8(ascii: "\""))
        if utf8.endOfPlainASCII(from: 0) == utf8.count {
            bytes.append(contentsOf: string.utf8)
        } else {
            writeEscaped(utf8, into: &bytes)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `utf8` is valid UTF-8, taken from a `String`.
    private static func writeEscaped(_ utf8: Span<UInt8>, into bytes: inout [UInt8]) {
        // How many bytes of the prefix E2 80 shared by U+2028 (E2 80 A8) and U+2029 (E2 80 A9) are
        // held back. Valid UTF-8 always has two more bytes after E2, so nothing is still held when
        // the loop ends.
        var held = 0
        for index in utf8.indices {
            let byte = utf8[index]
            if held == 2 {
                held = 0
                if byte == 0xA8 || byte == 0xA9 {
                    bytes.append(contentsOf: byte == 0xA8 ? "\\u2028".utf8 : "\\u2029".utf8)
                    continue
                }
                bytes.append(0xE2)
                bytes.append(0x80)
            } else if held == 1 {
                if byte == 0x80 {
                    held = 2
                    continue
                }
                held = 0
                bytes.append(0xE2)
            }
            if byte == 0xE2 {
                held = 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
            case 0x08: bytes.append(contentsOf: "\\b".utf8)
            case 0x0C: bytes.append(contentsOf: "\\f".utf8)
            case 0x0A: bytes.append(contentsOf: "\\n".utf8)
            case 0x0D: bytes.append(contentsOf: "\\r".utf8)
            case 0x09: bytes.append(contentsOf: "\\t".utf8)
            case 0x00 ..< 0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(hexDigit(byte >> 4))
                bytes.append(hexDigit(byte & 0x0F))
            default:
                bytes.append(byte)
            }
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
