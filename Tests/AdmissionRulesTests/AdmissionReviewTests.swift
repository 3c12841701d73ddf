import AdmissionRules
import FoundationEssentials
import JSONModel
import Testing

/// SPEC §3: AdmissionReview in, AdmissionReview out.
@Suite struct AdmissionReviewTests {
    let reviewer = AdmissionReviewer(policy: AdmissionPolicy(), clusters: StubClusterDirectory())

    static func review(
        apiVersion: String = "admission.k8s.io/v1", operation: String = "CREATE", object: JSONValue? = Fixtures.basic,
        oldObject: JSONValue? = nil, changes: (inout JSONObject) -> Void = { _ in }
    ) -> [UInt8] {
        let base: JSONValue = [
            "uid": "705ab4f5-6393-11e8-b7cc-42010a800002",
            "kind": ["group": "antfly.io", "version": "v1", "kind": "AntflyRestore"],
            "resource": ["group": "antfly.io", "version": "v1", "resource": "antflyrestores"],
            "name": "restore-latest", "namespace": "production", "operation": .string(operation),
            "userInfo": ["username": "alice@example.com", "groups": ["system:authenticated"]],
            "dryRun": false,
        ]
        var request = base.objectValue ?? JSONObject()
        if let object { request["object"] = object }
        if let oldObject { request["oldObject"] = oldObject }
        changes(&request)
        return JSONWriter.bytes(["apiVersion": .string(apiVersion), "kind": "AdmissionReview", "request": .object(request)])
    }

    func answer(_ body: [UInt8], mode: AdmissionMode) throws -> (response: JSONValue, outcome: AdmissionOutcome) {
        let outcome = try reviewer.review(body, mode: mode)
        let document = try JSONParser().parse(outcome.responseBody)
        return (document, outcome)
    }

    static func decodedPatch(_ response: JSONValue) throws -> JSONValue {
        let text = try #require(response["response"]?["patch"]?.stringValue)
        let bytes = try #require(Data(base64Encoded: text))
        return try JSONParser().parse(Array(bytes))
    }

    // MARK: Versions and identity

    @Test(arguments: ["admission.k8s.io/v1", "admission.k8s.io/v1beta1"], AdmissionMode.allCases)
    func answerIsInTheVersionAskedWithTheSameUID(apiVersion: String, mode: AdmissionMode) throws {
        let (response, _) = try answer(Self.review(apiVersion: apiVersion), mode: mode)
        #expect(response["apiVersion"] == .string(apiVersion))
        #expect(response["kind"] == "AdmissionReview")
        #expect(response["response"]?["uid"] == "705ab4f5-6393-11e8-b7cc-42010a800002")
        #expect(response["response"]?["allowed"] == true)
    }

