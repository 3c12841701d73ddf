/// Why a document is not the JSON we accept, and where. The server answers a bad AdmissionReview
/// with HTTP 400 and this description, so it names the problem and its position in words a
/// person editing the manifest can act on; tests compare the `kind` and `offset`.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the parser was looking for when it found something else.
    public enum Expectation: Sendable, Equatable, CustomStringConvertible {
        case value
        case objectKey
        case colon
        case commaOrArrayEnd
        case commaOrObjectEnd
        case digit
        case hexDigit
        case closingQuote
        /// The rest of `true`, `false` or `null`.
        case literal(String)

        public var description: String {
            switch self {
            case .value: "a value"
            case .objectKey: "a string key"
            case .colon: "':'"
            case .commaOrArrayEnd: "',' or ']'"
            case .commaOrObjectEnd: "',' or '}'"
            case .digit: "a digit"
            case .hexDigit: "a hexadecimal digit"
            case .closingQuote: "the closing '\"' of a string"
            case .literal(let literal): "'\(literal)'"
            }
        }
    }

    /// The problem, one case per rule of RFC 8259 or limit of `JSONParser.Limits`.
    public enum Kind: Sendable, Equatable, CustomStringConvertible {
        /// Nothing but whitespace: there is no value to read.
        case emptyInput
        case unexpectedEndOfInput(expected: Expectation)
        case unexpectedCharacter(UInt8, expected: Expectation)
        /// Something other than whitespace follows the top-level value.
        case trailingData(UInt8)
        /// `01`, `-00`: RFC 8259 allows a zero only as the whole integer part.
        case numberWithLeadingZero
        /// A backslash followed by a character that is not one of `"\/bfnrtu`.
        case invalidEscape(UInt8)
        /// A `\uD800`–`\uDFFF` escape that is not part of a high-then-low pair.
        case loneSurrogate(UInt16)
        /// A byte below 0x20 inside a string; JSON requires it escaped.
        case unescapedControlCharacter(UInt8)
        /// Bytes that are not UTF-8 (stray continuation bytes, overlong forms, encoded surrogates, truncated sequences).
        case invalidUTF8
        case inputTooLarge(limit: Int)
        case nestingTooDeep(limit: Int)
        case stringTooLong(limit: Int)
        case numberTooLong(limit: Int)
        case tooManyValues(limit: Int)

        public var description: String {
            switch self {
            case .emptyInput:
                "the input is empty where a JSON value was expected"
            case .unexpectedEndOfInput(let expected):
                "the input ended where \(expected) was expected"
            case .unexpectedCharacter(let byte, let expected):
                "unexpected \(Self.describe(byte)) where \(expected) was expected"
            case .trailingData(let byte):
                "unexpected \(Self.describe(byte)) after the end of the JSON value"
            case .numberWithLeadingZero:
                "a number must not start with a leading zero"
            case .invalidEscape(let byte):
                "invalid escape \(Self.describe(byte)) after a backslash in a string; allowed are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"
            case .loneSurrogate(let unit):
                "lone UTF-16 surrogate \\u\(Self.hex(unit)) in a string; a surrogate must be a high-low pair"
            case .unescapedControlCharacter(let byte):
                "control character \(Self.describe(byte)) in a string must be escaped"
            case .invalidUTF8:
                "invalid UTF-8 byte sequence"
            case .inputTooLarge(let limit):
                "the input is larger than the limit of \(limit) bytes"
            case .nestingTooDeep(let limit):
                "arrays and objects are nested deeper than the limit of \(limit) levels"
            case .stringTooLong(let limit):
                "a string is longer than the limit of \(limit) bytes"
            case .numberTooLong(let limit):
                "a number is longer than the limit of \(limit) characters"
            case .tooManyValues(let limit):
                "the document has more than the limit of \(limit) values"
            }
        }

        /// A printable ASCII character in quotes, anything else as its byte value.
        private static func describe(_ byte: UInt8) -> String {
            if byte > 0x20 && byte < 0x7F {
                let character = Character(Unicode.Scalar(byte))
                return byte == UInt8(ascii: "'") ? "character \"'\"" : "character '\(character)'"
            }
            return "byte 0x\(hex(UInt16(byte), digits: 2))"
        }

        private static func hex(_ value: UInt16, digits: Int = 4) -> String {
            let text = String(value, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, digits - text.count)) + text
        }
    }

    public let kind: Kind
    /// Zero-based offset of the offending byte in the input (the input's length when it ended too early).
    public let offset: Int
    /// One-based line of `offset`; lines end at `\n`.
    public let line: Int
    /// One-based column of `offset`, counted in bytes from the start of its line.
    public let column: Int

    public init(kind: Kind, offset: Int, line: Int, column: Int) {
        self.kind = kind
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// Works out line and column only now that something failed, so the happy path never counts lines.
    init(kind: Kind, offset: Int, in bytes: [UInt8]) {
        var line = 1
        var lineStart = 0
        let end = min(max(offset, 0), bytes.count)
        var index = 0
        while index < end {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        self.init(kind: kind, offset: offset, line: line, column: offset - lineStart + 1)
    }

    public var description: String {
        "invalid JSON at line \(line), column \(column) (byte offset \(offset)): \(kind)"
    }
}
