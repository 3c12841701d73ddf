import JSONModel
import Testing
import WebhookTestSupport

/// `JSONParser(skipping:)`: a skipped member is missing from the tree and nothing else changes. The
/// properties compare it with the full parse: the same document minus the skipped members, or the very
/// same error (kind and offset), whatever the damage and wherever it lies.
@Suite struct JSONParserSkippingTests {
    @Test func aSkippedMemberIsLeftOutOfItsObject() throws {
        let parser = JSONParser(skipping: [JSONPath("a", "c"), JSONPath("d")])
        let value = try parser.parse(#"{"a":{"b":1,"c":[1,{"x":"y"}],"e":"f"},"d":{"g":[]},"h":null}"#)
        #expect(value == ["a": ["b": 1, "e": "f"], "h": nil])
        #expect(value["a"]?.objectValue?.keys == ["b", "e"])
    }

    @Test func pathsMatchFromTheTopThroughKeysOnly() throws {
        let parser = JSONParser(skipping: [JSONPath("a", "b")])
        // `b` under an array element, or at another depth, is not `a.b`.
        let json = #"{"b":1,"a":[{"b":2}],"x":{"a":{"b":3}}}"#
        #expect(try parser.parse(json) == JSONParser().parse(json))
        #expect(try parser.parse(#"[{"a":{"b":1}}]"#) == [["a": ["b": 1]]])
    }

    @Test func aPathThatGoesOnKeepsEverythingBesideIt() throws {
        let parser = JSONParser(skipping: [JSONPath("a", "b", "c")])
        #expect(try parser.parse(#"{"a":{"b":{"c":{"deep":[1]},"d":2},"c":3}}"#) == ["a": ["b": ["d": 2], "c": 3]])
        // Where `a.b` is not an object, the path has nothing to skip.
        #expect(try parser.parse(#"{"a":{"b":"c"}}"#) == ["a": ["b": "c"]])
    }

    @Test func aRepeatedSkippedKeyIsSkippedEveryTime() throws {
        let parser = JSONParser(skipping: [JSONPath("s")])
        #expect(try parser.parse(#"{"s":1,"k":2,"s":{"t":3}}"#) == ["k": 2])
        #expect(try parser.parse(#"{"s":1}"#) == [:])
    }

    /// The reader follows the trie by a key's number in the common-key table when it found the key there,
    /// and by comparing strings when it decoded the key: a long key (over the table's 16 bytes), one spelled
    /// with escapes, one the table does not hold and one too near the end of the input for the table's
    /// 16-byte load are skipped exactly as the short ones; a key that shares a length or a prefix is not.
    @Test(arguments: [[String](), ["kind", "metadata"], ["metadata", "managedFields", "creationTimestamp", "spec"]])
    func aSkippedKeyIsFoundWhetherTheTableHoldsItOrNot(commonKeys: [String]) throws {
        let parser = JSONParser(
            skipping: [JSONPath("metadata", "managedFields"), JSONPath("metadata", "creationTimestamp"), JSONPath("z")],
            commonKeys: commonKeys)
        let json = #"{"kind":"K","metadata":{"managedFields":[1],"creationTimestamp":"t","man\u0061gedFields":2,"managedField":3,"managedFieldz":4,"creationTimestamps":5},"spec":{"managedFields":6},"z":7}"#
        #expect(try parser.parse(json) == [
            "kind": "K", "metadata": ["managedField": 3, "managedFieldz": 4, "creationTimestamps": 5], "spec": ["managedFields": 6],
        ])
        #expect(try parser.parse(#"{"z":1}"#) == [:])
    }

    @Test func indexPathsAndTheEmptyPathSkipNothing() throws {
        let json = #"{"a":[{"b":1}]}"#
        let parser = JSONParser(skipping: [JSONPath([.key("a"), .index(0)]), JSONPath([.key("a"), .index(0), .key("b")]), JSONPath()])
        #expect(try parser.parse(json) == JSONParser().parse(json))
        #expect(parser.skippedMembers.count == 3)
    }

    @Test(arguments: [
        #"{"s":"\#u{7}"}"#,  // control character
        #"{"s":"\ud800"}"#,  // lone surrogate
        #"{"s":"\x"}"#,  // bad escape
        #"{"s":01}"#,  // leading zero
        #"{"s":[1,}"#,  // bad array
        #"{"s":{"k" 1}}"#,  // missing colon
        #"{"s":{"k":tru}}"#,  // bad literal
        #"{"s":"never closed"#,
        #"{"s":{"k":"v",}}"#,
        #"{"s":[{"s":[{"s":[]}]}]} x"#,  // trailing data after a skipped member
    ])
    func anErrorInASkippedMemberIsTheSameError(_ json: String) throws {
        let full = try #require(parseError(json))
        #expect(skippedParseError(Array(json.utf8), skipping: [JSONPath("s")]) == full)
    }

    @Test func invalidUTF8InASkippedMemberIsTheSameError() throws {
        let bytes = Array(#"{"s":{"k":""#.utf8) + [0xC3, 0x28] + Array(#""}}"#.utf8)
        let full = try #require(parseError(bytes))
        #expect(full.kind == .invalidUTF8)
        #expect(skippedParseError(bytes, skipping: [JSONPath("s")]) == full)
    }

    @Test func skippedMembersCountTowardsEveryLimit() throws {
        let cases: [(String, JSONParser.Limits)] = [
            (#"{"s":["a","b","c","d"]}"#, JSONParser.Limits(maxValues: 4)),
            (#"{"s":[[[[]]]]}"#, JSONParser.Limits(maxDepth: 4)),
            (#"{"s":{"k":"abcdef"}}"#, JSONParser.Limits(maxStringBytes: 5)),
            (#"{"s":{"k":"ab\u00e9\u00e9"}}"#, JSONParser.Limits(maxStringBytes: 5)),
            (#"{"s":{"abcdef":1}}"#, JSONParser.Limits(maxStringBytes: 5)),
            (#"{"s":123456}"#, JSONParser.Limits(maxNumberBytes: 5)),
        ]
        for (json, limits) in cases {
            let full = try #require(parseError(json, limits: limits), "\(json)")
            #expect(skippedParseError(Array(json.utf8), limits: limits, skipping: [JSONPath("s")]) == full, "\(json)")
        }
    }

    /// `skipValue` keeps the first 64 open containers as bits and the deeper ones in an array: a skipped
    /// value that nests past 64 levels, with arrays and objects mixed on both sides of the boundary, is
    /// skipped whole, and a wrong bracket or a limit anywhere in it is the full parse's error.
    @Test(arguments: [63, 64, 65, 66, 130])
    func deeplyNestedSkippedValuesAreSkippedWholeOrFailAlike(depth: Int) throws {
        let opens = (0..<depth).map { $0 % 3 == 0 ? #"{"k":"# : "[" }
        let closes = (0..<depth).reversed().map { $0 % 3 == 0 ? "}" : "]" }
        let inner = opens.joined() + "1" + closes.joined()
        let parser = JSONParser(skipping: [JSONPath("s")])
        #expect(try parser.parse(#"{"s":\#(inner),"k":2}"#) == ["k": 2])
        var wrongBracket = closes
        wrongBracket[2] = wrongBracket[2] == "}" ? "]" : "}"
        let damaged = #"{"s":"# + opens.joined() + "1" + wrongBracket.joined() + "}"
        let full = try #require(parseError(damaged))
        #expect(skippedParseError(Array(damaged.utf8), skipping: [JSONPath("s")]) == full)
        let shallow = JSONParser.Limits(maxDepth: depth)
        let tooDeep = try #require(parseError(#"{"s":\#(inner)}"#, limits: shallow))
        #expect(skippedParseError(Array(#"{"s":\#(inner)}"#.utf8), limits: shallow, skipping: [JSONPath("s")]) == tooDeep)
    }

    @Test func damagedDocumentsGiveTheSameErrorOrTheSameValueMinusTheSkippedMembers() throws {
        var random = SplitMix64(seed: 0x736B_6970)
        let paths = [JSONPath("spec", "tables"), JSONPath("spec", "s"), JSONPath("z"), JSONPath("spec", "o"), JSONPath("nope")]
        let tight = JSONParser.Limits(maxDepth: 4, maxStringBytes: 6, maxNumberBytes: 4, maxValues: 30)
        var parsed = 0
        for round in 0..<10_000 {
            let bytes = JSONRoundTripPropertyTests.damaged(JSONRoundTripPropertyTests.document, random: &random)
            let skipped = Array(paths.filter { _ in random.next(below: 2) == 0 })
            let limits = round % 4 == 0 ? tight : JSONParser.Limits()
            if try expectSameOutcome(bytes, limits: limits, skipping: skipped) { parsed += 1 }
        }
        // Damage must sometimes leave valid JSON, or the value branch tests nothing.
        #expect(parsed > 100)
    }

    @Test func generatedDocumentsLoseExactlyTheirSkippedMembers() throws {
        var random = SplitMix64(seed: 0x6B65_7973)
        for _ in 0..<2_000 {
            let value = JSONRoundTripPropertyTests.makeValue(depth: 0, random: &random)
            // Skip paths taken from the document's own keys, so they do match.
            var paths: [JSONPath] = []
            for _ in 0..<random.next(below: 4) {
                if let path = Self.randomKeyPath(in: value, random: &random) { paths.append(path) }
            }
            try expectSameOutcome(JSONWriter.bytes(value), limits: JSONParser.Limits(), skipping: paths)
        }
    }

    // MARK: Helpers

    /// Parses `bytes` with and without `skipping` and expects the same error, or the full value with the
    /// skipped members removed. Returns whether it parsed.
    @discardableResult
    private func expectSameOutcome(_ bytes: [UInt8], limits: JSONParser.Limits, skipping paths: [JSONPath]) throws -> Bool {
        let full: JSONValue
        do {
            full = try JSONParser(limits: limits).parse(bytes)
        } catch {
            #expect(skippedParseError(bytes, limits: limits, skipping: paths) == error, "\(paths)")
            return false
        }
        let value = try JSONParser(limits: limits, skipping: paths).parse(bytes)
        #expect(value == full.removingMembers(at: paths), "\(paths)")
        return true
    }

    private func skippedParseError(_ bytes: [UInt8], limits: JSONParser.Limits = JSONParser.Limits(), skipping paths: [JSONPath]) -> JSONParseError? {
        do {
            _ = try JSONParser(limits: limits, skipping: paths).parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    private static func randomKeyPath(in value: JSONValue, random: inout SplitMix64) -> JSONPath? {
        var keys: [String] = []
        var node = value
        while case .object(let object) = node, !object.isEmpty {
            let member = object.members[random.next(below: object.count)]
            keys.append(member.key)
            if random.next(below: 2) == 0 { break }
            node = member.value
        }
        return keys.isEmpty ? nil : JSONPath(keys.map(JSONPath.Component.key))
    }
}
