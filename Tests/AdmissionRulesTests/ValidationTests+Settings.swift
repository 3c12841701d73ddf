@testable import AdmissionRules
import JSONModel
import Testing

/// SPEC §5 rules 7-10 and 13: tables, restoreMode, restoreTimeout, backoffLimit, unknown fields.
extension ValidationTests {
    // MARK: Rule 7: tables

    @Test(arguments: [
        JSONValue?.none, .null, [], ["users"], ["users", "orders", "Users"], ["名前"], ["a b"],
        [.string(String(repeating: "t", count: 255))],
    ] as [JSONValue?])
    func goodTableListsAreAdmitted(tables: JSONValue?) {
        #expect(validator.create(Fixtures.spec("tables", is: tables)).errors.isEmpty)
    }

    @Test(arguments: [
        (
            ["users", ""] as JSONValue,
            ["spec.tables[1]: Required value: table names must not be empty: the operator drops empty entries, so [\"\"] restores every table"]
        ),
        ([" users"], ["spec.tables[0]: Invalid value: \" users\": must not start or end with whitespace"]),
        (["users\t"], ["spec.tables[0]: Invalid value: \"users\\t\": must not start or end with whitespace"]),
        (["users,orders"], ["spec.tables[0]: Invalid value: \"users,orders\": must not contain ',': the operator passes the tables to its CLI joined by ','"]),
        (["us\u{1}ers"], ["spec.tables[0]: Invalid value: \"us\\x01ers\": must not contain control characters"]),
        (["us\u{85}ers"], ["spec.tables[0]: Invalid value: \"us\\u0085ers\": must not contain control characters"]),
        (
            [.string(String(repeating: "t", count: 256))],
            ["spec.tables[0]: Invalid value: \"\(String(repeating: "t", count: 256))\": must be no more than 255 characters"]
        ),
        (["users", "orders", "users"], ["spec.tables[2]: Duplicate value: \"users\""]),
        (["users", "users", "users"], ["spec.tables[1]: Duplicate value: \"users\"", "spec.tables[2]: Duplicate value: \"users\""]),
        (["users", 3, ["x"], .null], [
            "spec.tables[1]: Invalid value: 3: must be a string",
            "spec.tables[2]: Invalid value: \"array\": must be a string",
            "spec.tables[3]: Invalid value: null: must be a string",
        ]),
        ("users", ["spec.tables: Invalid value: \"users\": must be a list of table names, such as [\"users\"]"]),
        (["users": true], ["spec.tables: Invalid value: \"object\": must be a list of table names, such as [\"users\"]"]),
    ] as [(JSONValue, [String])])
    func badTableListsAreRejected(tables: JSONValue, expected: [String]) {
        #expect(validator.create(Fixtures.spec("tables", is: tables)).messages == expected)
    }

    @Test func canonicallyEquivalentTableNamesAreDifferentTables() {
        // Canonically equivalent spellings: equal as Swift Strings, different bytes for the operator.
        let result = validator.create(Fixtures.spec("tables", is: ["caf\u{E9}", "cafe\u{301}", "K", "\u{212A}", ";", "\u{37E}"]))
        #expect(result.errors.isEmpty)
        let repeated = validator.create(Fixtures.spec("tables", is: ["\u{212A}", "K", "\u{212A}", "cafe\u{301}", "cafe\u{301}"]))
        #expect(repeated.paths == ["spec.tables[2]", "spec.tables[4]"])
    }

