@testable import AdmissionRules
import FoundationEssentials
import JSONModel
import Testing

/// SPEC §4: the defaulting patch.
@Suite struct DefaultingTests {
    let defaulter = RestoreDefaulter()

    @Test func missingFieldsAreAdded() {
        let patch = defaulter.defaultingPatch(for: Fixtures.basic)
        #expect(
            patch.operations == [
                JSONPatchOperation(op: .add, path: JSONPath("spec", "restoreMode"), value: "fail_if_exists"),
                JSONPatchOperation(op: .add, path: JSONPath("spec", "restoreTimeout"), value: "2h"),
                JSONPatchOperation(op: .add, path: JSONPath("spec", "backoffLimit"), value: 3),
            ])
        #expect(
            String(decoding: patch.jsonBytes(), as: UTF8.self)
                == #"[{"op":"add","path":"/spec/restoreMode","value":"fail_if_exists"},{"op":"add","path":"/spec/restoreTimeout","value":"2h"},{"op":"add","path":"/spec/backoffLimit","value":3}]"#
        )
    }

    /// Each row: the field, the value sent (`nil` = absent), and the operation expected (`nil` = none).
    @Test(arguments: [
        ("restoreMode", JSONValue?.none, JSONPatchOperation.Operation?.some(.add), "fail_if_exists" as JSONValue),
        ("restoreMode", .null, .replace, "fail_if_exists"),
        ("restoreMode", "", .replace, "fail_if_exists"),
        ("restoreMode", "overwrite", nil, .null),
        ("restoreMode", "merge", nil, .null),
        ("restoreMode", 1, nil, .null),
        ("restoreTimeout", nil, .add, "2h"),
        ("restoreTimeout", .null, .replace, "2h"),
        ("restoreTimeout", "", nil, .null),
        ("restoreTimeout", "8h", nil, .null),
        ("restoreTimeout", 7200, nil, .null),
        ("backoffLimit", nil, .add, 3),
        ("backoffLimit", .null, .replace, 3),
        ("backoffLimit", 0, nil, .null),
        ("backoffLimit", -1, nil, .null),
        ("backoffLimit", "3", nil, .null),
        ("backoffLimit", Fixtures.number("3.5"), nil, .null),
    ] as [(String, JSONValue?, JSONPatchOperation.Operation?, JSONValue)])
    func eachFieldIsDefaultedOnlyWhenUnset(field: String, sent: JSONValue?, op: JSONPatchOperation.Operation?, value: JSONValue) {
        let object = Fixtures.defaulted.setting(["spec", field], to: sent)
        let operations = defaulter.defaultingPatch(for: object).operations
        if let op {
            #expect(operations == [JSONPatchOperation(op: op, path: JSONPath("spec", field), value: value)])
        } else {
            #expect(operations.isEmpty)
        }
    }

    @Test(arguments: [
        Fixtures.basic.setting(["spec"], to: nil), Fixtures.basic.setting(["spec"], to: .null),
        Fixtures.basic.setting(["spec"], to: "spec"), Fixtures.basic.setting(["spec"], to: [["restoreMode": "x"]]),
        .null, "not an object", [1, 2, 3],
    ] as [JSONValue])
    func missingOrMalformedSpecGetsNoPatch(object: JSONValue) {
        #expect(defaulter.defaultingPatch(for: object).isEmpty)
    }

    /// The patches are made once, one per combination (`RestoreDefaults.patch(for:)`): each of the 27 must
    /// be the operations the three fields ask for, in order, with its base64 text the encoding of its JSON.
    @Test(arguments: 0..<27)
    func everyCombinationOfUnsetFieldsGetsItsOwnPatch(combination: Int) {
        let defaults: [(field: String, value: JSONValue)] = [("restoreMode", "fail_if_exists"), ("restoreTimeout", "2h"), ("backoffLimit", 3)]
        var object = Fixtures.defaulted
        var expected: [JSONPatchOperation] = []
        var rest = combination
        for (field, value) in defaults {
            switch rest % 3 {
            case 1:
                object = object.setting(["spec", field], to: nil)
                expected.append(JSONPatchOperation(op: .add, path: JSONPath("spec", field), value: value))
            case 2:
                object = object.setting(["spec", field], to: .null)
                expected.append(JSONPatchOperation(op: .replace, path: JSONPath("spec", field), value: value))
            default:
                break
            }
            rest /= 3
        }
        let patch = defaulter.defaultingPatch(for: object)
        #expect(patch.operations == expected)
        #expect(String(decoding: patch.base64, as: UTF8.self) == (expected.isEmpty ? "" : Data(patch.jsonBytes()).base64EncodedString()))
    }

    @Test func completeRestoreGetsNoPatch() {
        #expect(defaulter.defaultingPatch(for: Fixtures.defaulted).isEmpty)
    }

    @Test(arguments: RestoreExamples.all.map(\.object))
    func defaultingIsIdempotent(object: JSONValue) throws {
        let once = try defaulter.defaultingPatch(for: object).applied(to: object)
        #expect(defaulter.defaultingPatch(for: once).isEmpty)
    }

    @Test func unknownFieldsAndOrderSurvive() throws {
        let object: JSONValue = [
            "apiVersion": "antfly.io/v1", "kind": "AntflyRestore",
            "metadata": ["name": "r", "annotations": ["a": "b"], "finalizers": ["x"]],
            "spec": [
                "zeta": ["nested": [1, 2, ["deep": .null]]], "restoreMode": .null, "clusterRef": ["name": "c", "extra": true],
                "source": "not even an object", "restoreMod": "overwrite",
            ],
            "status": ["phase": "Pending"], "unknownTopLevel": 1,
        ]
        let defaulted = try defaulter.defaultingPatch(for: object).applied(to: object)
        #expect(defaulted["spec"]?.objectValue?.keys == ["zeta", "restoreMode", "clusterRef", "source", "restoreMod", "restoreTimeout", "backoffLimit"])
        #expect(defaulted.setting(["spec", "restoreMode"], to: .null).setting(["spec", "restoreTimeout"], to: nil).setting(["spec", "backoffLimit"], to: nil) == object)
        #expect(defaulted["spec"]?["restoreMode"] == "fail_if_exists")
    }
}

