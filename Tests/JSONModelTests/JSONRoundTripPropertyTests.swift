import JSONModel
import Testing
import WebhookTestSupport

/// Properties checked over many generated inputs from a fixed seed, so a failure always reproduces:
/// damaged documents end in an error inside the input or in a value that survives a round trip,
/// and every value we can build is written as JSON that parses back to it.
@Suite struct JSONRoundTripPropertyTests {
    static let document = Array(
        #"{"apiVersion":"antfly.io/v1","spec":{"tables":["a","é😀",null,true,false,-1.5e3,0,2147483648],"#
            .utf8)
        + Array(#""s":"tab\there \"q\" \\ \/ \u00e9\uD83D\uDE00\u2028","o":{},"e":[]},"z":[[],[{"k":[1,{"k":2}]}]]}"#.utf8)

    @Test func everyProperPrefixIsAnErrorWithinIt() throws {
        #expect(parseError(Self.document) == nil)
        for length in 0..<Self.document.count {
            let error = try #require(parseError(Array(Self.document[..<length])), "prefix of \(length) bytes")
            #expect(error.offset <= length)
        }
    }

    /// `document` with one to four random bytes replaced, removed or inserted, favouring bytes that mean
    /// something to the grammar; also the inputs of `JSONParserSkippingTests`.
    static func damaged(_ document: [UInt8], random: inout SplitMix64) -> [UInt8] {
        let interesting: [UInt8] = Array(#"{}[]:,"\/u0123456789abcdefABCDEF.eE+- tfn"#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF]
        var bytes = document
        for _ in 0...random.next(below: 3) {
            let position = random.next(below: bytes.count)
            switch random.next(below: 4) {
            case 0: bytes[position] = interesting[random.next(below: interesting.count)]
            case 1: bytes[position] = UInt8(truncatingIfNeeded: random.next())
            case 2: bytes.remove(at: position)
            default: bytes.insert(interesting[random.next(below: interesting.count)], at: position)
            }
        }
        return bytes
    }

    @Test func damagedDocumentsFailInsideTheInputOrRoundTrip() throws {
        var random = SplitMix64(seed: 0x6A73_6F6E)
        var parsed = 0
        for _ in 0..<10_000 {
            let bytes = Self.damaged(Self.document, random: &random)
            do {
                let value = try JSONParser().parse(bytes)
                parsed += 1
                #expect(try JSONParser().parse(JSONWriter.bytes(value)) == value)
            } catch {
                #expect((0...bytes.count).contains(error.offset))
                #expect(error.line >= 1 && error.column >= 1)
            }
        }
        // The damage must sometimes leave valid JSON, or the round-trip branch tests nothing.
        #expect(parsed > 0)
    }

    @Test func generatedValuesRoundTripThroughTheWriter() throws {
        var random = SplitMix64(seed: 0x7772_6974)
        for _ in 0..<2_000 {
            let value = Self.makeValue(depth: 0, random: &random)
            let bytes = JSONWriter.bytes(value)
            #expect(try JSONParser().parse(bytes) == value)
            #expect(JSONWriter.bytes(try JSONParser().parse(bytes)) == bytes)
        }
    }

    private static let numbers = ["0", "-0", "7", "-12", "3.0", "1e2", "-1.5E-7", "2147483648", "123456789012345678901234567890"]
    private static let scalars: [Unicode.Scalar] = [
        "a", "Z", " ", "\"", "\\", "/", "\u{0}", "\u{8}", "\u{9}", "\u{A}", "\u{C}", "\u{D}", "\u{1F}", "\u{7F}", "<", "&",
        "é", "\u{7FF}", "\u{800}", "€", "\u{2028}", "\u{2029}", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "😀", "\u{10FFFF}",
    ]

    private static func makeString(random: inout SplitMix64) -> String {
        var string = String.UnicodeScalarView()
        for _ in 0..<random.next(below: 8) {
            string.append(scalars[random.next(below: scalars.count)])
        }
        return String(string)
    }

    /// A random value of up to five levels; also the documents of `JSONParserSkippingTests`.
    static func makeValue(depth: Int, random: inout SplitMix64) -> JSONValue {
        switch random.next(below: depth < 4 ? 7 : 5) {
        case 0: return .null
        case 1: return .bool(random.next(below: 2) == 0)
        case 2: return .number(JSONNumber(text: numbers[random.next(below: numbers.count)]))
        case 3, 4: return .string(makeString(random: &random))
        case 5: return .array((0..<random.next(below: 4)).map { _ in makeValue(depth: depth + 1, random: &random) })
        default:
            var object = JSONObject()
            for _ in 0..<random.next(below: 4) {
                object[makeString(random: &random)] = makeValue(depth: depth + 1, random: &random)
            }
            return .object(object)
        }
    }
}