    /// Table names are screened eight bytes at a time; a byte that needs the full check must be caught
    /// at every position of names around and across word boundaries, and duplicates found at every length.
    @Test func everyBadByteIsFoundAtEveryPositionOfATableName() {
        let verdicts: [(byte: String, message: String?)] = [
            ("\u{0}", "must not contain control characters"), ("\u{1F}", "must not contain control characters"),
            ("\u{7F}", "must not contain control characters"), ("\u{85}", "must not contain control characters"),
            (",", "must not contain ',': the operator passes the tables to its CLI joined by ','"),
            ("\u{E9}", nil), ("~", nil), ("\u{2028}", nil),
        ]
        for length in 2..<20 {
            for position in 1..<(length - 1) {
                for (byte, message) in verdicts {
                    var name = Array(repeating: "t", count: length)
                    name[position] = byte
                    let table = name.joined()
                    let result = validator.create(Fixtures.spec("tables", is: [.string(table), .string(table)]))
                    let first = result.errors.first { $0.path.description == "spec.tables[0]" }?.kind
                    let detail: String? = if case .invalid(_, let detail)? = first { detail } else { nil }
                    #expect(detail == message, "\(table.debugDescription)")
                    #expect(result.paths.contains("spec.tables[1]"), "duplicate \(table.debugDescription)")
                }
            }
        }
    }

    // MARK: Rule 8: restoreMode

    @Test(arguments: [JSONValue?.none, .null, "", "fail_if_exists", "skip_if_exists"] as [JSONValue?])
    func quietRestoreModesAreAdmitted(mode: JSONValue?) {
        let result = validator.create(Fixtures.spec("restoreMode", is: mode))
        #expect(result.errors.isEmpty)
        #expect(result.warnings.isEmpty)
    }

    @Test func overwriteOfListedTablesWarnsThatItIsDestructive() {
        let object = Fixtures.spec("restoreMode", is: "overwrite").setting(["spec", "tables"], to: ["users"])
        let result = validator.create(object)
        #expect(result.errors.isEmpty)
        #expect(result.warningTexts == ["spec.restoreMode: overwrite drops and recreates existing tables (destructive)"])
    }

