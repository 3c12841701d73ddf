/// The answer to one well-formed AdmissionReview: the body to send with HTTP 200, and its facts for
/// logs and metrics (so the server never parses its own response).
public struct AdmissionOutcome: Sendable, Equatable {
    /// The AdmissionReview response document, in the apiVersion the request used.
    public var responseBody: [UInt8]
    public var decision: AdmissionDecision

    public init(responseBody: [UInt8], decision: AdmissionDecision) {
        self.responseBody = responseBody
        self.decision = decision
    }
}
