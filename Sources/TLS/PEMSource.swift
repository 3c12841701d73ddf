/// Where a client's PEM material comes from.
///
/// A file is read each time a `TLSClientContext` is built, so a rotated CA bundle or client
/// certificate (a projected service-account volume, a renewed kubeconfig file) is picked up by the
/// next connection; inline bytes are what a kubeconfig's `*-data` fields carry.
public enum PEMSource: Sendable, Equatable, CustomStringConvertible {
    /// A PEM file, read whole (at most 1 MiB) when a context is built.
    case file(String)
    /// PEM bytes already in memory.
    case data([UInt8])

    /// Names the source in errors without echoing key material.
    public var description: String {
        switch self {
        case .file(let path): path
        case .data: "inline PEM data"
        }
    }

    /// The PEM bytes, reading the file now.
    func read() throws(TLSError) -> [UInt8] {
        switch self {
        case .file(let path): try CertificatePair.readFile(path)
        case .data(let bytes): bytes
        }
    }
}
