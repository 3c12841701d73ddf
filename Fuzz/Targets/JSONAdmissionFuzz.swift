import AdmissionRules
import FoundationEssentials
import JSONModel

/// libFuzzer target for what an admission request body goes through: `JSONParser` and `JSONWriter`,
/// then `AdmissionReviewer` in both modes, under a policy and cluster answers drawn from the input.
///
/// Besides "no trap", it checks:
/// * JSON: a parse error points inside the input; a parsed value writes to JSON that parses back to an
///   equal value and writes to the same bytes again (the writer is canonical); tighter limits never
///   change a successful answer, they can only refuse; skipping members gives the same error, or the
///   same value without those members; a table of common keys changes neither the error nor the value.
/// * Admission: a body that is not JSON is refused (400), in both modes; an answer is an AdmissionReview in
///   the request's apiVersion with its uid, agreeing with the decision the server logs; warnings are
///   printable ASCII of at most 120 characters; a denial carries a status, and a 422 one has causes.
/// * Defaulting: the patch in the answer is the defaulter's, applies to `request.object`, touches only
///   the three defaulted fields, and a second pass over the patched object yields no patch; a restore
///   that was allowed is still allowed once defaulted.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONAdmission(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let document = checkJSONRoundTrip(bytes)
    checkAdmission(bytes, document: document)
    return 0
}

/// Returns the parsed value (default limits) if the bytes are JSON.
@discardableResult
func checkJSONRoundTrip(_ bytes: [UInt8]) -> JSONValue? {
    let value: JSONValue
    do {
        value = try JSONParser().parse(bytes)
    } catch {
        check(error.offset >= 0 && error.offset <= bytes.count, "error offset \(error.offset) outside \(bytes.count) bytes")
        check(error.line >= 1 && error.column >= 1, "error position \(error.line):\(error.column)")
        _ = error.description
        do {
            _ = try JSONParser(skipping: skippedPaths).parse(bytes)
            fatalError("skipping members accepted a document that is not JSON")
        } catch let skippedError {
            check(skippedError == error, "skipping members changed the error: \(skippedError) instead of \(error)")
        }
        do {
            _ = try JSONParser(commonKeys: commonKeys).parse(bytes)
            fatalError("common keys accepted a document that is not JSON")
        } catch let commonKeysError {
            check(commonKeysError == error, "common keys changed the error: \(commonKeysError) instead of \(error)")
        }
        return nil
    }
    do {
        let skipped = try JSONParser(skipping: skippedPaths).parse(bytes)
        check(skipped == value.removingMembers(at: skippedPaths), "skipping members changed more than those members")
        let withCommonKeys = try JSONParser(commonKeys: commonKeys).parse(bytes)
        check(JSONWriter.bytes(withCommonKeys) == JSONWriter.bytes(value), "common keys changed the value")
    } catch {
        fatalError("skipping members or common keys refused a JSON document: \(error)")
    }

    let written = JSONWriter.bytes(value)
    let reparsed: JSONValue
    do {
        reparsed = try JSONParser().parse(written)
    } catch {
        fatalError("writer output does not parse: \(error)")
    }
    check(reparsed == value, "round trip changed the value")
    check(JSONWriter.bytes(reparsed) == written, "writer is not canonical")

    let tight = JSONParser.Limits(maxBytes: 4096, maxDepth: 8, maxStringBytes: 64, maxNumberBytes: 16, maxValues: 200)
    if let limited = try? JSONParser(limits: tight).parse(bytes) {
        check(limited == value, "tight limits changed a successful parse")
    }
    walk(value, path: JSONPath(), budget: 1000)
    return value
}

/// The admission reviewer's skipped members, plus short paths that arbitrary documents hit.
let skippedPaths = [
    JSONPath("request", "object", "metadata", "managedFields"), JSONPath("request", "object", "metadata", "annotations"),
    JSONPath("request", "oldObject", "metadata"), JSONPath("a"), JSONPath("a", "b"), JSONPath(""),
]

/// Keys the parser makes once: the admission reviewer's kind of table, plus short ones that arbitrary documents hit.
let commonKeys = ["a", "b", "kind", "name", "metadata", "abcdefgh", "abcdefghijklmnop", "spec"]

