/// Reads RFC 8259 JSON from UTF-8 bytes into a `JSONValue`, strictly and within limits, because the
/// bytes come from whoever can reach the webhook: a malformed or hostile body must end in a typed
/// error, never in a trap, a stack overflow or work that grows faster than the input.
///
/// Strict means: only space, tab, CR and LF as whitespace; no byte-order mark; numbers exactly as the
/// grammar has them (their text is kept, never converted); every string escape including surrogate
/// pairs, but a lone surrogate, invalid UTF-8 and an unescaped control character are errors; one value
/// and nothing after it. A repeated object key keeps its first position and its last value, as the
/// API server's decoder does.
///
/// The parser is iterative: open arrays and objects live on an explicit stack, so nesting costs heap,
/// not call stack, and `Limits.maxDepth` is a policy rather than a guard against crashing. Time is
/// linear in the input: each byte is looked at a bounded number of times, and strings are decoded
/// from byte runs rather than character by character.
///
/// A caller that reads only part of a large document can name members to skip: they are checked exactly
/// as if they were kept (same grammar, same limits, same errors at the same offsets, and they count
/// towards `maxValues`), but no value is built for them, which is where most of a parse's time goes.
public struct JSONParser: Sendable {
    /// Bounds on what one document may cost. The defaults accept any AdmissionReview the server's
    /// 7 MiB body limit lets through (for example a restore naming 20,000 tables, in both `object`
    /// and `oldObject`) and refuse what no Kubernetes object needs.
    public struct Limits: Sendable, Equatable {
        /// Longest input accepted; checked before any parsing. Default 8 MiB, above the server's body limit.
        public var maxBytes: Int
        /// Deepest nesting of arrays and objects (`[[1]]` is depth 2). Values are freed, compared and
        /// written recursively, so keep this modest; default 512, far beyond any Kubernetes object.
        public var maxDepth: Int
        /// Longest string, in bytes of its decoded UTF-8, keys included. Default 1 MiB, the size of the
        /// largest object etcd stores.
        public var maxStringBytes: Int
        /// Longest number literal, in characters. Default 256: an int64 needs 20 and a double's
        /// shortest form 24; the rest only makes converting the text expensive for whoever reads it.
        public var maxNumberBytes: Int
        /// Most values in the document, counting every scalar, array and object. Bounds the memory of
        /// the tree (a value is several times larger than its shortest text); default 1,000,000.
        public var maxValues: Int

        public init(
            maxBytes: Int = 8 * 1024 * 1024,
            maxDepth: Int = 512,
            maxStringBytes: Int = 1024 * 1024,
            maxNumberBytes: Int = 256,
            maxValues: Int = 1_000_000
        ) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
            self.maxStringBytes = maxStringBytes
            self.maxNumberBytes = maxNumberBytes
            self.maxValues = maxValues
        }
    }

    public let limits: Limits
    /// Members left out of the tree; see `init(limits:skipping:commonKeys:)`.
    public let skippedMembers: [JSONPath]
    private let skippedMemberTrie: SkippedMemberTrie
    private let commonKeys: CommonKeys

    /// `skipping` names object members by their path from the top (`JSONPath("request", "object",
    /// "metadata", "managedFields")`): each such member is left out of its object, wherever that object is
    /// reached only through keys. A path through an array index, or the empty path, skips nothing.
    ///
    /// `commonKeys` are object keys the documents are expected to repeat; they change no result, only
    /// what a parse costs: each is made into a `String` once, here, instead of once per occurrence.
    public init(limits: Limits = Limits(), skipping skippedMembers: [JSONPath] = [], commonKeys: [String] = []) {
        self.limits = limits
        self.skippedMembers = skippedMembers
        // The skipped paths' keys join the table, so the reader follows the trie by number wherever it can.
        let table = CommonKeys(commonKeys + SkippedMemberTrie.keyPaths(skippedMembers).joined())
        self.skippedMemberTrie = SkippedMemberTrie(skippedMembers, commonKeys: table)
        self.commonKeys = table
    }

    /// Parses exactly one JSON value that fills `bytes`, surrounding whitespace aside.
    public func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        guard bytes.count <= limits.maxBytes else {
            throw JSONParseError(kind: .inputTooLarge(limit: limits.maxBytes), offset: limits.maxBytes, in: bytes)
        }
        var reader = JSONReader(bytes: bytes, limits: limits, skipping: skippedMemberTrie, commonKeys: commonKeys)
        return try reader.readDocument()
    }

    /// Parses the UTF-8 of `text`; for tests and literals in code, since request bodies arrive as bytes.
    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}
