import JSONModel
import Testing

/// Hostile and large inputs: each must end in the documented error or parse completely. No test
/// here measures time; linear cost shows as these finishing at all on multi-megabyte inputs.
@Suite struct JSONParserLimitsTests {
    @Test func hundredMegabytesOfOpenBracketsStopAtTheDepthLimit() throws {
        let brackets = [UInt8](repeating: UInt8(ascii: "["), count: 100_000_000)
        let error = try #require(parseError(brackets, limits: JSONParser.Limits(maxBytes: brackets.count)))
        #expect(error.kind == .nestingTooDeep(limit: 512))
        #expect(error.offset == 512)
    }

    @Test func hundredMegabytesAreRefusedBeforeParsingByDefault() throws {
        let brackets = [UInt8](repeating: UInt8(ascii: "["), count: 100_000_000)
        let error = try #require(parseError(brackets))
        #expect(error.kind == .inputTooLarge(limit: 8 * 1024 * 1024))
        #expect(error.offset == 8 * 1024 * 1024)
    }

    @Test(arguments: [1, 2, 100, 512])
    func nestingUpToTheLimitParses(_ depth: Int) throws {
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var expected: JSONValue = []
        for _ in 1..<depth { expected = [expected] }
        #expect(try JSONParser().parse(arrays) == expected)

        let objects = String(repeating: #"{"a":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
        var expectedObject: JSONValue = [:]
        for _ in 1..<depth { expectedObject = ["a": expectedObject] }
        #expect(try JSONParser().parse(objects) == expectedObject)
    }

    @Test(arguments: ["[", #"{"a":"#, #"[{"a":"#])
    func nestingOneBeyondTheLimitFailsWhereItOpens(_ opening: String) throws {
        let levelsPerRepetition = opening.filter { $0 == "[" || $0 == "{" }.count
        let json = String(repeating: opening, count: 513) + "1"
        let error = try #require(parseError(json))
        #expect(error.kind == .nestingTooDeep(limit: 512))
        // The 513th container opens right after the repetitions that opened the first 512.
        #expect(error.offset == 512 / levelsPerRepetition * opening.utf8.count)
    }

    @Test func aSmallerDepthLimitIsHonoured() throws {
        let limits = JSONParser.Limits(maxDepth: 3)
        #expect(parseError("[[[]]]", limits: limits) == nil)
        #expect(parseError("[[{}]]", limits: limits) == nil)
        #expect(parseError("[[[[]]]]", limits: limits)?.kind == .nestingTooDeep(limit: 3))
        #expect(parseError("[[[{}]]]", limits: limits)?.offset == 3)
        #expect(parseError("1", limits: JSONParser.Limits(maxDepth: 0)) == nil)
    }

    @Test func aOneMegabyteStringParses() throws {
        let content = String(repeating: "x", count: 1_000_000)
        let value = try JSONParser().parse("[\"\(content)\"]")
        #expect(value == [.string(content)])
    }

    @Test func aOneMegabyteStringOfEscapesParses() throws {
        let json = "\"" + String(repeating: #"\n\u00e9"#, count: 300_000) + "\""
        let value = try JSONParser().parse(json)
        #expect(value.stringValue?.utf8.count == 900_000)
        #expect(value.stringValue == String(repeating: "\né", count: 300_000))
    }

    @Test(arguments: [false, true])
    func aStringOverTheLimitIsRefusedAtItsQuote(_ escaped: Bool) throws {
        let limit = 1024 * 1024
        let content = escaped ? String(repeating: #"\t"#, count: limit + 1) : String(repeating: "y", count: limit + 1)
        let error = try #require(parseError(#"{"k": ""# + content + #""}"#))
        #expect(error.kind == .stringTooLong(limit: limit))
        #expect(error.offset == 6)

        let atLimit = escaped ? String(repeating: #"\t"#, count: limit) : String(repeating: "y", count: limit)
        #expect(parseError(#"{"k": ""# + atLimit + #""}"#) == nil)
    }

    @Test func aKeyOverTheLimitIsRefused() throws {
        let error = try #require(parseError(#"{"abcd":1}"#, limits: JSONParser.Limits(maxStringBytes: 3)))
        #expect(error.kind == .stringTooLong(limit: 3))
        #expect(error.offset == 1)
    }

    @Test func tenThousandDigitsAreRefusedByDefault() throws {
        let digits = "1" + String(repeating: "0", count: 9_999)
        let error = try #require(parseError("[\(digits)]"))
        #expect(error.kind == .numberTooLong(limit: 256))
        #expect(error.offset == 1)
    }

    @Test(arguments: ["1" + String(repeating: "0", count: 9_999), "-0." + String(repeating: "9", count: 9_997) + "e-5"])
    func tenThousandDigitsAreKeptExactlyWhenAllowed(_ literal: String) throws {
        let value = try JSONParser(limits: JSONParser.Limits(maxNumberBytes: 20_000)).parse(literal)
        #expect(value.numberValue?.text == literal)
        #expect(value.numberValue?.int64Value == nil)
    }

    @Test func numberLimitCountsEveryCharacter() throws {
        let limits = JSONParser.Limits(maxNumberBytes: 4)
        #expect(parseError("-1.5", limits: limits) == nil)
        #expect(parseError("[-1e10]", limits: limits)?.kind == .numberTooLong(limit: 4))
    }

    @Test func valueLimitCountsEveryScalarArrayAndObject() throws {
        let limits = JSONParser.Limits(maxValues: 5)
        #expect(parseError("[1,2,3,4]", limits: limits) == nil)
        let error = try #require(parseError("[1,2,3,4,5]", limits: limits))
        #expect(error.kind == .tooManyValues(limit: 5))
        #expect(error.offset == 9)
        #expect(parseError(#"{"a":[],"b":{}}"#, limits: JSONParser.Limits(maxValues: 2))?.offset == 12)
    }

    @Test func aMillionValuesIsTheDefaultLimit() throws {
        let json = "[" + String(repeating: "0,", count: 999_999) + "0]"
        let error = try #require(parseError(json))
        #expect(error.kind == .tooManyValues(limit: 1_000_000))
        #expect(error.offset == json.utf8.count - 2)
    }

    @Test func inputLimitIsCheckedBeforeParsing() throws {
        let limits = JSONParser.Limits(maxBytes: 4)
        #expect(parseError("[1 ]", limits: limits) == nil)
        #expect(parseError("[1  ]", limits: limits) == JSONParseError(kind: .inputTooLarge(limit: 4), offset: 4, line: 1, column: 5))
    }

    @Test func anObjectWithTwentyThousandKeysParsesInOrder() throws {
        let members = (0..<20_000).map { #""key-\#($0)":\#($0)"# }.joined(separator: ",")
        let object = try #require(JSONParser().parse("{\(members),\"key-0\":\"again\"}").objectValue)
        #expect(object.count == 20_000)
        #expect(object.keys.first == "key-0")
        #expect(object.keys.last == "key-19999")
        #expect(object["key-0"] == "again")
        #expect(object["key-19999"] == 19_999)
    }

    @Test func anArrayWithTwentyThousandStringsParses() throws {
        let names = (0..<20_000).map { "table-\($0)" }
        let json = "[" + names.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        let value = try JSONParser().parse(json)
        #expect(value.arrayValue?.compactMap(\.stringValue) == names)
    }

    @Test func aSevenMebibyteAdmissionReviewWithTwentyThousandTablesParsesWithDefaults() throws {
        let body = Self.largeAdmissionReview()
        #expect(body.count > 7_000_000 && body.count <= 7 * 1024 * 1024)
        let review = try JSONParser().parse(body)
        let tables = review["request"]?["object"]?["spec"]?["tables"]?.arrayValue
        #expect(tables?.count == 20_000)
        #expect(review["request"]?["oldObject"]?["spec"]?["tables"]?.arrayValue?.last == "table-19999")
    }

    /// An UPDATE review whose object and old object each name 20,000 tables, padded with large
    /// annotations to just under 7 MiB, the server's body limit.
    static func largeAdmissionReview() -> [UInt8] {
        let tables = (0..<20_000).map { "\"table-\($0)\"" }.joined(separator: ",")
        let restore = #"{"apiVersion":"antfly.io/v1","kind":"AntflyRestore","metadata":{"name":"big","namespace":"db"},"spec":{"#
            + #""clusterRef":{"name":"prod"},"source":{"backupId":"b1","location":"s3://bucket/path"},"tables":["#
            + tables + "]}}"
        var review = #"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u-1","#
            + #""operation":"UPDATE","object":"# + restore + #","oldObject":"# + restore + #"},"padding":{"#
        let budget = 7 * 1024 * 1024 - review.utf8.count - 2
        let chunk = 1024 * 1024 - 1024
        var padding: [String] = []
        var used = 0
        while budget - used > 64 {
            let length = min(chunk, budget - used - 32)
            padding.append("\"p\(padding.count)\":\"" + String(repeating: "x", count: length) + "\"")
            used += padding[padding.count - 1].utf8.count + 1
        }
        review += padding.joined(separator: ",") + "}}"
        return Array(review.utf8)
    }
}
