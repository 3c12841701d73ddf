public import FoundationEssentials

/// What the server reports for metrics, without depending on a metrics library.
/// Called on event-loop threads (and, for certificate reads, the watcher's thread): keep it cheap.
public protocol ServerEvents: Sendable {
    func connectionOpened(listener: String)
    func connectionClosed(listener: String)
    /// A TLS handshake failed: plaintext on the TLS port, an old protocol version, a bad client certificate...
    func tlsHandshakeFailed(listener: String, reason: String)
    /// A serving certificate was (re)loaded, or refused; `notAfter` is the expiry of the one loaded.
    func certificateRead(succeeded: Bool, notAfter: Date?)
}