    @Test func mutationAnswersWithABase64JSONPatch() throws {
        let (response, outcome) = try answer(Self.review(), mode: .mutate)
        #expect(response["response"]?["patchType"] == "JSONPatch")
        #expect(
            try Self.decodedPatch(response) == [
                ["op": "add", "path": "/spec/restoreMode", "value": "fail_if_exists"],
                ["op": "add", "path": "/spec/restoreTimeout", "value": "2h"],
                ["op": "add", "path": "/spec/backoffLimit", "value": 3],
            ])
        #expect(
            outcome.decision
                == AdmissionDecision(
                    uid: "705ab4f5-6393-11e8-b7cc-42010a800002", operation: "CREATE", namespace: "production", name: "restore-latest",
                    user: "alice@example.com", allowed: true, code: 200, patchOperations: 3, warnings: 0))
    }

    @Test func completeRestoreIsAnsweredWithoutAPatch() throws {
        let (response, outcome) = try answer(Self.review(object: Fixtures.defaulted), mode: .mutate)
        let body = String(decoding: outcome.responseBody, as: UTF8.self)
        #expect(body == #"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002","allowed":true}}"#)
        #expect(response["response"]?["patch"] == nil)
    }

    @Test(arguments: [Fixtures.basic.setting(["spec"], to: nil), Fixtures.basic.setting(["spec"], to: [1])])
    func restoreWithoutASpecObjectIsAllowedUnpatched(object: JSONValue) throws {
        let (response, outcome) = try answer(Self.review(object: object), mode: .mutate)
        #expect(response["response"]?["allowed"] == true)
        #expect(response["response"]?["patch"] == nil)
        #expect(outcome.decision.patchOperations == 0)
    }

    @Test func updateIsDefaultedToo() throws {
        let (response, _) = try answer(Self.review(operation: "UPDATE", oldObject: Fixtures.defaulted), mode: .mutate)
        #expect(try Self.decodedPatch(response).arrayValue?.count == 3)
    }

    // MARK: Validation answers

    @Test func validRestoreIsAllowedWithItsWarnings() throws {
        let object = Fixtures.defaulted.setting(["spec", "restoreMode"], to: "overwrite")
        let (response, outcome) = try answer(Self.review(object: object), mode: .validate)
        #expect(response["response"]?["allowed"] == true)
        #expect(response["response"]?["status"] == nil)
        #expect(
            response["response"]?["warnings"] == [
                "spec.restoreMode: overwrite drops and recreates existing tables (destructive)",
                "spec.tables: none listed, so overwrite replaces every table of the cluster",
            ])
        #expect(outcome.decision.warnings == 2)
    }

    @Test func invalidRestoreIsDeniedWithTheExactStatus() throws {
        let object = Fixtures.defaulted
            .setting(["spec", "source", "location"], to: "http://x")
            .setting(["spec", "backoffLimit"], to: -1)
            .setting(["spec", "restoreMode"], to: "overwrite")
            .setting(["spec", "tables"], to: ["users", "users"])
        let outcome = try reviewer.review(Self.review(object: object), mode: .validate)
        let expected =
            #"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002","allowed":false,"#
            + #""status":{"metadata":{},"status":"Failure","message":"AntflyRestore.antfly.io \"restore-latest\" is invalid: [spec.source.location: Invalid value: \"http://x\": must start with s3:// or file://, spec.tables[1]: Duplicate value: \"users\", spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0]","#
            + #""reason":"Invalid","details":{"name":"restore-latest","group":"antfly.io","kind":"AntflyRestore","causes":["#
            + #"{"reason":"FieldValueInvalid","message":"Invalid value: \"http://x\": must start with s3:// or file://","field":"spec.source.location"},"#
            + #"{"reason":"FieldValueDuplicate","message":"Duplicate value: \"users\"","field":"spec.tables[1]"},"#
            + #"{"reason":"FieldValueInvalid","message":"Invalid value: -1: must be greater than or equal to 0","field":"spec.backoffLimit"}]},"#
            + #""code":422},"warnings":["spec.restoreMode: overwrite drops and recreates existing tables (destructive)"]}}"#
        #expect(String(decoding: outcome.responseBody, as: UTF8.self) == expected)
        #expect(outcome.decision.allowed == false)
        #expect(outcome.decision.code == 422)
        #expect(outcome.decision.warnings == 1)
    }

    @Test func singleErrorMessageHasNoBrackets() throws {
        let object = Fixtures.defaulted.setting(["spec", "backoffLimit"], to: -1)
        let (response, _) = try answer(Self.review(object: object), mode: .validate)
        #expect(
            response["response"]?["status"]?["message"]
                == "AntflyRestore.antfly.io \"restore-latest\" is invalid: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0")
    }

    @Test func dryRunIsJudgedLikeARealRequest() throws {
        let object = Fixtures.defaulted.setting(["spec", "backoffLimit"], to: -1)
        let (response, _) = try answer(Self.review(object: object) { $0["dryRun"] = true }, mode: .validate)
        #expect(response["response"]?["allowed"] == false)
    }

    @Test func namespaceFallsBackToTheObjects() throws {
        let object = Fixtures.defaulted.setting(["spec", "clusterRef", "namespace"], to: "staging")
        let (response, outcome) = try answer(Self.review(object: object) { $0["namespace"] = nil }, mode: .validate)
        #expect(outcome.decision.namespace == "production")
        #expect(response["response"]?["status"]?["details"]?["causes"]?.arrayValue?.first?["reason"] == "FieldValueForbidden")
    }

    @Test func generatedNameDenialHasAnEmptyName() throws {
        let object = Fixtures.defaulted.setting(["metadata", "name"], to: nil).setting(["metadata", "generateName"], to: "restore-")
            .setting(["spec", "backoffLimit"], to: -1)
        let (response, outcome) = try answer(Self.review(object: object) { $0["name"] = nil }, mode: .validate)
        #expect(outcome.decision.name == "")
        #expect(response["response"]?["status"]?["message"]?.stringValue?.hasPrefix("AntflyRestore.antfly.io \"\" is invalid: ") == true)
    }

    // MARK: Requests that are let through or refused

    @Test(arguments: AdmissionMode.allCases)
    func otherKindsAreDeniedLoudly(mode: AdmissionMode) throws {
        let body = Self.review { $0["kind"] = ["group": "apps", "version": "v1", "kind": "Deployment"] }
        let (response, outcome) = try answer(body, mode: mode)
        #expect(
            response["response"]?["status"]
                == [
                    "metadata": [:], "status": "Failure",
                    "message": "this webhook admits only antfly.io/v1, Kind=AntflyRestore, but request.kind is \"apps/v1, Kind=Deployment\": check the rules of the webhook configuration",
                    "reason": "BadRequest", "code": 400,
                ])
        #expect(response["response"]?["allowed"] == false)
        #expect(outcome.decision.code == 400)
    }

    @Test(arguments: [
        ["group": "antfly.io", "version": "v1beta1", "kind": "AntflyRestore"] as JSONValue,
        ["group": "", "version": "v1", "kind": "Pod"], "AntflyRestore", .null,
    ])
    func anyOtherRequestKindIsDenied(kind: JSONValue) throws {
        let (response, _) = try answer(Self.review { $0["kind"] = kind }, mode: .validate)
        #expect(response["response"]?["allowed"] == false)
        #expect(response["response"]?["status"]?["code"] == 400)
    }

    @Test func missingRequestKindIsNamed() throws {
        let (response, _) = try answer(Self.review { $0["kind"] = nil }, mode: .validate)
        #expect(response["response"]?["status"]?["message"]?.stringValue?.contains("but request.kind is missing") == true)
    }

    @Test(arguments: ["DELETE", "CONNECT"], AdmissionMode.allCases)
    func deleteAndConnectAreAllowedUntouched(operation: String, mode: AdmissionMode) throws {
        let invalid = Fixtures.basic.setting(["spec", "backoffLimit"], to: -1)
        let (response, outcome) = try answer(Self.review(operation: operation, object: nil, oldObject: invalid), mode: mode)
        #expect(response["response"] == ["uid": "705ab4f5-6393-11e8-b7cc-42010a800002", "allowed": true])
        #expect(outcome.decision.operation == operation)
        #expect(outcome.decision.name == "restore-latest")
    }

    @Test(arguments: AdmissionMode.allCases)
    func subresourceRequestsAreAllowedUntouched(mode: AdmissionMode) throws {
        let invalid = Fixtures.basic.setting(["spec", "backoffLimit"], to: -1)
        let body = Self.review(operation: "UPDATE", object: invalid, oldObject: invalid) { $0["subResource"] = "status" }
        let (response, _) = try answer(body, mode: mode)
        #expect(response["response"] == ["uid": "705ab4f5-6393-11e8-b7cc-42010a800002", "allowed": true])
    }

    // MARK: Malformed reviews

    static let malformed: [(String, [UInt8], AdmissionReviewError.Kind?, String)] = [
        ("not JSON", Array("{".utf8), nil, "request body is not valid JSON: "),
        ("empty body", [], nil, "request body is not valid JSON: "),
        ("array", Array("[]".utf8), .notAnObject("array"), "request body must be an AdmissionReview object, not an array"),
        ("null", Array("null".utf8), .notAnObject("null"), "request body must be an AdmissionReview object, not null"),
        ("string", Array(#""x""#.utf8), .notAnObject("string"), "request body must be an AdmissionReview object, not a string"),
        (
            "no apiVersion", Array(#"{"kind":"AdmissionReview","request":{}}"#.utf8), .unsupportedAPIVersion(nil),
            "apiVersion must be admission.k8s.io/v1 or admission.k8s.io/v1beta1, not none"
        ),
        (
            "wrong apiVersion", review(apiVersion: "admission.k8s.io/v2\n"), .unsupportedAPIVersion("admission.k8s.io/v2\n"),
            "apiVersion must be admission.k8s.io/v1 or admission.k8s.io/v1beta1, not \"admission.k8s.io/v2\\n\""
        ),
        (
            "wrong kind", Array(#"{"apiVersion":"admission.k8s.io/v1","kind":"Status"}"#.utf8), .notAnAdmissionReview("Status"),
            "kind must be AdmissionReview, not \"Status\""
        ),
        (
            "no request", Array(#"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}"#.utf8), .missingRequest,
            "AdmissionReview has no request object"
        ),
        (
            "request not an object", Array(#"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":[]}"#.utf8),
            .missingRequest, "AdmissionReview has no request object"
        ),
        ("no uid", review { $0["uid"] = nil }, .missingUID, "request.uid must be a non-empty string"),
        ("empty uid", review { $0["uid"] = "" }, .missingUID, "request.uid must be a non-empty string"),
        ("numeric uid", review { $0["uid"] = 7 }, .missingUID, "request.uid must be a non-empty string"),
        (
            "unknown operation", review(operation: "PATCH"), .unsupportedOperation("PATCH"),
            "request.operation must be CREATE, UPDATE, DELETE or CONNECT, not \"PATCH\""
        ),
        (
            "no operation", review { $0["operation"] = nil }, .unsupportedOperation(nil),
            "request.operation must be CREATE, UPDATE, DELETE or CONNECT, not none"
        ),
        ("create without object", review(object: nil), .missingObject(.create), "request.object must be an AntflyRestore object for CREATE"),
        ("create with null object", review(object: .null), .missingObject(.create), "request.object must be an AntflyRestore object for CREATE"),
        (
            "update without object", review(operation: "UPDATE", object: nil, oldObject: Fixtures.basic), .missingObject(.update),
            "request.object must be an AntflyRestore object for UPDATE"
        ),
        (
            "update without oldObject", review(operation: "UPDATE"), .missingOldObject,
            "request.oldObject must be the stored AntflyRestore object for UPDATE"
        ),
    ]

    @Test(arguments: malformed)
    func malformedReviewIsATypedError(name: String, body: [UInt8], kind: AdmissionReviewError.Kind?, message: String) {
        for mode in AdmissionMode.allCases {
            let error = #expect(throws: AdmissionReviewError.self) { try reviewer.review(body, mode: mode) }
            if let kind { #expect(error?.kind == kind) }
            #expect(error?.message.hasPrefix(message) == true, "\(name): \(error?.message ?? "")")
        }
    }

    @Test func invalidJSONNamesThePosition() {
        let error = #expect(throws: AdmissionReviewError.self) { try reviewer.review(Array(#"{"apiVersion": tru}"#.utf8), mode: .validate) }
        guard case .invalidJSON(let parseError)? = error?.kind else {
            Issue.record("expected a JSON error, got \(String(describing: error))")
            return
        }
        #expect(error?.message == "request body is not valid JSON: \(parseError.description)")
    }

    // MARK: Members the parser skips

    /// The reviewer's parser skips members no rule reads (`AdmissionRequest.unreadMembers`); whatever they
    /// hold, the answer is the one for the review without them, and they are still checked as JSON.
    @Test(arguments: AdmissionMode.allCases)
    func unreadMembersChangeNoAnswerButAreStillChecked(mode: AdmissionMode) throws {
        let bulky: JSONValue = ["f:spec": ["f:tables": [:], "x": [1, "two", nil, ["deep": [true]]]], "\u{2028}": "é"]
        let metadataExtras: JSONObject = JSONObject([
            .init(key: "managedFields", value: [bulky, bulky]),
            .init(key: "annotations", value: ["kubectl.kubernetes.io/last-applied-configuration": "{\"spec\":{}}"]),
            .init(key: "labels", value: ["app": "antfly"]),
            .init(key: "uid", value: "7b1f2a64-3c1e-4d55-9a0e-2f1d8c6b9e01"),
            .init(key: "creationTimestamp", value: "2026-01-15T02:10:44Z"),
            .init(key: "generation", value: 7),
            .init(key: "resourceVersion", value: "123456"),
            .init(key: "ownerReferences", value: [["kind": "AntflyCluster", "name": "c", "uid": "u"]]),
            .init(key: "finalizers", value: ["antfly.io/restore"]),
        ])
        func withExtras(_ object: JSONValue) -> JSONValue {
            guard case .object(var whole) = object, case .object(var metadata)? = whole["metadata"] else { return object }
            for member in metadataExtras.members { metadata[member.key] = member.value }
            whole["metadata"] = .object(metadata)
            whole["apiVersion"] = "antfly.io/v1"
            whole["kind"] = "AntflyRestore"
            return .object(whole)
        }
        let invalid = Fixtures.basic.setting(["spec", "backoffLimit"], to: -1)
        let cases: [(operation: String, object: JSONValue, oldObject: JSONValue?)] = [
            ("CREATE", Fixtures.basic, nil), ("CREATE", invalid, nil), ("UPDATE", invalid, Fixtures.basic),
        ]
        for (operation, object, oldObject) in cases {
            let plain = Self.review(operation: operation, object: object, oldObject: oldObject) { request in
                request["resource"] = nil
                request["dryRun"] = nil
                request["userInfo"] = ["username": "alice@example.com"]
            }
            let full = Self.review(operation: operation, object: withExtras(object), oldObject: oldObject.map(withExtras)) { request in
                request["requestKind"] = ["group": "antfly.io", "version": "v1", "kind": "AntflyRestore"]
                request["requestResource"] = bulky
                request["options"] = ["kind": "CreateOptions", "fieldManager": "kubectl"]
                request["userInfo"] = ["username": "alice@example.com", "groups": ["a", "b"], "extra": ["k": ["v"]], "uid": "u-1"]
                request["dryRun"] = true
            }
            let expected = try reviewer.review(plain, mode: mode)
            let answered = try reviewer.review(full, mode: mode)
            #expect(answered.responseBody == expected.responseBody, "\(operation)")
            #expect(answered.decision == expected.decision, "\(operation)")
        }

        // A skipped member must still be JSON, with the same error as anywhere else.
        var broken = Self.review(object: withExtras(Fixtures.basic))
        let needle = Array(#""app":"antfly""#.utf8)
        let start = try #require((0...(broken.count - needle.count)).first { broken[$0..<$0 + needle.count].elementsEqual(needle) })
        broken.insert(UInt8(ascii: ","), at: start + needle.count)  // "labels":{"app":"antfly",}
        let parseError = #expect(throws: JSONParseError.self) { try JSONParser().parse(broken) }
        let error = #expect(throws: AdmissionReviewError.self) { try reviewer.review(broken, mode: mode) }
        #expect(error?.kind == parseError.map { .invalidJSON($0) })
    }

    /// The mutating webhook also leaves out what defaulting never reads (`AdmissionRequest.unreadByDefaulting`):
    /// whatever the rest of `spec`, `status` and the old object's spec and status hold, the patch and the
    /// decision are the ones for the review without them, and they are still checked as JSON.
    @Test(arguments: [JSONValue]([[:], ["restoreMode": "", "backoffLimit": nil], ["restoreMode": "overwrite", "restoreTimeout": "8h", "backoffLimit": 5]]))
    func membersDefaultingNeverReadsChangeNoPatchButAreStillChecked(defaults: JSONValue) throws {
        let bulky: JSONValue = ["x": [1, "two", nil, ["deep": [true]]], "\u{2028}": "é"]
        let bare = Fixtures.basic.setting(["spec"], to: defaults)
        var full = bare
        let extras: [(String, JSONValue)] = [("clusterRef", bulky), ("source", [bulky, "s3://x"]), ("tables", .array(Array(repeating: "t", count: 500)))]
        for (key, value) in extras { full = full.setting(["spec", key], to: value) }
        full = full.setting(["status"], to: ["phase": "Running", "extra": bulky])
        for operation in ["CREATE", "UPDATE"] {
            let old = { (object: JSONValue) in operation == "UPDATE" ? object : nil }
            let expected = try reviewer.review(Self.review(operation: operation, object: bare, oldObject: old(bare)), mode: .mutate)
            let answered = try reviewer.review(Self.review(operation: operation, object: full, oldObject: old(full)), mode: .mutate)
            #expect(answered.responseBody == expected.responseBody, "\(operation)")
            #expect(answered.decision == expected.decision, "\(operation)")
            // And that answer is the patch for the whole object, so nothing defaulting reads was left out.
            let patch = RestoreDefaulter().defaultingPatch(for: full)
            let response = try JSONParser().parse(answered.responseBody)
            #expect(answered.decision.patchOperations == patch.operations.count)
            if !patch.isEmpty { #expect(try Self.decodedPatch(response) == JSONParser().parse(patch.jsonBytes())) }
        }

        var broken = Self.review(object: full)
        let needle = Array(#""t"]"#.utf8)
        let start = try #require((0...(broken.count - needle.count)).first { broken[$0..<$0 + needle.count].elementsEqual(needle) })
        broken.insert(UInt8(ascii: ","), at: start + 3)  // "tables":[...,"t",]
        let parseError = #expect(throws: JSONParseError.self) { try JSONParser().parse(broken) }
        let error = #expect(throws: AdmissionReviewError.self) { try reviewer.review(broken, mode: .mutate) }
        #expect(error?.kind == parseError.map { .invalidJSON($0) })
    }
}
