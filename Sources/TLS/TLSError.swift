internal import COpenSSL
import Glibc

/// A TLS failure, with OpenSSL's error queue drained at the point of failure.
///
/// `operation` names what we were doing in our words (including the file it concerned), and
/// `openSSLErrors` holds the reasons in the order OpenSSL queued them; for a failed system call
/// (reading a file, a socket error mid-handshake) it holds the `strerror` text instead. The
/// description is what goes into logs and start-up errors.
public struct TLSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What failed, e.g. `check private key /etc/tls/tls.key against certificate /etc/tls/tls.crt`.
    public var operation: String
    /// OpenSSL's reasons (`key values mismatch (x509 certificate routines)`), or the system error text.
    public var openSSLErrors: [String]

    public init(operation: String, openSSLErrors: [String]) {
        self.operation = operation
        self.openSSLErrors = openSSLErrors
    }

    public var description: String {
        openSSLErrors.isEmpty ? operation : "\(operation): \(openSSLErrors.joined(separator: "; "))"
    }

    /// Builds an error from OpenSSL's thread-local error queue and leaves the queue empty, so the
    /// next call on this thread starts clean.
    static func draining(operation: String) -> TLSError {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            let reason = describe(code)
            // OpenSSL often queues the same reason from several layers; once is enough.
            if reasons.last != reason { reasons.append(reason) }
        }
        return TLSError(operation: operation, openSSLErrors: reasons)
    }

    /// An error for a failed system call, with the errno read by the caller right after the call.
    static func system(operation: String, errorNumber: Int32) -> TLSError {
        TLSError(operation: operation, openSSLErrors: [String(cString: strerror(errorNumber))])
    }

    private static func describe(_ code: UInt) -> String {
        if let reason = ERR_reason_error_string(code) {
            let text = String(cString: reason)
            if let library = ERR_lib_error_string(code) {
                return "\(text) (\(String(cString: library)))"
            }
            return text
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 256) { buffer in
            guard let base = buffer.baseAddress else { return "OpenSSL error \(code)" }
            ERR_error_string_n(code, base, buffer.count)
            return String(cString: base)
        }
    }
}
