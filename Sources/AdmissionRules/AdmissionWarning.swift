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
        var text = String(Self.printableASCII(path.description + ": " + message))
        if text.utf8.count > Self.maxLength {
            text = String(text.prefix(Self.maxLength - 3)) + "..."
        }
        return text
    }

    private static func printableASCII(_ text: String) -> String.UnicodeScalarView {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append((0x20...0x7E).contains(scalar.value) ? scalar : "?")
        }
        return scalars
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