/// Touches every accessor a rule might use, on a bounded number of nodes.
private func walk(_ value: JSONValue, path: JSONPath, budget: Int) {
    var remaining = budget
    var stack: [(JSONValue, JSONPath)] = [(value, path)]
    while let (node, nodePath) = stack.popLast(), remaining > 0 {
        remaining -= 1
        _ = nodePath.description
        _ = nodePath.jsonPointer
        _ = node.typeName
        switch node {
        case .number(let number):
            if let integer = number.int64Value {
                check(number.isInteger, "int64Value without isInteger: \(number.text)")
                check((integer < 0) == number.isNegative || integer == 0, "sign differs: \(number.text)")
            }
        case .object(let object):
            for member in object.members {
                check(object[member.key] != nil, "member \(member.key) not found by key")
                stack.append((member.value, nodePath.appending(member.key)))
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                stack.append((element, nodePath.appending(index: index)))
            }
        case .null, .bool, .string:
            break
        }
    }
}

// MARK: admission

/// Answers drawn from the cluster's name, so one input always gets the same answers.
struct FuzzClusterDirectory: ClusterDirectory {
    let salt: UInt64

    func lookup(namespace: String, name: String) -> ClusterLookup {
        switch fnv1a(Array((namespace + "/" + name).utf8)) ^ salt {
        case let hash where hash % 3 == 0: .found
        case let hash where hash % 3 == 1: .notFound
        default: .unknown
        }
    }
}

func reviewer(for bytes: [UInt8]) -> AdmissionReviewer {
    let hash = fnv1a(bytes)
    let policy = AdmissionPolicy(
        crossNamespace: CrossNamespacePolicy.allCases[Int(hash % 2)],
        fileLocations: FileLocationPolicy.allCases[Int((hash >> 1) % 2)],
        clusterCheck: ClusterCheckMode.allCases[Int((hash >> 2) % 3)],
        clusterCheckUnavailable: ClusterCheckUnavailablePolicy.allCases[Int((hash >> 4) % 2)]
    )
    return AdmissionReviewer(policy: policy, clusters: FuzzClusterDirectory(salt: hash >> 5))
}

func checkAdmission(_ bytes: [UInt8], document: JSONValue?) {
    let reviewer = reviewer(for: bytes)
    var outcomes: [AdmissionMode: AdmissionOutcome] = [:]
    for mode in [AdmissionMode.mutate, .validate] {
        do {
            outcomes[mode] = try reviewer.review(bytes, mode: mode)
        } catch {
            check(!error.message.isEmpty, "refusal without a message")
            if document == nil {
                guard case .invalidJSON = error.kind else { fatalError("non-JSON refused as \(error.kind)") }
            }
        }
    }
    guard let document else {
        check(outcomes.isEmpty, "a body that is not JSON was answered")
        return
    }
    check((outcomes[.mutate] == nil) == (outcomes[.validate] == nil), "one mode refused what the other answered")
    guard let mutate = outcomes[.mutate], let validate = outcomes[.validate] else { return }

    let request = document["request"]
    let mutateAnswer = checkAnswer(mutate, document: document)
    let validateAnswer = checkAnswer(validate, document: document)
    check(mutate.decision.warnings == 0 || !mutate.decision.allowed, "the mutating webhook warned")
    check(validateAnswer["patch"] == nil, "the validating webhook sent a patch")

    guard let patchText = mutateAnswer["patch"]?.stringValue else {
        check(mutate.decision.patchOperations == 0, "patch operations counted without a patch")
        return
    }
    check(mutateAnswer["patchType"] == "JSONPatch", "patch without patchType JSONPatch")
    guard let patchBytes = Data(base64Encoded: patchText), let object = request?["object"] else {
        fatalError("patch is not base64, or there was no object to patch")
    }
    let patch = RestoreDefaulter().defaultingPatch(for: object)
    check(patch.jsonBytes() == Array(patchBytes), "the patch sent is not the defaulter's")
    check(patch.operations.count == mutate.decision.patchOperations, "patch operation count differs")
    let patched: JSONValue
    do {
        patched = try patch.applied(to: object)
    } catch {
        fatalError("the patch does not apply to request.object: \(error)")
    }
    checkOnlyDefaultsChanged(from: object, to: patched)
    check(RestoreDefaulter().defaultingPatch(for: patched).isEmpty, "defaulting is not idempotent")

    // The API server sends the patched object to the validating webhook; and may call the mutating one again.
    guard case .object(var review) = document, case .object(var requestObject)? = request else { return }
    requestObject["object"] = patched
    review["request"] = .object(requestObject)
    let patchedBody = JSONWriter.bytes(.object(review))
    do {
        let again = try reviewer.review(patchedBody, mode: .mutate)
        check(again.decision.patchOperations == 0, "a second mutating pass patched again")
        let judged = try reviewer.review(patchedBody, mode: .validate)
        check(!validate.decision.allowed || judged.decision.allowed, "defaulting made an allowed restore invalid")
    } catch {
        fatalError("the patched review was refused: \(error)")
    }
}

