/// The name formats of k8s.io/apimachinery's `validation` package, with its exact messages, so that a bad
/// `clusterRef.name` reads here as it would in `kubectl`. Like Kubernetes, each check returns every
/// problem it finds (too long *and* malformed are two errors); lengths are in bytes, as Go's `len`.
enum KubernetesName {
    static let labelMaxLength = 63
    static let subdomainMaxLength = 253

    private static let labelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    private static let subdomainFormat = labelFormat + "(\\." + labelFormat + ")*"

    static let labelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '"
        + labelFormat + "')"
    static let subdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '"
        + subdomainFormat + "')"

    /// `IsDNS1123Label`: namespaces.
    static func labelProblems(_ value: String) -> [String] {
        var problems: [String] = []
        if value.utf8.count > labelMaxLength { problems.append(maxLengthMessage(labelMaxLength)) }
        if !isLabel(value.utf8.span) {
            problems.append(isSubdomain(value) ? "must not contain dots" : labelMessage)
        }
        return problems
    }

    /// `IsDNS1123Subdomain`: object names such as an AntflyCluster's or a Secret's.
    static func subdomainProblems(_ value: String) -> [String] {
        var problems: [String] = []
        if value.utf8.count > subdomainMaxLength { problems.append(maxLengthMessage(subdomainMaxLength)) }
        if !isSubdomain(value) { problems.append(subdomainMessage) }
        return problems
    }

    /// `MaxLenError`.
    static func maxLengthMessage(_ length: Int) -> String {
        "must be no more than \(length) characters"
    }

    /// Dot-separated labels, found in one pass over the bytes: every validating request checks two names,
    /// and splitting them into an array of slices cost more than the checks.
    private static func isSubdomain(_ value: String) -> Bool {
        let bytes = value.utf8.span
        var labelStart = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ".") {
            guard isLabel(bytes.extracting(labelStart..<index)) else { return false }
            labelStart = index + 1
        }
        return true
    }

    /// `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
    private static func isLabel(_ bytes: Span<UInt8>) -> Bool {
        guard !bytes.isEmpty, isAlphanumeric(bytes[0]), isAlphanumeric(bytes[bytes.count - 1]) else { return false }
        for index in bytes.indices where !isAlphanumeric(bytes[index]) && bytes[index] != UInt8(ascii: "-") {
            return false
        }
        return true
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
