@testable import AdmissionRules
import JSONModel
import Testing

/// The rendering of `field.Error` and `Status`, compared with what k8s.io/apimachinery prints.
@Suite struct KubernetesStatusTests {
    @Test(arguments: [
        (FieldErrorKind.required(), "FieldValueRequired", "Required value"),
        (.required(detail: "must not be blank"), "FieldValueRequired", "Required value: must not be blank"),
        (.invalid(-1, detail: "must be greater than or equal to 0"), "FieldValueInvalid", "Invalid value: -1: must be greater than or equal to 0"),
        (.invalid("a\"b", detail: "d"), "FieldValueInvalid", #"Invalid value: "a\"b": d"#),
        (.invalid(.null, detail: "d"), "FieldValueInvalid", "Invalid value: null: d"),
        (.invalid(true, detail: ""), "FieldValueInvalid", "Invalid value: true"),
        (.typeInvalid(["a": 1], detail: "must be a string"), "FieldValueTypeInvalid", #"Invalid value: "object": must be a string"#),
        (.typeInvalid([1], detail: "must be a string"), "FieldValueTypeInvalid", #"Invalid value: "array": must be a string"#),
        (.typeInvalid(.number(JSONNumber(text: "3.50")), detail: "must be an integer"), "FieldValueTypeInvalid", "Invalid value: 3.50: must be an integer"),
        (
            .notSupported("x", supported: ["fail_if_exists", "skip_if_exists", "overwrite"]), "FieldValueNotSupported",
            #"Unsupported value: "x": supported values: "fail_if_exists", "skip_if_exists", "overwrite""#
        ),
        (.notSupported("x", supported: []), "FieldValueNotSupported", #"Unsupported value: "x""#),
        (.duplicate("users"), "FieldValueDuplicate", #"Duplicate value: "users""#),
        (.forbidden(detail: "no"), "FieldValueForbidden", "Forbidden: no"),
        (.forbidden(detail: ""), "FieldValueForbidden", "Forbidden"),
        (.notFound("my-cluster", detail: ""), "FieldValueNotFound", #"Not found: "my-cluster""#),
        (.notFound("my-cluster", detail: "d"), "FieldValueNotFound", #"Not found: "my-cluster": d"#),
    ] as [(FieldErrorKind, String, String)])
    func errorBodiesAreRenderedAsApimachineryRendersThem(kind: FieldErrorKind, reason: String, message: String) {
        let error = FieldError(path: JSONPath([.key("spec"), .key("tables"), .index(2)]), kind: kind)
        #expect(error.reason == reason)
        #expect(error.message == message)
        #expect(error.description == "spec.tables[2]: " + message)
    }

    @Test func longStringValuesAreShortened() {
        let long = String(repeating: "é", count: 1_000_000)
        let message = FieldErrorKind.invalid(.string(long), detail: "too long").message
        #expect(message == "Invalid value: \"" + String(repeating: "é", count: 256) + "...\": too long")
    }

    @Test func failureBodyIsAStatusDocument() {
        let body = KubernetesStatus.failure(code: 413, reason: "RequestEntityTooLarge", message: "request body exceeds 7340032 bytes")
        #expect(
            String(decoding: body, as: UTF8.self)
                == #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"request body exceeds 7340032 bytes","reason":"RequestEntityTooLarge","code":413}"#
        )
    }

    @Test func repeatedMessagesAreAggregatedOnceAsGoDoes() {
        let error = FieldError(path: JSONPath("spec"), kind: .required())
        let other = FieldError(path: JSONPath("spec", "x"), kind: .required())
        #expect(KubernetesStatus.invalidMessage(name: "r", errors: [error, error]) == #"AntflyRestore.antfly.io "r" is invalid: spec: Required value"#)
        #expect(
            KubernetesStatus.invalidMessage(name: "r", errors: [error, other, error])
                == #"AntflyRestore.antfly.io "r" is invalid: [spec: Required value, spec.x: Required value]"#)
        // Causes keep every error, as NewInvalid does.
        #expect(KubernetesStatus.invalidStatus(name: "r", errors: [error, error])["details"]?["causes"]?.arrayValue?.count == 2)
    }

    @Test func namesAreQuotedAsGoQuotesThem() {
        let error = FieldError(path: JSONPath("spec"), kind: .required())
        #expect(KubernetesStatus.invalidMessage(name: "a\u{0}b", errors: [error]) == #"AntflyRestore.antfly.io "a\x00b" is invalid: spec: Required value"#)
    }

    @Test func warningsAreShortPrintableASCII() {
        let warning = AdmissionWarning(path: JSONPath("spec", "tàble\n"), message: String(repeating: "x", count: 200))
        #expect(warning.description.count == 120)
        #expect(warning.description.hasPrefix("spec.t?ble?: xxx"))
        #expect(warning.description.hasSuffix("..."))
        #expect(warning.description.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) })
    }
}
