import JSONModel
import Testing
import YAMLCodec

@Suite struct YAMLDecoderTests {
    @Test func multiDocumentStreamSkipsEmptyDocuments() throws {
        let text = """
            ---
            ---
            # only a comment
            ---
            a: 1
            ---
            null
            ---
            b: 2
            ...
            ---

            """
        let documents = try YAMLDecoder.parse(text)
        #expect(documents.map(\.value) == [["a": 1], ["b": 2]])
        #expect(documents.map(\.index) == [2, 4])
        #expect(documents.map(\.startLine) == [4, 8])
    }

    @Test func emptyAndCommentOnlyInputsHaveNoDocuments() throws {
        #expect(try YAMLDecoder.parse("").isEmpty)
        #expect(try YAMLDecoder.parse("# nothing\n\n").isEmpty)
        #expect(try YAMLDecoder.parse("---\n").isEmpty)
    }

    @Test func documentWithoutMarkerStartsAtItsContent() throws {
        let documents = try YAMLDecoder.parse("# header\n\nkind: List\n")
        #expect(documents.first?.startLine == 3)
    }

    @Test func flowAndBlockStylesMeanTheSame() throws {
        let block = try YAMLDecoder.parse("""
            metadata:
              name: x
            spec:
              tables:
                - a
                - b
              empty: {}
              none: []
            """)
        let flow = try YAMLDecoder.parse("{metadata: {name: x}, spec: {tables: [a, b], empty: {}, none: []}}")
        #expect(block.first?.value == flow.first?.value)
        #expect(flow.first?.value["spec"]?["tables"] == ["a", "b"])
    }

    @Test func commentsAreIgnored() throws {
        let documents = try YAMLDecoder.parse("""
            # leading
            a: 1  # trailing
            # between
            b: "x # not a comment"
            c: y#z
            """)
        #expect(documents.first?.value == ["a": 1, "b": "x # not a comment", "c": "y#z"])
    }

    @Test func keysKeepTheirOrderAndTheLastDuplicateWins() throws {
        let documents = try YAMLDecoder.parse("b: 1\na: 2\nb: 3\n")
        let object = try #require(documents.first?.value.objectValue)
        #expect(object.keys == ["b", "a"])
        #expect(object["b"] == 3)
        #expect(documents.first?.line(of: JSONPath("b")) == 3)
    }

    @Test func anchorsAndAliasesAreExpanded() throws {
        let documents = try YAMLDecoder.parse("""
            source: &src
              location: s3://bucket
              backupId: b1
            copy: *src
            name: &n restore
            names: [*n, *n]
            """)
        let value = try #require(documents.first?.value)
        #expect(value["copy"] == value["source"])
        #expect(value["names"] == ["restore", "restore"])
    }

    @Test func anchorsAreScopedToTheirDocument() {
        let error = #expect(throws: YAMLError.self) { try YAMLDecoder.parse("a: &x 1\n---\nb: *x\n") }
        #expect(error?.kind == .unknownAnchor("x"))
        #expect(error?.line == 3)
        #expect(error?.column == 4)
    }

    @Test func anAliasInsideItsOwnAnchorIsAnError() {
        let error = #expect(throws: YAMLError.self) { try YAMLDecoder.parse("a: &x [1, *x]\n") }
        #expect(error?.kind == .recursiveAlias("x"))
    }

    @Test func mergeKeysFollowGoYAML() throws {
        let documents = try YAMLDecoder.parse("""
            base: &base {restoreMode: overwrite, backoffLimit: 3}
            other: &other {backoffLimit: 9, restoreTimeout: 8h}
            one:
              <<: *base
              backoffLimit: 5
            two:
              backoffLimit: 5
              <<: *base
            three:
              <<: [*other, *base]
            quoted:
              "<<": *base
            """)
        let value = try #require(documents.first?.value)
        #expect(value["one"] == ["restoreMode": "overwrite", "backoffLimit": 5])
        // go-yaml v2 sets the merged keys where the << stands, over what came before.
        #expect(value["two"] == ["restoreMode": "overwrite", "backoffLimit": 3])
        #expect(value["three"] == ["restoreMode": "overwrite", "backoffLimit": 9, "restoreTimeout": "8h"])
        #expect(value["quoted"] == ["<<": ["restoreMode": "overwrite", "backoffLimit": 3]])
        #expect(documents.first?.line(of: JSONPath("one", "restoreMode")) == 1)
    }

