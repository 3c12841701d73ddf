/// A complete request, body included: responders are synchronous and see the whole message at once.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// The path of the target, without the query (routing ignores the query, as the API server appends `?timeout=10s`).
    public var path: String
    /// The raw query after `?`, if any.
    public var query: String?
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Trailer fields of a chunked body (empty otherwise); kept apart so they can never override a header.
    public var trailers: HTTPHeaders
    /// The TLS peer presented a certificate that the listener's client CA verified.
    public var isClientCertificateVerified: Bool
    /// The listener verifies client certificates (mutual TLS is on), so routes that require one can insist.
    public var isClientCertificateVerificationEnabled: Bool

    public init(
        method: String,
        path: String,
        query: String? = nil,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        trailers: HTTPHeaders = [:],
        isClientCertificateVerified: Bool = false,
        isClientCertificateVerificationEnabled: Bool = false
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.trailers = trailers
        self.isClientCertificateVerified = isClientCertificateVerified
        self.isClientCertificateVerificationEnabled = isClientCertificateVerificationEnabled
    }
}
