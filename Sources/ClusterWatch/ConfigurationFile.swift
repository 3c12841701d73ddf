import Glibc

/// Reads a small local file that configures API access: a kubeconfig, a bearer token.
///
/// The size limit is checked on the opened file and again while reading, so it holds through symlinks
/// (the kubelet mounts the token as `token -> ..data/token`) and for a file that grows. Not
/// `Data(contentsOf:)`: it leaks the 4 KiB buffer it reads an empty file into (swift-foundation,
/// Swift 6.3.1), and the token file is read again before every request.
enum ConfigurationFile {
    /// Why the file could not be read: `strerror`'s text, or the limit it exceeds.
    struct ReadError: Error, Equatable, CustomStringConvertible {
        let description: String

        static func system(_ code: Int32) -> ReadError {
            ReadError(description: String(cString: strerror(code)))
        }

        static func tooLarge(maxBytes: Int) -> ReadError {
            ReadError(description: "larger than \(maxBytes) bytes")
        }
    }

    static func read(_ path: String, maxBytes: Int) throws(ReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .system(errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw ReadError(description: "not a regular file") }
        guard info.st_size <= maxBytes else { throw .tooLarge(maxBytes: maxBytes) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = Glibc.read(descriptor, &chunk, chunk.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw .system(errno)
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= maxBytes else { throw .tooLarge(maxBytes: maxBytes) }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
}