    @Test(arguments: ["<<: 3", "<<: [a]", "<<: [[{a: 1}]]", "<<:"])
    func mergingSomethingOtherThanMappingsIsAnError(_ text: String) {
        let error = #expect(throws: YAMLError.self) { try YAMLDecoder.parse("x: 1\n" + text + "\n") }
        #expect(error?.kind == .invalidMerge)
        #expect(error?.line == 2)
    }

    @Test func billionLaughsIsRefused() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        let error = #expect(throws: YAMLError.self) { try YAMLDecoder.parse(text) }
        #expect(error?.kind == .tooManyAliasedNodes(maxAliasExpansion: 1_000_000))
        #expect(error?.message.contains("billion laughs") == true)
    }

    @Test func aliasExpansionWithinTheLimitIsAllowed() throws {
        let text = "a: &a [p, q, r]\nb: [*a, *a, *a]\n"
        let limits = YAMLDecoder.Limits(maxAliasExpansion: 12)
        #expect(try YAMLDecoder.parse(text, limits: limits).first?.value["b"] == [["p", "q", "r"], ["p", "q", "r"], ["p", "q", "r"]])
        let error = #expect(throws: YAMLError.self) { try YAMLDecoder.parse(text, limits: YAMLDecoder.Limits(maxAliasExpansion: 11)) }
        #expect(error?.kind == .tooManyAliasedNodes(maxAliasExpansion: 11))
        #expect(error?.column == 13)
    }

    @Test func deepNestingIsRefused() {
        let depth = 129
        let flow = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = #expect(throws: YAMLError.self) { try YAMLDecoder.parse(flow) }
        #expect(error?.kind == .tooDeep(maxDepth: 128))
        #expect(error?.line == 1)
        #expect(error?.column == 129)
        #expect(throws: Never.self) {
            try YAMLDecoder.parse(String(repeating: "[", count: 128) + String(repeating: "]", count: 128))
        }
    }

    @Test func deepNestingThroughAliasesIsRefused() {
        let inner = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let text = "a: &deep \(inner)\nb: " + String(repeating: "[", count: 30) + "*deep" + String(repeating: "]", count: 30) + "\n"
        let error = #expect(throws: YAMLError.self) { try YAMLDecoder.parse(text) }
        #expect(error?.kind == .tooDeep(maxDepth: 128))
        #expect(error?.line == 2)
    }

    @Test func deepBlockNestingIsRefusedWithoutCrashing() {
        var text = ""
        for level in 0..<300 { text += String(repeating: " ", count: level) + "k:\n" }
        let error = #expect(throws: YAMLError.self) { try YAMLDecoder.parse(text) }
        #expect(error?.kind == .tooDeep(maxDepth: 128))
        #expect(error?.line == 129)
    }

    @Test func oversizedInputIsRefused() {
        let error = #expect(throws: YAMLError.self) {
            try YAMLDecoder.parse("a: 12345\n", limits: YAMLDecoder.Limits(maxBytes: 8))
        }
        #expect(error?.kind == .tooLarge(maxBytes: 8))
    }

    @Test(arguments: [
        ("a: 1\nb: [1, 2\nc: 3\n", 3, 2, "did not find expected ',' or ']' (while parsing a flow sequence that started at line 2, column 4)"),
        ("a: 1\n b: 2\n", 2, 3, "mapping values are not allowed in this context"),
        ("a:\n  - x\n  y: 1\n", 3, 3, "did not find expected '-' indicator (while parsing a block collection that started at line 2, column 3)"),
        ("a: \"unterminated\n", 2, 1, "found unexpected end of stream (while scanning a quoted scalar that started at line 1, column 4)"),
        ("a: b\n\tc: d\n", 2, 1, "found a tab character that violates indentation (while scanning a plain scalar that started at line 1, column 4)"),
        ("key: @x\n", 1, 6, "found character that cannot start any token (while scanning for the next token)"),
    ])
    func malformedYAMLReportsLineAndColumn(_ text: String, _ line: Int, _ column: Int, _ message: String) {
        let error = #expect(throws: YAMLError.self) { try YAMLDecoder.parse(text) }
        #expect(error?.line == line)
        #expect(error?.column == column)
        #expect(error?.message == message)
    }

    @Test func invalidUTF8IsReportedAtItsPosition() {
        let error = #expect(throws: YAMLError.self) {
            try YAMLDecoder.parse(Array("a: 1\nb: x".utf8) + [0xFF] + Array("\n".utf8))
        }
        #expect(error?.line == 2)
        #expect(error?.column == 5)
        #expect(error?.message == "invalid leading UTF-8 octet")
    }

    @Test func windowsLineEndingsAndAByteOrderMarkAreRead() throws {
        let document = try #require(YAMLDecoder.parse([0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: |\r\n  x\r\n  y\r\nc: z\r\n".utf8)).first)
        #expect(document.value == ["a": 1, "b": "x\ny\n", "c": "z"])
        #expect(document.line(of: JSONPath("c")) == 5)
    }

    @Test func utf16WithByteOrderMarkIsRead() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "a: ü\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try YAMLDecoder.parse(bytes).first?.value == ["a": "ü"])
    }

    @Test func linesPointAtValuesOrTheirKeys() throws {
        let text = """
            apiVersion: antfly.io/v1
            kind: AntflyRestore
            metadata:
              name: restore
            spec:
              source:
                backupId:
                  20250115
                location: s3://b
              tables:
                - users
                - {name: x}
              restoreTimeout:
              backoffLimit: [1, 2]
            """
        let document = try #require(YAMLDecoder.parse(text).first)
        #expect(document.line(of: JSONPath()) == 1)
        #expect(document.line(of: JSONPath("metadata", "name")) == 4)
        #expect(document.line(of: JSONPath("spec")) == 5)
        #expect(document.line(of: JSONPath("spec", "source")) == 6)
        #expect(document.line(of: JSONPath("spec", "source", "backupId")) == 8)
        #expect(document.line(of: JSONPath("spec", "source", "location")) == 9)
        #expect(document.line(of: JSONPath("spec", "tables")) == 10)
        #expect(document.line(of: JSONPath("spec", "tables").appending(index: 1)) == 12)
        #expect(document.line(of: JSONPath("spec", "tables").appending(index: 1).appending("name")) == 12)
        #expect(document.line(of: JSONPath("spec", "restoreTimeout")) == 13)
        #expect(document.line(of: JSONPath("spec", "backoffLimit")) == 14)
        // Missing fields: the nearest present parent's key.
        #expect(document.line(of: JSONPath("spec", "source", "credentialsSecret", "name")) == 6)
        #expect(document.line(of: JSONPath("spec", "clusterRef")) == 5)
        #expect(document.line(of: JSONPath("spec", "tables").appending(index: 7)) == 10)
        #expect(document.line(of: JSONPath("metadata", "name", "deeper")) == 4)
        #expect(document.line(of: JSONPath("status", "phase")) == 1)
    }

    @Test func aliasedValuesAreReportedWhereTheAliasStands() throws {
        let text = "a: &x\n  k: 1\nb:\n  c: *x\nd: *x\n"
        let document = try #require(YAMLDecoder.parse(text).first)
        #expect(document.line(of: JSONPath("b", "c")) == 4)
        #expect(document.line(of: JSONPath("d")) == 5)
        #expect(document.line(of: JSONPath("d", "k")) == 2)
    }

    @Test func plainTextIsKeptForUnquotedNonStrings() throws {
        let text = "a: 20250115\nb: \"20250115\"\nc: yes\nd: 0x1F\ne: text\nf: ~\ng: !!int 3\nh: [1]\n"
        let document = try #require(YAMLDecoder.parse(text).first)
        #expect(document.plainText(at: JSONPath("a")) == "20250115")
        #expect(document.plainText(at: JSONPath("b")) == nil)
        #expect(document.plainText(at: JSONPath("c")) == "yes")
        #expect(document.plainText(at: JSONPath("d")) == "0x1F")
        #expect(document.plainText(at: JSONPath("e")) == nil)
        #expect(document.plainText(at: JSONPath("f")) == "~")
        #expect(document.plainText(at: JSONPath("g")) == nil)
        #expect(document.plainText(at: JSONPath("h")) == nil)
        #expect(document.plainText(at: JSONPath("h").appending(index: 0)) == "1")
        #expect(document.plainText(at: JSONPath("missing")) == nil)
    }
}
