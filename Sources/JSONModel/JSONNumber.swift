/// A JSON number as written. Kubernetes fields such as `backoffLimit` are int32, and `3.5`,
/// `3.0` or `1e2` must be reported as the user wrote them, so the literal text is the value.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The literal exactly as it appeared in the document (already checked against the JSON grammar).
    public let text: String

    /// `text` must be a valid JSON number literal; the parser guarantees it.
    public init(text: String) {
        self.text = text
    }

    public init(_ value: Int64) {
        self.text = String(value)
    }

    /// True when the literal has neither a fraction nor an exponent: `3` is an integer, `3.0` and `3e0` are not.
    public var isInteger: Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The value when it is an integer literal that fits in 64 bits; `nil` otherwise.
    public var int64Value: Int64? {
        isInteger ? Int64(text) : nil
    }

    /// The sign of an integer literal, for reporting out-of-range values without converting them.
    public var isNegative: Bool {
        text.utf8.first == UInt8(ascii: "-")
    }

    public var description: String { text }
}
