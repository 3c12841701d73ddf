import JSONModel
import Testing

/// The error a parse of `bytes` throws, or `nil` when it succeeds.
func parseError(_ bytes: [UInt8], limits: JSONParser.Limits = JSONParser.Limits()) -> JSONParseError? {
    do {
        _ = try JSONParser(limits: limits).parse(bytes)
        return nil
    } catch {
        return error
    }
}

func parseError(_ text: String, limits: JSONParser.Limits = JSONParser.Limits()) -> JSONParseError? {
    parseError(Array(text.utf8), limits: limits)
}

@Suite struct JSONParseErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let json: String
        let kind: JSONParseError.Kind
        let offset: Int
        var testDescription: String { json.debugDescription }

        init(_ json: String, _ kind: JSONParseError.Kind, at offset: Int) {
            self.json = json
            self.kind = kind
            self.offset = offset
        }
    }

    @Test(arguments: [
        // Nothing to read.
        Case("", .emptyInput, at: 0),
        Case("   \n\t", .emptyInput, at: 5),
        // Structure.
        Case("[", .unexpectedEndOfInput(expected: .value), at: 1),
        Case("[1", .unexpectedEndOfInput(expected: .commaOrArrayEnd), at: 2),
        Case("[1,]", .unexpectedCharacter(UInt8(ascii: "]"), expected: .value), at: 3),
        Case("[1 2]", .unexpectedCharacter(UInt8(ascii: "2"), expected: .commaOrArrayEnd), at: 3),
        Case("[1}", .unexpectedCharacter(UInt8(ascii: "}"), expected: .commaOrArrayEnd), at: 2),
        Case("[,1]", .unexpectedCharacter(UInt8(ascii: ","), expected: .value), at: 1),
        Case("{", .unexpectedEndOfInput(expected: .objectKey), at: 1),
        Case("{1:2}", .unexpectedCharacter(UInt8(ascii: "1"), expected: .objectKey), at: 1),
        Case("{'a':2}", .unexpectedCharacter(UInt8(ascii: "'"), expected: .objectKey), at: 1),
        Case(#"{"a"}"#, .unexpectedCharacter(UInt8(ascii: "}"), expected: .colon), at: 4),
        Case(#"{"a""#, .unexpectedEndOfInput(expected: .colon), at: 4),
        Case(#"{"a":}"#, .unexpectedCharacter(UInt8(ascii: "}"), expected: .value), at: 5),
        Case(#"{"a":"#, .unexpectedEndOfInput(expected: .value), at: 5),
        Case(#"{"a":1,}"#, .unexpectedCharacter(UInt8(ascii: "}"), expected: .objectKey), at: 7),
        Case(#"{"a":1]"#, .unexpectedCharacter(UInt8(ascii: "]"), expected: .commaOrObjectEnd), at: 6),
        Case(#"{"a":1"#, .unexpectedEndOfInput(expected: .commaOrObjectEnd), at: 6),
        Case(#"{"a" 1}"#, .unexpectedCharacter(UInt8(ascii: "1"), expected: .colon), at: 5),
        Case("[\"a\" ,\n \"b\"\n", .unexpectedEndOfInput(expected: .commaOrArrayEnd), at: 12),
        // Literals.
        Case("tru", .unexpectedEndOfInput(expected: .literal("true")), at: 3),
        Case("nul1", .unexpectedCharacter(UInt8(ascii: "1"), expected: .literal("null")), at: 3),
        Case("fals", .unexpectedEndOfInput(expected: .literal("false")), at: 4),
        Case("True", .unexpectedCharacter(UInt8(ascii: "T"), expected: .value), at: 0),
        Case("NaN", .unexpectedCharacter(UInt8(ascii: "N"), expected: .value), at: 0),
        Case("undefined", .unexpectedCharacter(UInt8(ascii: "u"), expected: .value), at: 0),
        Case("'a'", .unexpectedCharacter(UInt8(ascii: "'"), expected: .value), at: 0),
        Case("/* comment */ 1", .unexpectedCharacter(UInt8(ascii: "/"), expected: .value), at: 0),
        // Whitespace is space, tab, CR and LF only; no byte-order mark.
        Case(" \u{0B}1", .unexpectedCharacter(0x0B, expected: .value), at: 1),
        Case("\u{0C}1", .unexpectedCharacter(0x0C, expected: .value), at: 0),
        Case("\u{A0}1", .unexpectedCharacter(0xC2, expected: .value), at: 0),
        Case("\u{FEFF}{}", .unexpectedCharacter(0xEF, expected: .value), at: 0),
        // One value, then nothing.
        Case("falsey", .trailingData(UInt8(ascii: "y")), at: 5),
        Case("1 2", .trailingData(UInt8(ascii: "2")), at: 2),
        Case("[1]]", .trailingData(UInt8(ascii: "]")), at: 3),
        Case("{}{}", .trailingData(UInt8(ascii: "{")), at: 2),
        Case("\"a\" \u{0}", .trailingData(0), at: 4),
        // Numbers.
        Case("01", .numberWithLeadingZero, at: 0),
        Case("-01", .numberWithLeadingZero, at: 1),
        Case("[00]", .numberWithLeadingZero, at: 1),
        Case("-", .unexpectedEndOfInput(expected: .digit), at: 1),
        Case("-a", .unexpectedCharacter(UInt8(ascii: "a"), expected: .digit), at: 1),
        Case("- 1", .unexpectedCharacter(UInt8(ascii: " "), expected: .digit), at: 1),
        Case("1.", .unexpectedEndOfInput(expected: .digit), at: 2),
        Case("1.e5", .unexpectedCharacter(UInt8(ascii: "e"), expected: .digit), at: 2),
        Case("1e", .unexpectedEndOfInput(expected: .digit), at: 2),
        Case("1e+", .unexpectedEndOfInput(expected: .digit), at: 3),
        Case("[1e-]", .unexpectedCharacter(UInt8(ascii: "]"), expected: .digit), at: 4),
        Case(".5", .unexpectedCharacter(UInt8(ascii: "."), expected: .value), at: 0),
        Case("+1", .unexpectedCharacter(UInt8(ascii: "+"), expected: .value), at: 0),
        Case("1.5.2", .trailingData(UInt8(ascii: ".")), at: 3),
        Case("0x10", .trailingData(UInt8(ascii: "x")), at: 1),
        // Strings.
        Case("\"abc", .unexpectedEndOfInput(expected: .closingQuote), at: 4),
        Case("\"a\\", .unexpectedEndOfInput(expected: .closingQuote), at: 3),
        Case("\"a\\n", .unexpectedEndOfInput(expected: .closingQuote), at: 4),
        Case(#""\x""#, .invalidEscape(UInt8(ascii: "x")), at: 1),
        Case(#""ok\'""#, .invalidEscape(UInt8(ascii: "'")), at: 3),
        Case(#""\U0041""#, .invalidEscape(UInt8(ascii: "U")), at: 1),
        Case(#""\u12G4""#, .unexpectedCharacter(UInt8(ascii: "G"), expected: .hexDigit), at: 5),
        Case(#""\u12"#, .unexpectedEndOfInput(expected: .hexDigit), at: 5),
        Case("\"a\tb\"", .unescapedControlCharacter(0x09), at: 2),
        Case("\"line\nbreak\"", .unescapedControlCharacter(0x0A), at: 5),
        Case("\"\u{0}\"", .unescapedControlCharacter(0x00), at: 1),
        Case("\"\u{1F}\"", .unescapedControlCharacter(0x1F), at: 1),
        Case("\"\\n\u{1}\"", .unescapedControlCharacter(0x01), at: 3),
        // Lone surrogates, at the backslash of the offending escape.
        Case(#""\uD800""#, .loneSurrogate(0xD800), at: 1),
        Case(#""\uDBFF""#, .loneSurrogate(0xDBFF), at: 1),
        Case(#""\uDC00""#, .loneSurrogate(0xDC00), at: 1),
        Case(#""\uDFFF""#, .loneSurrogate(0xDFFF), at: 1),
        Case(#""\uD800x""#, .loneSurrogate(0xD800), at: 1),
        Case(#""\uD800\n""#, .loneSurrogate(0xD800), at: 1),
        Case(#""\uD800\u0041""#, .loneSurrogate(0xD800), at: 1),
        Case(#""ab\uD83D\uD83D""#, .loneSurrogate(0xD83D), at: 3),
        Case(#""\uDE00\uD83D""#, .loneSurrogate(0xDE00), at: 1),
        Case(#""\uD800"#, .loneSurrogate(0xD800), at: 1),
        Case(#"{"\uD800":1}"#, .loneSurrogate(0xD800), at: 2),
    ])
    func reportsKindAndOffset(_ testCase: Case) throws {
        let error = try #require(parseError(testCase.json))
        #expect(error.kind == testCase.kind)
        #expect(error.offset == testCase.offset)
    }

    @Test(arguments: [
        ([0x80], "a stray continuation byte"),
        ([0xBF], "a stray continuation byte"),
        ([0xC0, 0xAF], "an overlong two-byte form of '/'"),
        ([0xC1, 0xBF], "an overlong two-byte form"),
        ([0xE0, 0x80, 0xAF], "an overlong three-byte form"),
        ([0xE0, 0x9F, 0xBF], "an overlong three-byte form of U+07FF"),
        ([0xF0, 0x80, 0x80, 0xAF], "an overlong four-byte form"),
        ([0xF0, 0x8F, 0xBF, 0xBF], "an overlong four-byte form of U+FFFF"),
        ([0xED, 0xA0, 0x80], "an encoded high surrogate"),
        ([0xED, 0xBF, 0xBF], "an encoded low surrogate"),
        ([0xF4, 0x90, 0x80, 0x80], "a code point above U+10FFFF"),
        ([0xF5, 0x80, 0x80, 0x80], "a lead byte above F4"),
        ([0xF8, 0x88, 0x80, 0x80, 0x80], "a five-byte form"),
        ([0xFE], "the byte FE"),
        ([0xFF], "the byte FF"),
        ([0xC3], "a two-byte sequence cut short"),
        ([0xE2, 0x82], "a three-byte sequence cut short"),
        ([0xF0, 0x9F, 0x98], "a four-byte sequence cut short"),
        ([0xE2, 0x28, 0xA1], "a bad second byte"),
        ([0xE2, 0x82, 0x28], "a bad third byte"),
        ([0xF0, 0x9F, 0x98, 0x41], "a bad fourth byte"),
    ] as [([UInt8], String)])
    func refusesInvalidUTF8InStrings(_ sequence: [UInt8], _ what: String) throws {
        let quoted = [0x22, 0x61] + sequence + [0x62, 0x22]
        let error = try #require(parseError(quoted), "\(what)")
        #expect(error.kind == .invalidUTF8)
        #expect(error.offset == 2)
    }

    @Test func refusesUTF8CutByTheEndOfInput() throws {
        let error = try #require(parseError([0x22, 0xE2, 0x82]))
        #expect(error.kind == .invalidUTF8)
        #expect(error.offset == 1)
    }

    @Test func refusesInvalidUTF8AfterAnEscape() throws {
        let error = try #require(parseError([0x22, 0x5C, 0x6E, 0xC0, 0x80, 0x22]))
        #expect(error.kind == .invalidUTF8)
        #expect(error.offset == 3)
    }

    @Test func refusesBytesOutsideStringsThatAreNotJSON() throws {
        let error = try #require(parseError([0x5B, 0xC3, 0xA9, 0x5D]))
        #expect(error.kind == .unexpectedCharacter(0xC3, expected: .value))
        #expect(error.offset == 1)
    }

    @Test func locatesTheErrorByLineAndColumn() throws {
        let error = try #require(parseError("{\n  \"a\": x\n}"))
        #expect(error.offset == 9)
        #expect(error.line == 2)
        #expect(error.column == 8)
        #expect(
            error.description
                == "invalid JSON at line 2, column 8 (byte offset 9): unexpected character 'x' where a value was expected")
    }

    @Test(arguments: [
        ("", "invalid JSON at line 1, column 1 (byte offset 0): the input is empty where a JSON value was expected"),
        (
            "[1,2",
            "invalid JSON at line 1, column 5 (byte offset 4): the input ended where ',' or ']' was expected"
        ),
        (
            "{\"a\":1}\n]",
            "invalid JSON at line 2, column 1 (byte offset 8): unexpected character ']' after the end of the JSON value"
        ),
        (
            "\"\\q\"",
            #"invalid JSON at line 1, column 2 (byte offset 1): invalid escape character 'q' after a backslash in a string; allowed are \" \\ \/ \b \f \n \r \t \uXXXX"#
        ),
        (
            "\"\\ud800\"",
            #"invalid JSON at line 1, column 2 (byte offset 1): lone UTF-16 surrogate \uD800 in a string; a surrogate must be a high-low pair"#
        ),
        (
            "\"\t\"",
            "invalid JSON at line 1, column 2 (byte offset 1): control character byte 0x09 in a string must be escaped"
        ),
        ("012", "invalid JSON at line 1, column 1 (byte offset 0): a number must not start with a leading zero"),
        ("\"\\u00\"", #"invalid JSON at line 1, column 6 (byte offset 5): unexpected character '"' where a hexadecimal digit was expected"#),
        ("{\"a\" 1}", "invalid JSON at line 1, column 6 (byte offset 5): unexpected character '1' where ':' was expected"),
        ("[\"a\"", #"invalid JSON at line 1, column 5 (byte offset 4): the input ended where ',' or ']' was expected"#),
        ("\"a", #"invalid JSON at line 1, column 3 (byte offset 2): the input ended where the closing '"' of a string was expected"#),
        ("nul", "invalid JSON at line 1, column 4 (byte offset 3): the input ended where 'null' was expected"),
        ("'", #"invalid JSON at line 1, column 1 (byte offset 0): unexpected character "'" where a value was expected"#),
        ("\u{FEFF}1", "invalid JSON at line 1, column 1 (byte offset 0): unexpected byte 0xEF where a value was expected"),
    ])
    func describesWhatWasWrongAndWhere(_ json: String, _ description: String) throws {
        let error = try #require(parseError(json))
        #expect(error.description == description)
    }
}
