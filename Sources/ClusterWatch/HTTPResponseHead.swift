import FoundationEssentials

/// The status line and headers of an API server response, parsed from the bytes before the blank line.
///
/// Only what the client acts on is kept: the status code, and how the body is framed.
struct HTTPResponseHead: Equatable {
    /// How the body ends.
    enum Framing: Equatable {
        /// `Transfer-Encoding: chunked` (lists and watches of any size).
        case chunked
        /// `Content-Length`: exactly this many bytes.
        case length(Int)
        /// Neither: the body ends when the server closes (we always send `Connection: close`).
        case untilClose
    }

    /// A response head is a few hundred bytes; anything near this is not an API server.
    static let maxBytes = 64 * 1024

    let status: Int
    let framing: Framing

    /// Parses `bytes` (status line and header lines, without the final blank line).
    init(parsing bytes: ArraySlice<UInt8>) throws(APIServerError) {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        guard let statusLine = lines.first else {
            throw APIServerError.malformed("empty response")
        }
        let parts = statusLine.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].starts(with: Array("HTTP/1.".utf8)), parts[1].count == 3,
            let status = Int(String(decoding: parts[1], as: UTF8.self)), (100...599).contains(status)
        else {
            throw APIServerError.malformed("not an HTTP/1.x status line: \(Self.printable(statusLine))")
        }
        var framing = Framing.untilClose
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw APIServerError.malformed("header line without a colon: \(Self.printable(line))")
            }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: line[line.index(after: colon)...], as: UTF8.self)
                .trimmingWhitespace()
            switch name {
            case "transfer-encoding":
                guard value.lowercased() == "chunked" else {
                    throw APIServerError.malformed("unsupported Transfer-Encoding \(value)")
                }
                framing = .chunked
            case "content-length" where framing != .chunked:
                guard let length = Int(value), length >= 0 else {
                    throw APIServerError.malformed("bad Content-Length \(value)")
                }
                framing = .length(length)
            default:
                continue
            }
        }
        self.status = status
        self.framing = framing
    }

    /// At most 80 printable ASCII characters of a line, for an error message.
    private static func printable(_ line: ArraySlice<UInt8>) -> String {
        String(decoding: line.prefix(80).map { (0x20..<0x7f).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }
}
