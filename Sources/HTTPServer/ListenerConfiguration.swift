public import TLS

/// One listening port: where it binds, whether it speaks TLS, and what answers its requests.
public struct ListenerConfiguration: Sendable {
    /// A short name for logs, events and ``HTTPServer/port(of:)`` (for example `webhook` or `metrics`).
    public var name: String
    /// An IPv4/IPv6 literal, `localhost`, or empty for every IPv4 address.
    public var host: String
    /// 0 lets the kernel choose; read the result with ``HTTPServer/port(of:)``.
    public var port: Int
    /// TLS settings; `nil` serves plain HTTP (the probe and metrics port).
    public var tls: TLSConfiguration?
    public var responder: any HTTPResponder

    public init(name: String, host: String, port: Int, tls: TLSConfiguration? = nil, responder: any HTTPResponder) {
        self.name = name
        self.host = host
        self.port = port
        self.tls = tls
        self.responder = responder
    }
}
