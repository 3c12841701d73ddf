public import JSONModel

/// A body that is not a well-formed AdmissionReview. The server answers it with HTTP 400 and a
/// `KubernetesStatus.failure` body carrying `message`; everything short of this is an AdmissionReview
/// answer with HTTP 200.
public struct AdmissionReviewError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The body is not JSON (or exceeds a parser limit).
        case invalidJSON(JSONParseError)
        /// The body is JSON but not an object; carries the JSON type found.
        case notAnObject(String)
        /// `apiVersion` is neither admission.k8s.io/v1 nor v1beta1; `nil` when absent or not a string.
        case unsupportedAPIVersion(String?)
        /// `kind` is not `AdmissionReview`; `nil` when absent or not a string.
        case notAnAdmissionReview(String?)
        /// `request` is absent or not an object.
        case missingRequest
        /// `request.uid` is absent, empty or not a string: without it no answer can be matched.
        case missingUID
        /// `request.operation` is not CREATE, UPDATE, DELETE or CONNECT; `nil` when absent or not a string.
        case unsupportedOperation(String?)
        /// CREATE and UPDATE carry the object to judge in `request.object`.
        case missingObject(AdmissionOperation)
        /// UPDATE carries the stored object in `request.oldObject`.
        case missingOldObject
    }

    public let kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// What is wrong, for the 400 body and the log; user-supplied text is quoted and shortened.
    public var message: String {
        switch kind {
        case .invalidJSON(let error):
            "request body is not valid JSON: \(error.description)"
        case .notAnObject(let type):
            "request body must be an AdmissionReview object, not " + Self.article(type) + type
        case .unsupportedAPIVersion(let version):
            "apiVersion must be admission.k8s.io/v1 or admission.k8s.io/v1beta1, not " + Self.quoted(version)
        case .notAnAdmissionReview(let kind):
            "kind must be AdmissionReview, not " + Self.quoted(kind)
        case .missingRequest:
            "AdmissionReview has no request object"
        case .missingUID:
            "request.uid must be a non-empty string"
        case .unsupportedOperation(let operation):
            "request.operation must be CREATE, UPDATE, DELETE or CONNECT, not " + Self.quoted(operation)
        case .missingObject(let operation):
            "request.object must be an AntflyRestore object for \(operation.rawValue)"
        case .missingOldObject:
            "request.oldObject must be the stored AntflyRestore object for UPDATE"
        }
    }

    public var description: String { message }

    private static func article(_ type: String) -> String {
        switch type {
        case "null": ""
        case "array", "integer", "object": "an "
        default: "a "
        }
    }

    private static func quoted(_ value: String?) -> String {
        value.map { GoQuote.quote(FieldErrorKind.abbreviated($0)) } ?? "none"
    }
}
