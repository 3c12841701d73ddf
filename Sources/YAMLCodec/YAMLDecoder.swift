/// Reads Kubernetes manifests: a YAML stream of any number of documents becomes the JSON documents kubectl
/// would send (see `YAMLScalar` for how scalars resolve), each with a map back to the lines it came from.
///
/// * Empty documents (a bare `---`, only comments, or an explicit `null`) are skipped.
/// * Anchors and aliases are expanded, and go-yaml's merge key `<<` is honoured (a later key overrides
///   what the merge brought in; in a sequence of merged mappings the first wins).
/// * Duplicate keys: the last one wins, as with go-yaml v2 (kubectl does not refuse them either).
/// * Map keys that are numbers or booleans become strings as sigs.k8s.io/yaml makes them (`1`, `true`);
///   null, mapping and sequence keys are errors.
public enum YAMLDecoder {
    /// Bounds that keep a hostile manifest from costing more than its size. Expanding an alias is cheap
    /// here (the anchored value is shared), but whoever walks the result pays for every expanded node.
    public struct Limits: Sendable, Equatable {
        /// The largest input accepted.
        public var maxBytes: Int
        /// The deepest nesting of mappings and sequences, counted through aliases. The decoder recurses
        /// once per level, as do the walkers of the result.
        public var maxDepth: Int
        /// How many nodes aliases may repeat, over the whole stream. A "billion laughs" document, ten
        /// aliases to ten aliases to ... ten strings, fails after this many instead of exhausting memory.
        public var maxAliasExpansion: Int

        /// 64 MiB, 128 levels (a restore needs 4, a List of them 6), one million aliased nodes.
        public init(maxBytes: Int = 64 << 20, maxDepth: Int = 128, maxAliasExpansion: Int = 1_000_000) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
            self.maxAliasExpansion = maxAliasExpansion
        }
    }

    /// The non-empty documents of `bytes` (UTF-8, or UTF-16 with a byte order mark), in order.
    public static func parse(_ bytes: [UInt8], limits: Limits = Limits()) throws(YAMLError) -> [YAMLDocument] {
        guard bytes.count <= limits.maxBytes else {
            throw YAMLError(.tooLarge(maxBytes: limits.maxBytes), line: 1, column: 1)
        }
        var composer = try YAMLComposer(parser: LibYAMLParser(bytes: bytes), limits: limits)
        return try composer.documents()
    }

    /// The non-empty documents of `text`, in order.
    public static func parse(_ text: String, limits: Limits = Limits()) throws(YAMLError) -> [YAMLDocument] {
        try parse(Array(text.utf8), limits: limits)
    }
}
