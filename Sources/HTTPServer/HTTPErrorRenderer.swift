/// Builds the body of every error response, so a server that knows nothing of Kubernetes still answers
/// in the caller's format (AdmissionWebhook supplies a Kubernetes `Status` renderer).
/// The server adds `Allow` for 405 and the framing headers itself.
public protocol HTTPErrorRenderer: Sendable {
    func response(for error: HTTPRequestError) -> HTTPResponse
}
