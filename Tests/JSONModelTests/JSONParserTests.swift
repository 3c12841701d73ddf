import JSONModel
import Testing

@Suite struct JSONParserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let json: String
        let value: JSONValue
        var testDescription: String { json }
    }

    @Test(arguments: [
        Case(json: "null", value: .null),
        Case(json: "true", value: .bool(true)),
        Case(json: "false", value: .bool(false)),
        Case(json: " \t\r\n null \n\t\r ", value: .null),
        Case(json: "\"\"", value: ""),
        Case(json: "[]", value: []),
        Case(json: "[ ]", value: []),
        Case(json: "{}", value: [:]),
        Case(json: "{ \n }", value: [:]),
        Case(json: "[1,\"a\",true,false,null,[],{}]", value: [1, "a", true, false, nil, [], [:]]),
        Case(json: " [ 1 , [ 2 , [ 3 ] ] ] ", value: [1, [2, [3]]]),
        Case(json: "{\"a\":{\"b\":[{\"c\":null}]},\"d\":\"e\"}", value: ["a": ["b": [["c": nil]]], "d": "e"]),
        Case(json: "{ \"a\" : 1 , \"b\" : [ ] }", value: ["a": 1, "b": []]),
    ])
    func parsesValues(_ testCase: Case) throws {
        #expect(try JSONParser().parse(testCase.json) == testCase.value)
    }

    @Test(arguments: [
        (#""\"""#, "\""),
        (#""\\""#, "\\"),
        (#""\/""#, "/"),
        (#""\b""#, "\u{08}"),
        (#""\f""#, "\u{0C}"),
        (#""\n""#, "\n"),
        (#""\r""#, "\r"),
        (#""\t""#, "\t"),
        (#""\u0041""#, "A"),
        (#""\u00e9\u00E9""#, "éé"),
        (#""\u20AC""#, "€"),
        (#""\u0000""#, "\u{0}"),
        (#""\u001f""#, "\u{1F}"),
        (#""\uFFFF""#, "\u{FFFF}"),
        (#""\uD83D\uDE00""#, "😀"),
        (#""\ud83d\ude00""#, "😀"),
        (#""\uD800\uDC00""#, "\u{10000}"),
        (#""\uDBFF\uDFFF""#, "\u{10FFFF}"),
        (#""a\"b\\c\/d\ne""#, "a\"b\\c/d\ne"),
        (#""prefix \u00e9 middle \uD83D\uDE00 suffix""#, "prefix é middle 😀 suffix"),
        ("\"é€😀 raw UTF-8\"", "é€😀 raw UTF-8"),
        ("\"\u{7F} DEL is allowed\"", "\u{7F} DEL is allowed"),
    ])
    func decodesStringEscapes(_ json: String, _ expected: String) throws {
        #expect(try JSONParser().parse(json) == .string(expected))
    }

    @Test(arguments: [
        [0xC2, 0x80],  // U+0080, smallest two-byte
        [0xDF, 0xBF],  // U+07FF
        [0xE0, 0xA0, 0x80],  // U+0800, smallest three-byte
        [0xED, 0x9F, 0xBF],  // U+D7FF, just below the surrogates
        [0xEE, 0x80, 0x80],  // U+E000, just above them
        [0xEF, 0xBF, 0xBF],  // U+FFFF
        [0xF0, 0x90, 0x80, 0x80],  // U+10000, smallest four-byte
        [0xF4, 0x8F, 0xBF, 0xBF],  // U+10FFFF, the largest scalar
    ] as [[UInt8]])
    func acceptsEveryUTF8Boundary(_ sequence: [UInt8]) throws {
        let value = try JSONParser().parse([0x22] + sequence + [0x22])
        #expect(value == .string(String(decoding: sequence, as: UTF8.self)))
        #expect(value.stringValue.map { Array($0.utf8) } == sequence)
    }

    @Test(arguments: [
        "0", "-0", "3", "-3", "3.0", "3.50", "1e2", "1E2", "1e+2", "1e-2", "-0.0e-0", "2147483647", "2147483648",
        "-2147483649", "9223372036854775807", "9223372036854775808", "123456789012345678901234567890", "0.000001",
        "1.7976931348623157e308", "4.9e-324",
    ])
    func keepsNumberTextExactly(_ literal: String) throws {
        let value = try JSONParser().parse(" \(literal) ")
        #expect(value == .number(JSONNumber(text: literal)))
        let inArray = try JSONParser().parse("[\(literal),\(literal)]")
        #expect(inArray == [.number(JSONNumber(text: literal)), .number(JSONNumber(text: literal))])
    }

    @Test(arguments: [
        ("3", true, Int64(3)), ("-0", true, Int64(0)), ("3.0", false, nil), ("1e2", false, nil),
        ("2147483648", true, Int64(2_147_483_648)), ("9223372036854775808", true, nil),
    ])
    func distinguishesIntegersFromOtherNumbers(_ literal: String, _ isInteger: Bool, _ int64: Int64?) throws {
        let number = try #require(JSONParser().parse(literal).numberValue)
        #expect(number.isInteger == isInteger)
        #expect(number.int64Value == int64)
    }

    @Test func keepsMembersInDocumentOrder() throws {
        let object = try #require(JSONParser().parse(#"{"z":1,"a":2,"m":3}"#).objectValue)
        #expect(object.keys == ["z", "a", "m"])
    }

    @Test(arguments: [3, 40])
    func repeatedKeyKeepsFirstPositionAndLastValue(_ memberCount: Int) throws {
        // 3 members stay in the linear search; 40 go past the object's lookup index threshold.
        let members = (0..<memberCount).map { #""k\#($0)":\#($0)"# }.joined(separator: ",")
        let json = "{\(members),\"k0\":\"last\",\"k1\":{\"x\":1},\"k1\":null}"
        let object = try #require(JSONParser().parse(json).objectValue)
        #expect(object.count == memberCount)
        #expect(object.keys == (0..<memberCount).map { "k\($0)" })
        #expect(object["k0"] == "last")
        #expect(object["k1"] == .null)
        #expect(object["k2"] == 2)
    }

    @Test func parsesSameDocumentFromStringAndBytes() throws {
        let json = #"{"spec":{"tables":["a","b"],"backoffLimit":3}}"#
        #expect(try JSONParser().parse(json) == JSONParser().parse(Array(json.utf8)))
    }

    /// Strings are scanned eight bytes at a time; a byte that ends or breaks the plain run must be found
    /// at every position within and across those words, and DEL (0x7F) is the last plain byte.
    @Test func everyStopByteIsFoundAtEveryPositionOfALongString() throws {
        for length in 0..<20 {
            for position in 0...length {
                var text = Array(repeating: UInt8(ascii: "a"), count: length)
                let quote = 1 + position  // offset of the byte in the document `"…"`
                text.insert(0x7F, at: position)
                #expect(try JSONParser().parse([0x22] + text + [0x22]) == .string(String(decoding: text, as: UTF8.self)))
                text[position] = 0x1F
                let control = parseError([0x22] + text + [0x22])
                #expect(control?.kind == .unescapedControlCharacter(0x1F) && control?.offset == quote)
                text[position] = 0x00
                #expect(parseError([0x22] + text + [0x22])?.offset == quote)
                text[position] = 0xFF
                let invalid = parseError([0x22] + text + [0x22])
                #expect(invalid?.kind == .invalidUTF8 && invalid?.offset == quote)
                text[position] = 0x22  // the string ends there and what follows is trailing data
                #expect(parseError([0x22] + text + [0x22])?.offset == quote + 1)
                text[position] = 0x5C
                text.insert(0x6E, at: position + 1)  // \n
                #expect(try JSONParser().parse([0x22] + text + [0x22]).stringValue?.utf8.filter { $0 == 0x0A }.count == 1)
                text[position] = 0xC3
                text[position + 1] = 0xA9  // é
                #expect(try JSONParser().parse([0x22] + text + [0x22]).stringValue?.unicodeScalars.count == length + 1)
            }
        }
    }
}
