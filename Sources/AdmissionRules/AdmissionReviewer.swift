public import JSONModel

/// Turns an AdmissionReview body into the answer to send (SPEC §3): the mutating webhook's defaults or
/// the validating webhook's verdict, in the apiVersion the request used, with `response.uid` echoing
/// `request.uid`. Pure and synchronous, so the server can call it on its event loop.
public struct AdmissionReviewer: Sendable {
    public let policy: AdmissionPolicy
    /// One parser per mode, each skipping (but checking) what that mode's rules never read.
    private let mutatingParser: JSONParser
    private let validatingParser: JSONParser
    private let validator: RestoreValidator
    private let defaulter = RestoreDefaulter()

    /// `parserLimits` bound what one body may cost; the defaults accept anything the server's body limit lets in.
    public init(policy: AdmissionPolicy, clusters: any ClusterDirectory, parserLimits: JSONParser.Limits = JSONParser.Limits()) {
        self.policy = policy
        func parser(for mode: AdmissionMode) -> JSONParser {
            JSONParser(limits: parserLimits, skipping: AdmissionRequest.unreadMembers(for: mode), commonKeys: AdmissionRequest.commonKeys)
        }
        self.mutatingParser = parser(for: .mutate)
        self.validatingParser = parser(for: .validate)
        self.validator = RestoreValidator(policy: policy, clusters: clusters)
    }

    /// The answer to `body`. Throws only when `body` is not a well-formed AdmissionReview (HTTP 400);
    /// every other outcome, denials included, is an answer to send with HTTP 200.
    public func review(_ body: [UInt8], mode: AdmissionMode) throws(AdmissionReviewError) -> AdmissionOutcome {
        let document: JSONValue
        do {
            document = try (mode == .mutate ? mutatingParser : validatingParser).parse(body)
        } catch {
            throw AdmissionReviewError(.invalidJSON(error))
        }
        let request = try AdmissionRequest(document)
        var answer = Answer()
        if !request.isAntflyRestore {
            answer.deny(
                code: 400, reason: "BadRequest",
                message: "this webhook admits only antfly.io/v1, Kind=AntflyRestore, but request.kind is \(request.kindDescription): check the rules of the webhook configuration"
            )
        } else if request.subResource.isEmpty, let object = request.object,
            request.operation == .create || request.operation == .update
        {
            switch mode {
            case .mutate:
                answer.patch = defaulter.defaultingPatch(for: object)
            case .validate:
                let result = validator.validate(
                    operation: request.operation, object: object, oldObject: request.oldObject, namespace: request.namespace)
                answer.warnings = result.warnings.map(\.description)
                if !result.errors.isEmpty {
                    answer.status = KubernetesStatus.invalidStatus(name: request.name, errors: result.errors)
                    answer.allowed = false
                    answer.code = 422
                }
            }
        }
        return AdmissionOutcome(
            responseBody: answer.body(apiVersion: request.apiVersion, uid: request.uid),
            decision: AdmissionDecision(
                uid: request.uid, operation: request.operation.rawValue, namespace: request.namespace, name: request.name,
                user: request.user, allowed: answer.allowed, code: answer.code, patchOperations: answer.patch.operations.count,
                warnings: answer.warnings.count))
    }
}
