#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A manifest that could not be read at all; `check` exits 2 for it.
struct ManifestReadError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Reason: Sendable, Equatable {
        /// `open` or `read` failed with this errno.
        case system(Int32)
        /// The input is longer than the limit.
        case tooLarge(maxBytes: Int)
    }

    let file: String
    let reason: Reason

    init(file: String, reason: Reason) {
        self.file = file
        self.reason = reason
    }

    /// `cannot read: No such file or directory`, without the file name.
    var message: String {
        switch reason {
        case .system(let code): "cannot read: " + String(cString: strerror(code))
        case .tooLarge(let maxBytes): "cannot read: larger than \(maxBytes) bytes"
        }
    }

    var description: String { file + ": " + message }
}
