import AdmissionRules
import JSONModel
import Testing
import WebhookTestSupport

/// Whatever arrives, the reviewer answers or throws its typed error: never a trap, never work that grows
/// faster than the input, never a response that grows without bound.
@Suite struct HostileReviewTests {
    let reviewer = AdmissionReviewer(policy: AdmissionPolicy(), clusters: StubClusterDirectory(otherwise: .notFound))

    static func body(_ object: JSONValue, operation: String = "CREATE", oldObject: JSONValue? = nil) -> [UInt8] {
        AdmissionReviewTests.review(operation: operation, object: object, oldObject: oldObject)
    }

    /// Reviews `body` in both modes; the answer must parse and echo the uid.
    func survives(_ body: [UInt8]) throws {
        for mode in AdmissionMode.allCases {
            do {
                let outcome = try reviewer.review(body, mode: mode)
                let response = try JSONParser().parse(outcome.responseBody)
                #expect(response["response"]?["uid"] == .string(outcome.decision.uid))
            } catch is AdmissionReviewError {
                continue
            }
        }
    }

    /// Built on demand: a 10 MB argument would be printed whole in the test's description.
    static func unparsable(_ name: String) -> [UInt8] {
        let review = #"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"#
        switch name {
        case "too large": return [UInt8](repeating: UInt8(ascii: "["), count: 10 * 1024 * 1024)
        case "too deep": return [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        case "invalid UTF-8": return Array((review + "\"").utf8) + [0xFF, 0xFE] + Array("\"}}".utf8)
        case "lone surrogate": return Array((review + #""\ud800"}}"#).utf8)
        case "long number": return Array(#"{"apiVersion":"#.utf8) + [UInt8](repeating: UInt8(ascii: "9"), count: 10_000) + Array("}".utf8)
        case "trailing data": return Array(#"{"apiVersion":"admission.k8s.io/v1"} {}"#.utf8)
        default: return [0xEF, 0xBB, 0xBF] + Array("{}".utf8)
        }
    }

    @Test(arguments: ["too large", "too deep", "invalid UTF-8", "lone surrogate", "long number", "trailing data", "byte-order mark"])
    func unparsableBodiesAreJSONErrors(name: String) {
        let error = #expect(throws: AdmissionReviewError.self) { try reviewer.review(Self.unparsable(name), mode: .validate) }
        guard case .invalidJSON? = error?.kind else {
            Issue.record("\(name): \(String(describing: error))")
            return
        }
    }

    @Test func deeplyNestedSpecValuesAreTypeErrors() throws {
        var nested: JSONValue = "x"
        for _ in 0..<400 { nested = [nested] }
        let object = Fixtures.basic.setting(["spec", "tables"], to: [nested]).setting(["spec", "backoffLimit"], to: ["a": nested])
        let outcome = try reviewer.review(Self.body(object), mode: .validate)
        let response = try JSONParser().parse(outcome.responseBody)
        #expect(
            response["response"]?["status"]?["details"]?["causes"]?.arrayValue?.compactMap { $0["field"]?.stringValue }
                == ["spec.tables[0]", "spec.backoffLimit"])
        // And the same through UPDATE, where old and new specs are compared.
        try survives(Self.body(object, operation: "UPDATE", oldObject: object.setting(["status"], to: ["phase": "Running"])))
    }

    @Test func megabyteStringsAreReportedButNotEchoed() throws {
        let huge = String(repeating: "t", count: 1024 * 1024 - 16)
        let object = Fixtures.basic.setting(["spec", "tables"], to: [.string(huge), .string(huge + ",")])
            .setting(["spec", "source", "backupId"], to: .string(huge))
            .setting(["spec", huge], to: 1)
        let outcome = try reviewer.review(Self.body(object), mode: .validate)
        #expect(outcome.decision.allowed == false)
        #expect(outcome.responseBody.count < 8 * 1024)
    }

    @Test func manyUnknownFieldsGiveBoundedWarnings() throws {
        var spec = Fixtures.basic["spec"]?.objectValue ?? JSONObject()
        for index in 0..<50_000 { spec["unknown\(index)"] = .null }
        let outcome = try reviewer.review(Self.body(Fixtures.basic.setting(["spec"], to: .object(spec))), mode: .validate)
        #expect(outcome.decision.allowed)
        // Ten named, one "50000 - 10 more", and the directory's "not found".
        #expect(outcome.decision.warnings == 12)
    }

    @Test func controlCharactersInTheUIDAreEchoedSafely() throws {
        let body = AdmissionReviewTests.review { $0["uid"] = "a\u{0}\"\u{2028}b" }
        let outcome = try reviewer.review(body, mode: .validate)
        #expect(try JSONParser().parse(outcome.responseBody)["response"]?["uid"] == "a\u{0}\"\u{2028}b")
    }

    @Test func twentyThousandTablesWithADuplicateAtTheEndThroughTheReviewer() throws {
        var tables = (0..<20_000).map { JSONValue.string("table-\($0)") }
        tables.append("table-19999")
        let object = Fixtures.defaulted.setting(["spec", "tables"], to: .array(tables))
        let outcome = try reviewer.review(Self.body(object, operation: "UPDATE", oldObject: Fixtures.defaulted), mode: .validate)
        let status = try JSONParser().parse(outcome.responseBody)["response"]?["status"]
        #expect(status?["message"] == #"AntflyRestore.antfly.io "restore-latest" is invalid: spec.tables[20000]: Duplicate value: "table-19999""#)
    }

    /// Seeded damage: random members of a valid review replaced by random values, many times over.
    @Test(arguments: 0..<8)
    func randomlyDamagedReviewsNeverTrap(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let base = try JSONParser().parse(AdmissionReviewTests.review(operation: "UPDATE", oldObject: Fixtures.defaulted.setting(["status"], to: ["phase": "Running"])))
        for _ in 0..<300 {
            var damaged = base
            for _ in 0...random.next(below: 4) {
                damaged = damaged.damaged(using: &random)
            }
            try survives(JSONWriter.bytes(damaged))
        }
    }
}

extension JSONValue {
    /// A copy with one randomly chosen value somewhere inside replaced by a random value.
    func damaged(using random: inout SplitMix64) -> JSONValue {
        switch self {
        case .object(var object) where !object.isEmpty && random.next(below: 4) != 0:
            let key = object.keys[random.next(below: object.count)]
            object[key] = object[key]?.damaged(using: &random)
            return .object(object)
        case .array(var array) where !array.isEmpty && random.next(below: 4) != 0:
            let index = random.next(below: array.count)
            array[index] = array[index].damaged(using: &random)
            return .array(array)
        default:
            let replacements: [JSONValue] = [
                .null, true, 0, -1, 2_147_483_648, .number(JSONNumber(text: "3.5")), "", " ", "Running", "CREATE", "UPDATE",
                "DELETE", "s3://", "file:///x", "..", "overwrite", "2h", "0", [], [""], ["a", "a"], [:], ["phase": "Pending"],
                ["name": 1], .string(String(repeating: "x", count: 300)),
            ]
            return replacements[random.next(below: replacements.count)]
        }
    }
}
