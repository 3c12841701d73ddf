import JSONModel
import Testing

@Suite struct JSONWriterTests {
    @Test(arguments: [
        (JSONValue.null, "null"),
        (true, "true"),
        (false, "false"),
        (0, "0"),
        (-42, "-42"),
        (.number(JSONNumber(text: "3.0")), "3.0"),
        (.number(JSONNumber(text: "-0")), "-0"),
        (.number(JSONNumber(text: "1E+2")), "1E+2"),
        ("", #""""#),
        ([], "[]"),
        ([:], "{}"),
        ([1, "a", nil, [true]], #"[1,"a",null,[true]]"#),
        (["b": 1, "a": ["c": [:]]], #"{"b":1,"a":{"c":{}}}"#),
    ] as [(JSONValue, String)])
    func writesCompactJSON(_ value: JSONValue, _ json: String) {
        #expect(JSONWriter.string(value) == json)
        #expect(JSONWriter.bytes(value) == Array(json.utf8))
    }

    @Test(arguments: [
        ("plain text", #""plain text""#),
        ("\"", #""\"""#),
        ("\\", #""\\""#),
        ("/", #""/""#),
        ("\u{08}", #""\b""#),
        ("\u{0C}", #""\f""#),
        ("\n", #""\n""#),
        ("\r", #""\r""#),
        ("\t", #""\t""#),
        ("\u{0}", #""\u0000""#),
        ("\u{1}", #""\u0001""#),
        ("\u{1B}", #""\u001b""#),
        ("\u{1F}", #""\u001f""#),
        ("\u{7F}", "\"\u{7F}\""),
        ("<a href=\"x\">&</a>", #""<a href=\"x\">&</a>""#),
        ("\u{2028}", #""\u2028""#),
        ("\u{2029}", #""\u2029""#),
        ("\u{2027}\u{202A}\u{2030}€", "\"\u{2027}\u{202A}\u{2030}€\""),
        ("é😀", "\"é😀\""),
        ("a\u{2028}b€\n\u{2029}\u{2029}\"", #""a\u2028b€\n\u2029\u2029\"""#),
        ("€\u{2028}", #""€\u2028""#),
    ])
    func escapesStringsMinimallyPlusLineSeparators(_ string: String, _ json: String) throws {
        #expect(JSONWriter.string(.string(string)) == json)
        #expect(try JSONParser().parse(json) == .string(string))
    }

    /// Plain ASCII is checked eight bytes at a time; a byte to escape must be found wherever it falls
    /// in or after a word, and a non-ASCII byte must send the string down the escaping path whole.
    @Test(arguments: [("\"", #"\""#), ("\n", #"\n"#), ("\u{1}", #"\u0001"#), ("\u{2028}", #"\u2028"#), ("é", "é")])
    func escapesWhereverTheByteFalls(_ special: String, _ escaped: String) throws {
        for length in 1...20 {
            for position in 0..<length {
                let before = String(repeating: "a", count: position), after = String(repeating: "b", count: length - position - 1)
                let string = before + special + after
                #expect(JSONWriter.string(.string(string)) == "\"" + before + escaped + after + "\"")
                #expect(try JSONParser().parse(JSONWriter.bytes(.string(string))) == .string(string))
            }
        }
    }

    @Test func escapesObjectKeys() {
        #expect(JSONWriter.string(["a\"b\n": 1]) == #"{"a\"b\n":1}"#)
    }

    @Test func writeStringAppendsToWhatIsThere() {
        var bytes = Array(#"{"message":"#.utf8)
        JSONWriter.writeString("bad \"value\"", into: &bytes)
        bytes.append(UInt8(ascii: "}"))
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"message":"bad \"value\""}"#)
    }

    @Test func writeAppendsToWhatIsThere() {
        var bytes = Array("[".utf8)
        JSONWriter.write(["k": [1, 2]], into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #"[{"k":[1,2]}"#)
    }

    @Test(arguments: [
        "null", "true", "false", "0", "-0", "3.0", "1e2", "2147483648", #""""#, "[]", "{}",
        #"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"705ab4f5","object":{"spec":{"tables":["a","b"],"backoffLimit":3,"restoreTimeout":"2h"}},"dryRun":false}}"#,
        #"[[[[]]],{"a":{"b":{"c":[null,1.5e-7,"\"\\\n"]}}}]"#,
        #"{"z":1,"a":2,"m":{"y":[],"b":{}}}"#,
        #""\u0000\u001f\b\f\n\r\t\u2028\u2029""#,
        "\"é€😀\"",
    ])
    func roundTripsCompactDocumentsByteForByte(_ json: String) throws {
        #expect(JSONWriter.string(try JSONParser().parse(json)) == json)
    }

    @Test func dropsWhitespaceAndNormalisesEscapesOnRoundTrip() throws {
        let value = try JSONParser().parse(" { \"a\" : [ 1 , \"\\u0041\\/\\uD83D\\uDE00\" ] , \"a\" : 2 , \"b\" : 3 } ")
        #expect(JSONWriter.string(value) == #"{"a":2,"b":3}"#)
        let escapes = try JSONParser().parse(#"["\u0041\/\uD83D\uDE00\u00e9"]"#)
        #expect(JSONWriter.string(escapes) == "[\"A/😀é\"]")
    }

    @Test func roundTripsTwentyThousandMembersAndElements() throws {
        let tables = (0..<20_000).map { "\"table-\($0)\"" }.joined(separator: ",")
        let members = (0..<20_000).map { #""key-\#($0)":{"n":\#($0),"s":"v\n\#($0)"}"# }.joined(separator: ",")
        let json = #"{"tables":["# + tables + #"],"members":{"# + members + "}}"
        #expect(JSONWriter.string(try JSONParser().parse(json)) == json)
    }
}
