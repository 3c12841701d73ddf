import JSONModel
import Testing
import YAMLCodec

/// Inputs the `yaml-check` fuzz target (Fuzz/) stopped on, kept so the behaviour they pinned down stays.
@Suite struct FuzzRegressionTests {
    /// `FE FF 20 29 65 74`: UTF-16BE with a byte order mark, a paragraph separator, then one CJK character.
    /// YAML counts NEL, LS and PS as line breaks, as libyaml does, so the document starts on line 2, past the
    /// one line that a count of `\n` alone sees (the fuzz target's own line bound was the bug).
    @Test func paragraphSeparatorInUTF16StartsLineTwo() throws {
        let documents = try YAMLDecoder.parse([0xFE, 0xFF, 0x20, 0x29, 0x65, 0x74])
        let document = try #require(documents.first)
        #expect(documents.count == 1)
        #expect(document.value == .string("\u{6574}"))
        #expect(document.line(of: JSONPath()) == 2)
    }

    /// The same line breaks in UTF-8 move a value down a line each.
    @Test(arguments: ["\u{85}", "\u{2028}", "\u{2029}"])
    func unicodeLineBreaksCountAsLines(_ lineBreak: String) throws {
        let documents = try YAMLDecoder.parse("kind: AntflyRestore" + lineBreak + "spec: {backoffLimit: 3}\n")
        let document = try #require(documents.first)
        #expect(document.value["spec"]?["backoffLimit"] == 3)
        #expect(document.line(of: JSONPath("spec", "backoffLimit")) == 2)
    }
}
