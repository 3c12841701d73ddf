/// `spec.source.location` (SPEC §5 rule 5): `s3://BUCKET[/PREFIX]` or `file:///ABSOLUTE/PATH`, and
/// nothing that could point the restore somewhere else (credentials, a query, a fragment, `..` segments,
/// whitespace or control characters).
enum BackupLocation: Equatable {
    case s3
    /// Well-formed, but for testing only: policy warns or denies.
    case file
    /// Malformed; the detail says what is wrong and how to write it.
    case invalid(String)

    static let bucketLengths = 3...222

    /// Judges `location`, reporting the first problem found, most fundamental first.
    static func classify(_ location: String) -> BackupLocation {
        if !isVisibleASCII(location),
            location.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        {
            return .invalid("must not contain whitespace or control characters")
        }
        // Compared byte by byte, never as Characters, so a combining mark cannot hide a "/" or an "@". Every
        // delimiter below is ASCII, and no byte of a multi-byte UTF-8 sequence is, so bytes find exactly the
        // delimiters that Unicode scalars would, without decoding them.
        let bytes = Array(location.utf8)
        let isS3: Bool
        let rest: ArraySlice<UInt8>
        if bytes.starts(with: "s3://".utf8) {
            isS3 = true
            rest = bytes.dropFirst(5)
        } else if bytes.starts(with: "file://".utf8) {
            isS3 = false
            rest = bytes.dropFirst(7)
        } else {
            return .invalid(schemeProblem(location))
        }
        let slash = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
        let authority = rest[..<slash]
        let path = rest[slash...]

        if authority.contains(UInt8(ascii: "@")) {
            return .invalid("must not contain credentials (user:pass@): put them in the Secret named by spec.source.credentialsSecret")
        }
        if bytes.contains(UInt8(ascii: "?")) { return .invalid("must not contain a query (?...)") }
        if bytes.contains(UInt8(ascii: "#")) { return .invalid("must not contain a fragment (#...)") }
        if hasDotDotSegment(path) {
            return .invalid("must not contain '..' path segments: the restore must stay inside the location")
        }
        if isS3 {
            if authority.isEmpty { return .invalid("a bucket is required: s3://BUCKET[/PREFIX]") }
            if authority.contains(UInt8(ascii: ":")) {
                return .invalid("the bucket must not have a port: write s3://BUCKET[/PREFIX] and put a custom endpoint in AWS_ENDPOINT_URL of the credentials Secret")
            }
            if !isBucket(authority) {
                return .invalid("the bucket must be 3-222 characters of lowercase letters, digits, '.', '-' or '_', starting and ending with a letter or digit")
            }
            return .s3
        }
        if !authority.isEmpty {
            return .invalid("a file:// location must have no host part: use file:///ABSOLUTE/PATH")
        }
        if path.isEmpty { return .invalid("a file:// location needs an absolute path: file:///ABSOLUTE/PATH") }
        return .file
    }

    /// The detail for a location with neither prefix, with a hint for the near misses people write.
    private static func schemeProblem(_ location: String) -> String {
        let lowercased = location.lowercased()
        if lowercased.hasPrefix("s3://") || lowercased.hasPrefix("file://") {
            return "must start with s3:// or file:// (lowercase)"
        }
        if lowercased.hasPrefix("gs://") {
            return "must start with s3:// or file://: reach GCS through its S3 API with s3://BUCKET and AWS_ENDPOINT_URL in the credentials Secret"
        }
        return "must start with s3:// or file://"
    }

    /// A `..` segment, written plainly or percent-encoded (`%2e%2e`, any case), which a storage client may resolve.
    /// Walks the segments in place: `split` would build an array of them for every restore judged.
    private static func hasDotDotSegment(_ path: ArraySlice<UInt8>) -> Bool {
        var segmentStart = path.startIndex
        for index in path.indices where path[index] == UInt8(ascii: "/") {
            if isDotDot(path[segmentStart..<index]) { return true }
            segmentStart = index + 1
        }
        return isDotDot(path[segmentStart...])
    }

    /// Exactly two dots once each `%2e` / `%2E` is read as one.
    private static func isDotDot(_ segment: ArraySlice<UInt8>) -> Bool {
        var rest = segment
        var dots = 0
        while let first = rest.first, dots < 3 {
            if first == UInt8(ascii: ".") {
                rest = rest.dropFirst()
            } else if first == UInt8(ascii: "%"), rest.dropFirst().first == UInt8(ascii: "2"),
                rest.dropFirst(2).first == UInt8(ascii: "e") || rest.dropFirst(2).first == UInt8(ascii: "E")
            {
                rest = rest.dropFirst(3)
            } else {
                return false
            }
            dots += 1
        }
        return dots == 2 && rest.isEmpty
    }

    /// Printable ASCII without space: no whitespace or control character, decided without Unicode tables.
    private static func isVisibleASCII(_ text: String) -> Bool {
        let bytes = text.utf8.span
        for index in bytes.indices where bytes[index] < 0x21 || bytes[index] > 0x7E { return false }
        return true
    }

    private static func isBucket(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bucketLengths.contains(bytes.count), let first = bytes.first, let last = bytes.last,
            isLowercaseAlphanumeric(first), isLowercaseAlphanumeric(last)
        else { return false }
        return bytes.allSatisfy { isLowercaseAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    private static func isLowercaseAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
