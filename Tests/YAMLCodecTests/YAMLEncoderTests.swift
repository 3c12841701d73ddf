import JSONModel
import Testing
import YAMLCodec

@Suite struct YAMLEncoderTests {
    @Test func writesBlockYAMLInKeyOrder() {
        let restore: JSONValue = [
            "apiVersion": "antfly.io/v1", "kind": "AntflyRestore",
            "metadata": ["name": "restore-latest", "namespace": "production"],
            "spec": [
                "source": ["backupId": "backup-20250115-020000", "location": "s3://my-bucket/antfly-backups"],
                "clusterRef": ["name": "my-cluster"],
                "tables": ["users", "orders"],
                "restoreMode": "fail_if_exists", "restoreTimeout": "2h", "backoffLimit": 3,
                "empty": [:], "none": [],
            ],
        ]
        #expect(YAMLEncoder.encode(restore) == """
            apiVersion: antfly.io/v1
            kind: AntflyRestore
            metadata:
              name: restore-latest
              namespace: production
            spec:
              source:
                backupId: backup-20250115-020000
                location: s3://my-bucket/antfly-backups
              clusterRef:
                name: my-cluster
              tables:
              - users
              - orders
              restoreMode: fail_if_exists
              restoreTimeout: 2h
              backoffLimit: 3
              empty: {}
              none: []

            """)
    }

    @Test func separatesDocumentsWithMarkers() {
        #expect(YAMLEncoder.encode([["a": 1], ["b": [["c": 2, "d": [1, [2, 3]]]]], "text", [], .null]) == """
            a: 1
            ---
            b:
            - c: 2
              d:
              - 1
              - - 2
                - 3
            ---
            text
            ---
            []
            ---
            null

            """)
        #expect(YAMLEncoder.encode([]) == "")
    }

    @Test(arguments: [
        "yes", "no", "on", "off", "y", "N", "true", "False", "null", "~", "", "3", "-3", "3.5", "0x1F", "017", "1e3",
        ".inf", ".5", "1_000", " lead", "trail ", "a: b", "a #b", "ends:", "- x", "-", "? x", ": x", "#x", "&a", "*a",
        "!t", "|x", ">x", "'x", "\"x", "%x", "@x", "`x", "[x", "]x", "{x", "}x", ",x", "---", "--- x", "...", "<<",
        "tab\there", "line\nbreak", "cr\rx", "nul\u{0}x", "bell\u{7}", "del\u{7F}", "nel\u{85}x", "ls\u{2028}x",
        "bom\u{FEFF}", "\u{1B}[31m", "\"quoted\"", "\n\nleading", " \nx", "x\r\ny",
    ])
    func stringsThatWouldChangeMeaningAreQuoted(_ string: String) throws {
        let encoded = YAMLEncoder.encode(["v": .string(string)])
        #expect(encoded.hasPrefix("v: \"") || encoded.hasPrefix("v: |"), "\(encoded)")
        #expect(try YAMLDecoder.parse(encoded).first?.value == ["v": .string(string)])
    }

    @Test(arguments: [
        "plain", "s3://my-bucket/antfly-backups", "2h", "backup-20250115-020000", "a-b", "-x", "?x", ":x", "a:b",
        "a#b", "x#y", "µs", "日本語", "emoji 🚀", "1.2.3", "yesterday", "Infinity", "2025-01-15",
        "C:\\path", "a, b", "x [not flow]", "say \"hi\"", "back\\slash",
    ])
    func ordinaryStringsArePlain(_ string: String) throws {
        let encoded = YAMLEncoder.encode(["v": .string(string)])
        #expect(encoded == "v: \(string)\n")
        #expect(try YAMLDecoder.parse(encoded).first?.value == ["v": .string(string)])
    }

    @Test func keysAreQuotedLikeValues() throws {
        let value: JSONValue = ["yes": 1, "1": 2, "1.0": 3, "": 4, "a: b": 5, "<<": 6, "plain": 7, "multi\nline": 8]
        let encoded = YAMLEncoder.encode(value)
        #expect(encoded.contains("\"yes\": 1\n"))
        #expect(encoded.contains("\"<<\": 6\n"))
        #expect(encoded.contains("plain: 7\n"))
        #expect(encoded.contains("\"multi\\nline\": 8\n"))
        #expect(try YAMLDecoder.parse(encoded).first?.value == value)
    }

    @Test func longKeysAreWrittenAsExplicitKeys() throws {
        let key = String(repeating: "k", count: 2000)
        let value: JSONValue = .object(JSONObject([
            .init(key: key, value: ["a": 1]), .init(key: key + "2", value: ["x", "y"]), .init(key: key + "3", value: "v"),
        ]))
        let encoded = YAMLEncoder.encode(value)
        #expect(encoded.hasPrefix("? kkk"))
        #expect(try YAMLDecoder.parse(encoded).first?.value == value)
    }

    @Test(arguments: [
        "line one\nline two", "ends with newline\n", "two final\n\n", "three\n\n\n", "inner\n\nblank", "  indented\nsecond",
        "first\n  indented second", "tab\tinside\nx", "trailing spaces   \nx", "x\n   ", "x\n---\n...\n# not a comment",
        "key: value\n- item", "unicode ü\n日本", "\t\ttabs first\nx",
    ])
    func multiLineStringsRoundTrip(_ string: String) throws {
        let nested: JSONValue = ["a": ["b": .string(string)], "list": [.string(string), [.string(string)]]]
        let encoded = YAMLEncoder.encode([nested, .string(string)])
        let documents = try YAMLDecoder.parse(encoded)
        #expect(documents.map(\.value) == [nested, .string(string)], "\(encoded)")
    }

    @Test func ordinaryMultiLineTextIsALiteralBlock() {
        #expect(YAMLEncoder.encode(["script": "echo a\necho b\n", "list": ["x\ny"]]) == """
            script: |
              echo a
              echo b
            list:
            - |-
              x
              y

            """)
    }

    @Test func decodedManifestsRoundTrip() throws {
        let text = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: antfly.io/v1
              kind: AntflyRestore
              metadata: {name: "yes", labels: {"on": "off", app: restore}}
              spec:
                source: {backupId: "20250115", location: "s3://b/p"}
                tables: ["", " x", "a,b", "#c", null, 1, 2.5, true]
                backoffLimit: 0x1F
                nested: [[[]], [{}], {a: [1e21, -0.0]}]
            - apiVersion: v1
              kind: ConfigMap
              data:
                script: |
                  #!/bin/sh
                  echo "hi"
            """
        let value = try #require(YAMLDecoder.parse(text).first?.value)
        let encoded = YAMLEncoder.encode(value)
        #expect(try YAMLDecoder.parse(encoded).first?.value == value, "\(encoded)")
    }
}