/// The answer parses, is an AdmissionReview in the request's apiVersion with its uid, and agrees with the
/// decision; returns its `response`.
func checkAnswer(_ outcome: AdmissionOutcome, document: JSONValue) -> JSONObject {
    let answer: JSONValue
    do {
        answer = try JSONParser().parse(outcome.responseBody)
    } catch {
        fatalError("the answer is not JSON: \(error)")
    }
    check(answer["kind"] == "AdmissionReview", "answer kind")
    check(answer["apiVersion"] == document["apiVersion"], "answer apiVersion differs from the request's")
    guard case .object(let response)? = answer["response"] else { fatalError("answer without a response") }
    let uid = document["request"]?["uid"]?.stringValue
    check(uid != nil && response["uid"]?.stringValue == uid && outcome.decision.uid == uid, "uid not echoed")
    check(response["allowed"] == .bool(outcome.decision.allowed), "allowed differs from the decision")

    let warnings = response["warnings"]?.arrayValue ?? []
    check(warnings.count == outcome.decision.warnings, "warning count differs from the decision")
    for warning in warnings {
        guard let text = warning.stringValue else { fatalError("a warning is not a string") }
        check(text.utf8.count <= 120, "warning over 120 characters: \(text)")
        check(text.utf8.allSatisfy { (0x20...0x7E).contains($0) }, "warning not printable ASCII: \(text)")
        check(!text.hasPrefix("Warning:"), "warning with a Warning: prefix")
    }

    if outcome.decision.allowed {
        check(outcome.decision.code == 200, "allowed with code \(outcome.decision.code)")
        return response
    }
    guard case .object(let status)? = response["status"] else { fatalError("a denial without a status") }
    check(status["code"] == .number(JSONNumber(Int64(outcome.decision.code))), "status code differs from the decision")
    check(!(status["message"]?.stringValue ?? "").isEmpty, "a denial without a message")
    if outcome.decision.code == 422 {
        check(status["reason"] == "Invalid", "422 without reason Invalid")
        let causes = status["details"]?["causes"]?.arrayValue ?? []
        check(!causes.isEmpty, "a 422 denial without causes")
        for cause in causes {
            check(cause["reason"]?.stringValue != nil && cause["message"]?.stringValue != nil
                && cause["field"]?.stringValue != nil, "a cause without reason, message or field")
        }
        check(status["message"]?.stringValue?.hasPrefix("AntflyRestore.antfly.io \"") == true, "422 message format")
    }
    return response
}

/// Defaulting adds or replaces `spec.restoreMode`, `spec.restoreTimeout` and `spec.backoffLimit` only,
/// and only where they were missing (or null, or an empty restoreMode).
func checkOnlyDefaultsChanged(from object: JSONValue, to patched: JSONValue) {
    guard case .object(let before) = object, case .object(let after) = patched else {
        fatalError("patching changed the object's type")
    }
    check(before.keys == after.keys, "patching changed the object's members")
    for member in before.members where member.key != "spec" {
        check(after[member.key] == member.value, "patching changed \(member.key)")
    }
    guard case .object(let specBefore)? = before["spec"], case .object(let specAfter)? = after["spec"] else {
        fatalError("a patch for an object without a spec object")
    }
    let defaulted: Set = ["restoreMode", "restoreTimeout", "backoffLimit"]
    for member in specBefore.members where !defaulted.contains(member.key) {
        check(specAfter[member.key] == member.value, "patching changed spec.\(member.key)")
    }
    for key in specAfter.keys where !specBefore.contains(key: key) {
        check(defaulted.contains(key), "patching added spec.\(key)")
    }
    for key in defaulted {
        let old = specBefore[key]
        let isUnset = old == nil || old == .null || (key == "restoreMode" && old == "")
        check(isUnset || specAfter[key] == old, "patching changed a present spec.\(key)")
        check(specAfter[key] != nil && specAfter[key] != .null, "spec.\(key) left unset")
    }
}
