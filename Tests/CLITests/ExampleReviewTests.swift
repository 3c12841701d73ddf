import AdmissionRules
import Foundation
import JSONModel
import Testing

/// The AdmissionReview files in `examples/` are what the README tells a newcomer to send with curl,
/// so each must get the answer the README describes. They go through the same reviewer the server
/// uses, with the policy of a local `serve` (no API access, so no cluster lookup).
@Suite struct ExampleReviewTests {
    /// What one example must get back from each endpoint.
    struct Expectation: Sendable, CustomTestStringConvertible {
        let file: String
        var apiVersion = "admission.k8s.io/v1"
        /// The decoded JSON Patch from /mutate; nil when the answer must carry no patch.
        var patch: JSONValue?
        var allowed = true
        var warnings: [String] = []
        /// `field: reason` of each cause of a denial, in order.
        var causes: [String] = []
        var testDescription: String { file }
    }

    static let allDefaults: JSONValue = [
        ["op": "add", "path": "/spec/restoreMode", "value": "fail_if_exists"],
        ["op": "add", "path": "/spec/restoreTimeout", "value": "2h"],
        ["op": "add", "path": "/spec/backoffLimit", "value": 3],
    ]
    static let timeoutAndBackoff: JSONValue = [
        ["op": "add", "path": "/spec/restoreTimeout", "value": "2h"],
        ["op": "add", "path": "/spec/backoffLimit", "value": 3],
    ]
    static let overwriteWarning = "spec.restoreMode: overwrite drops and recreates existing tables (destructive)"

    static let expectations: [Expectation] = [
        Expectation(
            file: "good-restore.json",
            patch: [
                ["op": "add", "path": "/spec/restoreMode", "value": "fail_if_exists"],
                ["op": "add", "path": "/spec/backoffLimit", "value": 3],
            ]
        ),
        Expectation(file: "seed-basic-restore.json", patch: allDefaults),
        Expectation(file: "seed-restore-specific-tables.json", patch: timeoutAndBackoff, warnings: [overwriteWarning]),
        Expectation(file: "seed-restore-skip-mode.json", patch: timeoutAndBackoff),
        Expectation(
            file: "seed-cross-namespace-restore.json",
            patch: timeoutAndBackoff,
            warnings: [overwriteWarning, "spec.tables: none listed, so overwrite replaces every table of the cluster"]
        ),
        Expectation(file: "seed-gcs-restore.json", patch: allDefaults),
        Expectation(
            file: "seed-long-running-restore.json",
            patch: [["op": "add", "path": "/spec/restoreMode", "value": "fail_if_exists"]]
        ),
        Expectation(
            file: "bad-restore.json",
            allowed: false,
            causes: [
                "spec.source.backupId: FieldValueInvalid", "spec.source.backupId: FieldValueInvalid",
                "spec.source.location: FieldValueInvalid", "spec.tables[1]: FieldValueDuplicate",
                "spec.restoreMode: FieldValueNotSupported", "spec.restoreTimeout: FieldValueTypeInvalid",
                "spec.backoffLimit: FieldValueInvalid",
            ]
        ),
        Expectation(
            file: "cross-namespace-denied.json",
            patch: allDefaults,
            allowed: false,
            causes: ["spec.clusterRef.namespace: FieldValueForbidden"]
        ),
        Expectation(file: "update-running-restore.json", allowed: false, causes: ["spec: FieldValueForbidden"]),
        Expectation(file: "v1beta1-restore.json", apiVersion: "admission.k8s.io/v1beta1", patch: allDefaults),
    ]

    static let reviewer = AdmissionReviewer(policy: AdmissionPolicy(clusterCheck: .off), clusters: OfflineClusterDirectory())

    static func request(_ file: String) throws -> [UInt8] {
        Array(try Data(contentsOf: RenderedManifests.packageRoot.appendingPathComponent("examples/\(file)")))
    }

    static func answer(_ file: String, mode: AdmissionMode) throws -> JSONValue {
        try JSONParser().parse(try reviewer.review(try request(file), mode: mode).responseBody)
    }

    @Test func everyExampleIsCovered() throws {
        let directory = RenderedManifests.packageRoot.appendingPathComponent("examples").path
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }
        #expect(files.sorted() == Self.expectations.map(\.file).sorted())
    }

    @Test(arguments: expectations)
    func mutateAnswersWithTheDocumentedPatch(_ expectation: Expectation) throws {
        let review = try Self.answer(expectation.file, mode: .mutate)
        #expect(review["apiVersion"] == .string(expectation.apiVersion))
        #expect(review["kind"] == "AdmissionReview")
        let response = try #require(review["response"])
        #expect(response["allowed"] == true, "defaulting never denies")
        let patch = try response["patch"]?.stringValue.map { encoded in
            let bytes = try #require(Data(base64Encoded: encoded), "the patch is base64")
            return try JSONParser().parse(Array(bytes))
        }
        #expect(patch == expectation.patch)
        #expect(response["patchType"] == (expectation.patch == nil ? nil : "JSONPatch"))
    }

    @Test(arguments: expectations)
    func validateAnswersAsDocumented(_ expectation: Expectation) throws {
        let review = try Self.answer(expectation.file, mode: .validate)
        #expect(review["apiVersion"] == .string(expectation.apiVersion))
        let response = try #require(review["response"])
        let sent = try JSONParser().parse(try Self.request(expectation.file))
        #expect(response["uid"] == sent["request"]?["uid"])
        #expect(response["allowed"] == .bool(expectation.allowed))
        #expect(response["patch"] == nil)
        #expect((response["warnings"]?.arrayValue ?? []).compactMap(\.stringValue) == expectation.warnings)
        let causes = response["status"]?["details"]?["causes"]?.arrayValue ?? []
        #expect(causes.map { "\($0["field"]?.stringValue ?? "?"): \($0["reason"]?.stringValue ?? "?")" } == expectation.causes)
        if !expectation.allowed {
            #expect(response["status"]?["code"] == 422)
            #expect(response["status"]?["reason"] == "Invalid")
        }
    }
}
