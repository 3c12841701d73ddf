@testable import AdmissionRules
import FoundationEssentials
import JSONModel
import Testing

/// The AdmissionReview answer is written by hand for speed; it must stay byte for byte what the tree of
/// JSON values with Foundation's base64 produced before.
@Suite struct AdmissionReviewerAnswerTests {
    static let statuses: [JSONValue?] = [
        nil,
        KubernetesStatus.failureStatus(code: 400, reason: "BadRequest", message: "request.kind is \"v1, Kind=Pod\"\n"),
        KubernetesStatus.invalidStatus(
            name: "restore-\u{2028}latest",
            errors: [
                FieldError(path: JSONPath("spec", "backoffLimit"), kind: .invalid(-1, detail: "must be ≥ 0")),
                FieldError(path: JSONPath([.key("spec"), .key("tables"), .index(1)]), kind: .duplicate("users")),
            ]),
    ]

    /// Patch documents of every length modulo 3, so each base64 padding case is covered.
    static let patches: [JSONPatch] = [
        JSONPatch(),
        RestoreDefaulter().defaultingPatch(for: Fixtures.basic),
        JSONPatch(operations: [JSONPatchOperation(op: .add, path: JSONPath("spec", "restoreMode"), value: "a")]),
        JSONPatch(operations: [JSONPatchOperation(op: .add, path: JSONPath("spec", "restoreMode"), value: "ab")]),
        JSONPatch(operations: [JSONPatchOperation(op: .replace, path: JSONPath("metadata", "annotations", "a/b~c"), value: ["k": [1, "\t"]])]),
    ]

    static let warningLists: [[String]] = [
        [],
        ["spec.tables: none listed"],
        ["a \"quoted\" \\ warning", "tab\tand\u{01} control", "line\u{2029}separator", "ünïcödé ✓"],
    ]

    static let identities: [(apiVersion: String, uid: String)] = [
        ("admission.k8s.io/v1", "705ab4f5-6393-11e8-b7cc-42010a800002"),
        ("admission.k8s.io/v1beta1", "\"odd\\uid\"\n\u{2028}é"),
    ]

    /// The body as it was built before: a tree of values, Foundation's base64, then `JSONWriter`.
    static func treeBuiltBody(_ answer: AdmissionReviewer.Answer, apiVersion: String, uid: String) -> [UInt8] {
        var response = JSONObject()
        response["uid"] = .string(uid)
        response["allowed"] = .bool(answer.allowed)
        if let status = answer.status { response["status"] = status }
        if !answer.patch.isEmpty {
            response["patch"] = .string(Data(answer.patch.jsonBytes()).base64EncodedString())
            response["patchType"] = "JSONPatch"
        }
        if !answer.warnings.isEmpty { response["warnings"] = .array(answer.warnings.map(JSONValue.string)) }
        return JSONWriter.bytes(["apiVersion": .string(apiVersion), "kind": "AdmissionReview", "response": .object(response)])
    }

    @Test(arguments: statuses, patches)
    func bodyIsTheTreeBuiltBody(status: JSONValue?, patch: JSONPatch) {
        for warnings in Self.warningLists {
            for (apiVersion, uid) in Self.identities {
                var answer = AdmissionReviewer.Answer()
                answer.status = status
                answer.allowed = status == nil
                answer.patch = patch
                answer.warnings = warnings
                let body = answer.body(apiVersion: apiVersion, uid: uid)
                #expect(
                    String(decoding: body, as: UTF8.self)
                        == String(decoding: Self.treeBuiltBody(answer, apiVersion: apiVersion, uid: uid), as: UTF8.self))
            }
        }
    }

    @Test func allowedAnswerIsTheMinimalDocument() {
        let body = AdmissionReviewer.Answer().body(apiVersion: "admission.k8s.io/v1", uid: "u")
        #expect(
            String(decoding: body, as: UTF8.self)
                == #"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"u","allowed":true}}"#)
    }
}