/// `JSONPatch.applied(to:)`, which the `check` command uses to print defaulted manifests.
@Suite struct JSONPatchTests {
    @Test func replaceOfAMissingMemberFails() {
        let patch = JSONPatch(operations: [JSONPatchOperation(op: .replace, path: JSONPath("spec", "x"), value: 1)])
        #expect(throws: JSONPatchError(operationIndex: 0, pointer: "/spec/x", problem: "member \"x\" does not exist")) {
            try patch.applied(to: ["spec": [:]])
        }
    }

    @Test func addUnderAMissingParentFails() {
        let patch = JSONPatch(operations: [
            JSONPatchOperation(op: .add, path: JSONPath("a"), value: 1),
            JSONPatchOperation(op: .add, path: JSONPath("spec", "x"), value: 1),
        ])
        #expect(throws: JSONPatchError(operationIndex: 1, pointer: "/spec/x", problem: "member \"spec\" does not exist")) {
            try patch.applied(to: [:])
        }
    }

    @Test func addIntoAScalarFails() {
        let patch = JSONPatch(operations: [JSONPatchOperation(op: .add, path: JSONPath("spec", "x"), value: 1)])
        #expect(throws: JSONPatchError(operationIndex: 0, pointer: "/spec/x", problem: "the parent is string, not an object")) {
            try patch.applied(to: ["spec": "s"])
        }
    }

    @Test func arrayElementsAreInsertedAndReplaced() throws {
        let path = JSONPath([.key("t"), .index(1)])
        let document: JSONValue = ["t": ["a", "c"]]
        #expect(try JSONPatch(operations: [JSONPatchOperation(op: .add, path: path, value: "b")]).applied(to: document) == ["t": ["a", "b", "c"]])
        #expect(try JSONPatch(operations: [JSONPatchOperation(op: .replace, path: path, value: "b")]).applied(to: document) == ["t": ["a", "b"]])
        #expect(throws: JSONPatchError.self) {
            try JSONPatch(operations: [JSONPatchOperation(op: .replace, path: JSONPath([.key("t"), .index(2)]), value: 1)]).applied(to: document)
        }
    }

    @Test func pointersEscapeTildeAndSlash() {
        let operation = JSONPatchOperation(op: .add, path: JSONPath("metadata", "annotations", "a/b~c"), value: "v")
        #expect(String(decoding: operation.json, as: UTF8.self) == #"{"op":"add","path":"/metadata/annotations/a~1b~0c","value":"v"}"#)
    }

    /// The patch text is written by hand; it must be what `JSONWriter` makes of the same document as values.
    @Test func patchTextIsTheWriterOutputOfThePatchDocument() {
        let operations = [
            JSONPatchOperation(op: .add, path: JSONPath("spec", "restoreMode"), value: "fail_if_exists"),
            JSONPatchOperation(op: .replace, path: JSONPath([.key("spec"), .key("tables"), .index(1)]), value: "a \"b\"\n\u{2028}"),
            JSONPatchOperation(op: .add, path: JSONPath("metadata", "annotations", "a/b~c \"é\""), value: ["k": [1, .null, true, ["x": .number(JSONNumber(text: "2.5e-1"))]]]),
            JSONPatchOperation(op: .replace, path: JSONPath(), value: []),
        ]
        for count in 0...operations.count {
            let patch = JSONPatch(operations: Array(operations.prefix(count)))
            let document = JSONValue.array(
                patch.operations.map { ["op": .string($0.op.rawValue), "path": .string($0.path.jsonPointer), "value": $0.value] })
            #expect(String(decoding: patch.jsonBytes(), as: UTF8.self) == JSONWriter.string(document))
        }
    }
}
