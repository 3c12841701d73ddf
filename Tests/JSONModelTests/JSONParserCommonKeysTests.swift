import JSONModel
import Testing

/// `JSONParser(commonKeys:)` only changes what a parse costs: a key in the table, one that only shares its
/// first bytes, length or words with it, one spelled with escapes, and one too near the end of the input
/// for the 16-byte comparison all come out exactly as without the table.
@Suite struct JSONParserCommonKeysTests {
    static let keys = ["a", "name", "abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq", "kind"]

    @Test(arguments: [
        #"{"name":1,"nam":2,"names":3,"nbme":4,"kind":{"name":"name"}}"#,
        #"{"abcdefgh":1,"abcdefghi":2,"abcdefgg":3,"abcdefghj":4,"abcdefghijklmnop":5,"abcdefghijklmnoq":6}"#,
        #"{"abcdefghijklmnopq":1,"abcdefghijklmnopqr":2,"a":3,"b":4,"":5}"#,
        #"{"n\u0061me":1,"\u006bind":2,"a\/b":3}"#,
        #"[{"name":1},{"kind":2}]"#,
        #"{"x":{"name":1}}"#,  // the key ends less than 16 bytes before the end of the input
        #"{"name":1}"#,
        #"{"né":1,"nam\#u{e9}":2}"#,
    ])
    func commonKeysChangeNoValue(_ json: String) throws {
        let plain = try JSONParser().parse(json)
        let withTable = try JSONParser(commonKeys: Self.keys).parse(json)
        #expect(withTable == plain)
        #expect(JSONWriter.string(withTable) == JSONWriter.string(plain))
    }

    @Test func commonKeysKeepEveryKeyInItsPlace() throws {
        let value = try JSONParser(commonKeys: Self.keys).parse(#"{"kind":1,"nam":2,"name":3,"abcdefghijklmnop":4}"#)
        #expect(value.objectValue?.keys == ["kind", "nam", "name", "abcdefghijklmnop"])
    }

    @Test(arguments: [#"{"name" 1}"#, #"{"name":}"#, #"{"name"#, #"{"kind":1,"kind"#, #"{"abcdefgh\"#])
    func anErrorIsTheSameWithOrWithoutCommonKeys(_ json: String) {
        let plain = #expect(throws: JSONParseError.self) { try JSONParser().parse(json) }
        let withTable = #expect(throws: JSONParseError.self) { try JSONParser(commonKeys: Self.keys).parse(json) }
        #expect(plain == withTable)
    }
}
