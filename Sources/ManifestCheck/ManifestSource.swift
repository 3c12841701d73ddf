#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one manifest file and the name diagnostics use for it.
struct ManifestSource: Sendable {
    /// The path as given, or `<stdin>`.
    let name: String
    let bytes: [UInt8]

    init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// How diagnostics name standard input.
    static let standardInputName = "<stdin>"

    /// Reads `path`, or standard input for `-`, to its end; refuses more than `maxBytes`, so a huge or
    /// endless input (`/dev/zero`) fails early instead of exhausting memory.
    static func load(path: String, maxBytes: Int) throws(ManifestReadError) -> ManifestSource {
        let isStandardInput = path == "-"
        let name = isStandardInput ? standardInputName : path
        let descriptor = isStandardInput ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ManifestReadError(file: name, reason: .system(errno)) }
        defer { if !isStandardInput { close(descriptor) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw ManifestReadError(file: name, reason: .system(errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
            guard bytes.count <= maxBytes else { throw ManifestReadError(file: name, reason: .tooLarge(maxBytes: maxBytes)) }
        }
        return ManifestSource(name: name, bytes: bytes)
    }
}
