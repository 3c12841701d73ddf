import Glibc

/// The PEM bytes behind one `TLSContext`: certificate chain, private key and optional client CA
/// bundle, read once so the context is built from exactly the bytes the watcher compares.
///
/// Reading into memory (instead of handing OpenSSL the paths) gives clear per-file errors, a size
/// cap, and lets the watcher skip a rebuild when a file was touched but its content did not change.
struct CertificatePair: Equatable, Sendable {
    /// PEM files are a few KiB; anything bigger is not a certificate and is refused unread.
    static let maxFileBytes = 1 << 20

    let certificateChain: [UInt8]
    let privateKey: [UInt8]
    let clientCA: [UInt8]?

    init(certificateChain: [UInt8], privateKey: [UInt8], clientCA: [UInt8]?) {
        self.certificateChain = certificateChain
        self.privateKey = privateKey
        self.clientCA = clientCA
    }

    /// Reads the files named by `configuration`, following symlinks (the kubelet's `..data` layout).
    init(reading configuration: TLSConfiguration) throws(TLSError) {
        certificateChain = try Self.readFile(configuration.certificateFile)
        privateKey = try Self.readFile(configuration.privateKeyFile)
        clientCA = try configuration.clientCAFile.map { path throws(TLSError) in try Self.readFile(path) }
    }

    /// Reads a whole regular file of at most `maxFileBytes`.
    static func readFile(_ path: String) throws(TLSError) -> [UInt8] {
        let operation = "read \(path)"
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw TLSError.system(operation: operation, errorNumber: errno)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw TLSError.system(operation: operation, errorNumber: errno)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw TLSError(operation: operation, openSSLErrors: ["not a regular file"])
        }
        guard info.st_size <= maxFileBytes else {
            throw TLSError(operation: operation, openSSLErrors: ["larger than \(maxFileBytes) bytes"])
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress, buffer.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw TLSError.system(operation: operation, errorNumber: errno)
            }
            if count == 0 { break }
            guard bytes.count + count <= maxFileBytes else {
                throw TLSError(operation: operation, openSSLErrors: ["larger than \(maxFileBytes) bytes"])
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        guard !bytes.isEmpty else {
            throw TLSError(operation: operation, openSSLErrors: ["the file is empty"])
        }
        return bytes
    }
}
