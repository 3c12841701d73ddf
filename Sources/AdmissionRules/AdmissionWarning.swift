public import JSONModel

/// A message for `response.warnings` (kubectl prints them as `Warning: ...`). Each starts with the field
/// path, has no `Warning:` prefix, and is at most 120 characters of printable ASCII (SPEC §3): anything else
/// in user-supplied text is shown as `?`, and an over-long warning ends in `...`.
public struct AdmissionWarning: Sendable, Equatable, CustomStringConvertible {
    /// The longest warning we send, in characters.
    public static let maxLength = 120

    public let path: JSONPath
    public let message: String

    public init(path: JSONPath, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`, made printable ASCII and cut to `maxLength`.
    public var description: String {
        var text = Self.printableASCII(path.description + ": " + message)
        if text.count > Self.maxLength {
            text.removeSubrange((Self.maxLength - 3)...)
            text.append(contentsOf: "...".utf8)
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// One byte per Unicode scalar: printable ASCII as it is, `?` for anything else. Works on UTF-8 bytes
    /// rather than appending scalars to a view, which cost ~50,000 instructions per warning: a scalar
    /// starts at every byte that is not a continuation byte (`10xxxxxx`), and `String` is valid UTF-8.
    private static func printableASCII(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 where byte & 0xC0 != 0x80 {
            bytes.append((0x20...0x7E).contains(byte) ? byte : UInt8(ascii: "?"))
        }
        return bytes
    }

    /// A warning whose message embeds a user-supplied `value` (a cluster name, a field name): when the
    /// whole would be too long, `value` is shortened to its beginning and `...`, so the rest of the
    /// sentence, which says what happens, survives.
    static func fitting(path: JSONPath, value: String, message: (String) -> String) -> AdmissionWarning {
        let full = AdmissionWarning(path: path, message: message(value))
        let overflow = path.description.unicodeScalars.count + 2 + full.message.unicodeScalars.count - maxLength
        guard overflow > 0 else { return full }
        let keep = max(0, value.unicodeScalars.count - overflow - 3)
        return AdmissionWarning(path: path, message: message(String(value.unicodeScalars.prefix(keep)) + "..."))
    }
}
