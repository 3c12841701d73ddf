import HTTPServer

/// Diagnostics go to standard error, so they never mix with output that may be piped
/// (`check -o yaml | kubectl apply -f -`).
enum StandardError {
    static func writeLine(_ line: String) {
        StandardStream.error.write(Array((line + "\n").utf8))
    }
}