    @Test(arguments: [JSONValue?.none, .null, []] as [JSONValue?])
    func overwriteOfAllTablesWarnsTwice(tables: JSONValue?) {
        let object = Fixtures.spec("restoreMode", is: "overwrite").setting(["spec", "tables"], to: tables)
        let result = validator.create(object)
        #expect(result.errors.isEmpty)
        #expect(
            result.warningTexts == [
                "spec.restoreMode: overwrite drops and recreates existing tables (destructive)",
                "spec.tables: none listed, so overwrite replaces every table of the cluster",
            ])
    }

    @Test(arguments: [
        (
            "Overwrite" as JSONValue,
            "spec.restoreMode: Unsupported value: \"Overwrite\": supported values: \"fail_if_exists\", \"skip_if_exists\", \"overwrite\""
        ),
        (
            "merge",
            "spec.restoreMode: Unsupported value: \"merge\": supported values: \"fail_if_exists\", \"skip_if_exists\", \"overwrite\""
        ),
        (
            " overwrite",
            "spec.restoreMode: Unsupported value: \" overwrite\": supported values: \"fail_if_exists\", \"skip_if_exists\", \"overwrite\""
        ),
        (1, "spec.restoreMode: Invalid value: 1: must be a string: one of \"fail_if_exists\", \"skip_if_exists\", \"overwrite\""),
        (["overwrite"], "spec.restoreMode: Invalid value: \"array\": must be a string: one of \"fail_if_exists\", \"skip_if_exists\", \"overwrite\""),
    ] as [(JSONValue, String)])
    func unsupportedRestoreModesAreListed(mode: JSONValue, expected: String) {
        let result = validator.create(Fixtures.spec("restoreMode", is: mode))
        #expect(result.messages == [expected])
        #expect(result.warnings.isEmpty)
    }

    @Test func unsupportedRestoreModeHasTheNotSupportedReason() {
        #expect(validator.create(Fixtures.spec("restoreMode", is: "merge")).reasons == ["FieldValueNotSupported"])
    }

    // MARK: Rule 9: restoreTimeout

    @Test(arguments: ["2h", "1h30m", "1.5h", "90m", "300s", "1s", "1000ms", "1000000us", "1000000µs", "1000000μs", "1000000000ns", "+8h", "1h0.5s", ".5h", "5.m"])
    func goodRestoreTimeoutsAreAdmitted(timeout: String) {
        #expect(validator.create(Fixtures.spec("restoreTimeout", is: .string(timeout))).errors.isEmpty)
    }

    static let durationSyntax = "must be a Go duration such as \"2h\", \"1h30m\", \"1.5h\" or \"90m\" (units ns, us, ms, s, m, h)"

    @Test(arguments: [
        ("", durationSyntax), ("2", durationSyntax), ("2 h", durationSyntax), ("2H", durationSyntax), ("2hours", durationSyntax),
        ("h", durationSyntax), (".h", durationSyntax), ("1d", durationSyntax), ("-", durationSyntax), ("2h-1m", durationSyntax),
        ("9223372036854775808ns", durationSyntax), ("2562048h", durationSyntax),
        ("999ms", "must be at least 1s"), ("0", "must be at least 1s"), ("-0", "must be at least 1s"), ("0s", "must be at least 1s"),
        ("-2h", "must be at least 1s"), ("0.999999999s", "must be at least 1s"),
    ])
    func badRestoreTimeoutsAreInvalid(timeout: String, detail: String) {
        let result = validator.create(Fixtures.spec("restoreTimeout", is: .string(timeout)))
        #expect(result.errors == [FieldError(path: JSONPath("spec", "restoreTimeout"), kind: .invalid(.string(timeout), detail: detail))])
    }

    @Test(arguments: [
        (7200 as JSONValue, "spec.restoreTimeout: Invalid value: 7200: must be a string: use a duration string such as \"2h\""),
        (Fixtures.number("1.5"), "spec.restoreTimeout: Invalid value: 1.5: must be a string: use a duration string such as \"2h\""),
        (true, "spec.restoreTimeout: Invalid value: true: must be a string: use a duration string such as \"2h\""),
        (["hours": 2], "spec.restoreTimeout: Invalid value: \"object\": must be a string: use a duration string such as \"2h\""),
    ] as [(JSONValue, String)])
    func numericRestoreTimeoutIsATypeErrorWithAHint(timeout: JSONValue, expected: String) {
        let result = validator.create(Fixtures.spec("restoreTimeout", is: timeout))
        #expect(result.messages == [expected])
        #expect(result.reasons == ["FieldValueTypeInvalid"])
    }

    // MARK: Rule 10: backoffLimit

    @Test(arguments: [0 as JSONValue, 3, 2_147_483_647, Fixtures.number("-0"), .null] as [JSONValue])
    func goodBackoffLimitsAreAdmitted(limit: JSONValue) {
        #expect(validator.create(Fixtures.spec("backoffLimit", is: limit)).errors.isEmpty)
    }

    @Test(arguments: [
        (-1 as JSONValue, "spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0", "FieldValueInvalid"),
        (2_147_483_648, "spec.backoffLimit: Invalid value: 2147483648: must be less than or equal to 2147483647", "FieldValueInvalid"),
        (
            Fixtures.number("99999999999999999999999"),
            "spec.backoffLimit: Invalid value: 99999999999999999999999: must be less than or equal to 2147483647", "FieldValueInvalid"
        ),
        (
            Fixtures.number("-99999999999999999999999"),
            "spec.backoffLimit: Invalid value: -99999999999999999999999: must be greater than or equal to 0", "FieldValueInvalid"
        ),
        ("3", "spec.backoffLimit: Invalid value: \"3\": must be an integer such as 3 (no quotes, no fraction)", "FieldValueTypeInvalid"),
        (Fixtures.number("3.5"), "spec.backoffLimit: Invalid value: 3.5: must be an integer such as 3 (no quotes, no fraction)", "FieldValueTypeInvalid"),
        (Fixtures.number("3.0"), "spec.backoffLimit: Invalid value: 3.0: must be an integer such as 3 (no quotes, no fraction)", "FieldValueTypeInvalid"),
        (Fixtures.number("1e2"), "spec.backoffLimit: Invalid value: 1e2: must be an integer such as 3 (no quotes, no fraction)", "FieldValueTypeInvalid"),
        (false, "spec.backoffLimit: Invalid value: false: must be an integer such as 3 (no quotes, no fraction)", "FieldValueTypeInvalid"),
        ([3], "spec.backoffLimit: Invalid value: \"array\": must be an integer such as 3 (no quotes, no fraction)", "FieldValueTypeInvalid"),
    ] as [(JSONValue, String, String)])
    func badBackoffLimitsAreRejected(limit: JSONValue, expected: String, reason: String) {
        let result = validator.create(Fixtures.spec("backoffLimit", is: limit))
        #expect(result.messages == [expected])
        #expect(result.reasons == [reason])
    }

    // MARK: Rule 13: unknown fields

    @Test(arguments: [
        (["spec", "restoreMod"], "spec.restoreMod: unknown field (did you mean restoreMode?); the operator ignores it"),
        (["spec", "table"], "spec.table: unknown field (did you mean tables?); the operator ignores it"),
        (["spec", "BackoffLimit"], "spec.BackoffLimit: unknown field (did you mean backoffLimit?); the operator ignores it"),
        (["spec", "schedule"], "spec.schedule: unknown field; the operator ignores it"),
        (["spec", "clusterRef", "nmae"], "spec.clusterRef.nmae: unknown field (did you mean name?); the operator ignores it"),
        (["spec", "source", "backupID"], "spec.source.backupID: unknown field (did you mean backupId?); the operator ignores it"),
        (["spec", "source", "credentialsSecret", "key"], "spec.source.credentialsSecret.key: unknown field; the operator ignores it"),
        (["spec", "ünknown\u{7}"], "spec.?nknown?: unknown field; the operator ignores it"),
    ])
    func unknownFieldsAreNamedInAWarning(keys: [String], expected: String) {
        let result = validator.create(Fixtures.basic.setting(keys, to: "x"))
        #expect(result.errors.isEmpty)
        #expect(result.warningTexts == [expected])
    }

    @Test func longUnknownFieldNamesAreShortened() {
        let key = String(repeating: "k", count: 500)
        let result = validator.create(Fixtures.spec(key, is: 1))
        #expect(result.warningTexts == ["spec.\(String(repeating: "k", count: 40))...: unknown field; the operator ignores it"])
    }

    @Test func manyUnknownFieldsAreCountedNotListed() {
        var object = Fixtures.basic
        for index in 0..<25 { object = object.setting(["spec", "extra\(index)"], to: .null) }
        let warnings = validator.create(object).warningTexts
        #expect(warnings.count == 11)
        #expect(warnings.first == "spec.extra0: unknown field; the operator ignores it")
        #expect(warnings.last == "spec: 15 more unknown fields; the operator ignores them")
    }

    // MARK: All at once

    @Test func everyErrorIsReportedInFieldOrder() {
        let object: JSONValue = [
            "metadata": ["name": .string(String(repeating: "n", count: 56)), "namespace": "production"],
            "spec": [
                "backoffLimit": -1,
                "restoreTimeout": "soon",
                "restoreMode": "merge",
                "tables": ["a", "a"],
                "source": ["backupId": "..", "location": "http://x", "credentialsSecret": ["name": "X"]],
                "clusterRef": ["name": "Bad", "namespace": "staging"],
            ],
        ]
        let result = validator.create(object)
        #expect(
            result.paths == [
                "metadata.name", "spec.clusterRef.name", "spec.clusterRef.namespace", "spec.source.backupId", "spec.source.location",
                "spec.source.credentialsSecret.name", "spec.tables[1]", "spec.restoreMode", "spec.restoreTimeout", "spec.backoffLimit",
            ])
        #expect(
            result.reasons == [
                "FieldValueInvalid", "FieldValueInvalid", "FieldValueForbidden", "FieldValueInvalid", "FieldValueInvalid",
                "FieldValueInvalid", "FieldValueDuplicate", "FieldValueNotSupported", "FieldValueInvalid", "FieldValueInvalid",
            ])
    }

    @Test func twentyThousandTablesWithADuplicateAtTheEndAreJudged() {
        var tables = (0..<20_000).map { JSONValue.string("table-\($0)") }
        tables.append("table-7")
        let result = validator.create(Fixtures.spec("tables", is: .array(tables)))
        #expect(result.messages == ["spec.tables[20000]: Duplicate value: \"table-7\""])
    }
}
