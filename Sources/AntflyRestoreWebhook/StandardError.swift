import Foundation

/// Diagnostics go to standard error, so they never mix with output that may be piped
/// (`check -o yaml | kubectl apply -f -`).
enum StandardError {
    static func writeLine(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
