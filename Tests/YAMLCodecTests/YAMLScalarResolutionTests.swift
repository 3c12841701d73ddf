import JSONModel
import Testing
import YAMLCodec

/// Scalars resolve as kubectl (sigs.k8s.io/yaml over go-yaml v2) reads them.
@Suite struct YAMLScalarResolutionTests {
    /// The value of `v` in the one-line document `v: <scalar>`.
    private func value(_ scalar: String) throws -> JSONValue? {
        try YAMLDecoder.parse("v: \(scalar)\n").first?.value["v"]
    }

    @Test(arguments: [
        ("\"3\"", "3"), ("'3'", "3"), ("\"true\"", "true"), ("'yes'", "yes"), ("\"~\"", "~"), ("\"\"", ""),
        ("abc", "abc"), ("s3://bucket/path", "s3://bucket/path"), ("2h", "2h"), ("1h30m", "1h30m"),
        ("backup-20250115", "backup-20250115"), ("2025-01-15", "2025-01-15"), ("2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00"),
        ("yesterday", "yesterday"), ("Yes please", "Yes please"), ("tRUE", "tRUE"), ("nULL", "nULL"),
        ("!!str 3", "3"), ("!!str true", "true"), ("! 3", "3"), ("!custom 3", "3"),
        ("1.2.3", "1.2.3"), ("0x", "0x"), ("0xG", "0xG"), ("1e400", "1e400"), ("_1", "_1"), ("-x", "-x"),
        ("Infinity", "Infinity"), ("NaN", "NaN"), ("+", "+"), ("0b102", "0b102"), ("! yes", "yes"), ("a\"b", "a\"b"),
    ])
    func stringsStayStrings(_ scalar: String, _ expected: String) throws {
        #expect(try value(scalar) == .string(expected))
    }

    @Test(arguments: [
        ("3", "3"), ("-3", "-3"), ("+3", "3"), ("0", "0"), ("-0", "0"), ("20250115", "20250115"),
        ("1_000", "1000"), ("0x1F", "31"), ("0X1f", "31"), ("-0x1F", "-31"), ("017", "15"), ("0o17", "15"),
        ("0O17", "15"), ("0b101", "5"), ("-0b101", "-5"), ("9223372036854775807", "9223372036854775807"),
        ("-9223372036854775808", "-9223372036854775808"), ("18446744073709551615", "18446744073709551615"),
        ("0xFFFFFFFFFFFFFFFF", "18446744073709551615"), ("!!int 3", "3"), ("!!int \"3\"", "3"),
    ])
    func integersAreWrittenInDecimal(_ scalar: String, _ expected: String) throws {
        #expect(try value(scalar) == .number(JSONNumber(text: expected)))
    }

    @Test(arguments: [
        ("3.5", "3.5"), ("3.0", "3"), ("3.", "3"), (".5", "0.5"), ("-.5", "-0.5"), ("+1.5", "1.5"), ("1e2", "100"),
        ("1E+2", "100"), ("1.5e-3", "0.0015"), ("1e21", "1e+21"), ("1.5e-7", "1.5e-7"), ("1e-10", "1e-10"),
        ("08", "8"), ("09.5", "9.5"), ("99999999999999999999", "100000000000000000000"), ("-0.0", "-0"),
        ("1_000.5", "1000.5"), (".5_5", "0.55"), ("!!float 3", "3"), ("!!float 2.5", "2.5"),
        ("12345678.9", "12345678.9"), ("0.000001", "0.000001"), ("123456789012345678901234567890", "1.2345678901234568e+29"),
    ])
    func floatsAreWrittenAsEncodingJSONDoes(_ scalar: String, _ expected: String) throws {
        #expect(try value(scalar) == .number(JSONNumber(text: expected)))
    }

    @Test(arguments: [
        ("true", true), ("True", true), ("TRUE", true), ("false", false), ("False", false), ("FALSE", false),
        ("yes", true), ("Yes", true), ("YES", true), ("y", true), ("Y", true), ("on", true), ("On", true), ("ON", true),
        ("no", false), ("No", false), ("NO", false), ("n", false), ("N", false), ("off", false), ("Off", false), ("OFF", false),
        ("!!bool yes", true),
    ])
    func yaml11WordsAreBooleans(_ scalar: String, _ expected: Bool) throws {
        #expect(try value(scalar) == .bool(expected))
    }

    @Test(arguments: ["null", "Null", "NULL", "~", "", "!!null ~", "!!null \"\""])
    func nullWordsAndEmptyAreNull(_ scalar: String) throws {
        #expect(try value(scalar) == .null)
    }

    @Test func blockScalarsAreStrings() throws {
        let documents = try YAMLDecoder.parse("a: |\n  3\nb: >-\n  yes\n  no\n")
        #expect(documents.first?.value == ["a": "3\n", "b": "yes no"])
    }

    @Test(arguments: [".inf", "-.Inf", "+.INF", ".nan", "!!float .inf"])
    func infinityAndNaNAreErrors(_ scalar: String) {
        let error = #expect(throws: YAMLError.self) { try YAMLDecoder.parse("a: 1\nv: \(scalar)\n") }
        #expect(error?.kind == .nonFiniteNumber(String(scalar.split(separator: " ").last ?? "")))
        #expect(error?.line == 2)
        #expect(error?.column == 4)
    }

    @Test(arguments: [
        ("!!int abc", YAMLError.Kind.tagMismatch(value: "abc", resolved: "!!str", tag: "!!int")),
        ("!!bool 3", .tagMismatch(value: "3", resolved: "!!int", tag: "!!bool")),
        ("!!null x", .tagMismatch(value: "x", resolved: "!!str", tag: "!!null")),
        ("!!timestamp 3", .tagMismatch(value: "3", resolved: "!!int", tag: "!!timestamp")),
        ("!!binary aGk=", .binaryUnsupported),
    ])
    func explicitTagsMustFit(_ scalar: String, _ kind: YAMLError.Kind) {
        let error = #expect(throws: YAMLError.self) { try YAMLDecoder.parse("v: \(scalar)\n") }
        #expect(error?.kind == kind)
    }

    @Test func timestampTagKeepsTheText() throws {
        #expect(try value("!!timestamp 2025-01-15") == .string("2025-01-15"))
    }

    @Test(arguments: [
        ("1: a", "1"), ("0x10: a", "16"), ("yes: a", "true"), ("on: a", "true"), ("n: a", "false"), ("1.5: a", "1.5"),
        ("1e6: a", "1e+06"), ("1e-5: a", "1e-05"), (".inf: a", ".inf"), ("-.inf: a", "-.inf"), ("100.0: a", "100"),
        ("0.1: a", "0.1"), ("\"yes\": a", "yes"), ("2025-01-15: a", "2025-01-15"), ("!!str 1: a", "1"),
    ])
    func keysAreStringifiedAsSigsYAMLDoes(_ line: String, _ key: String) throws {
        let object = try #require(YAMLDecoder.parse(line + "\n").first?.value.objectValue)
        #expect(object.keys == [key])
    }

    @Test(arguments: [
        ("~: a", "null"), ("null: a", "null"), ("? \n: a", "null"), ("18446744073709551615: a", "the integer 18446744073709551615, beyond the signed 64-bit range"),
        ("? [a]\n: b", "a sequence"), ("? {a: 1}\n: b", "a mapping"), ("x: &k ~\n*k : b", "null"),
    ])
    func keysJSONCannotHaveAreErrors(_ text: String, _ description: String) {
        let error = #expect(throws: YAMLError.self) { try YAMLDecoder.parse(text + "\n") }
        #expect(error?.kind == .unsupportedKey(description))
    }
}
