/// Why a YAML stream could not become JSON documents, and where: `check` prints it as
/// `FILE:LINE:COLUMN: error: message`, so a user can jump to the spot in an editor.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong. Syntax problems carry libyaml's own words; the others are ours, raised while
    /// turning libyaml's events into JSON the way kubectl (sigs.k8s.io/yaml over go-yaml v2) would.
    public enum Kind: Sendable, Equatable {
        /// libyaml refused the text: its problem, and the context it was in (possibly empty).
        case syntax(problem: String, context: String)
        /// The input is larger than `YAMLDecoder.Limits.maxBytes`.
        case tooLarge(maxBytes: Int)
        /// Mappings and sequences nest deeper than `YAMLDecoder.Limits.maxDepth`, aliases included.
        case tooDeep(maxDepth: Int)
        /// Aliases would repeat more nodes than `YAMLDecoder.Limits.maxAliasExpansion` (a "billion laughs").
        case tooManyAliasedNodes(maxAliasExpansion: Int)
        /// `*name` with no `&name` before it in the same document.
        case unknownAnchor(String)
        /// `*name` inside the node that `&name` is still defining.
        case recursiveAlias(String)
        /// A mapping key JSON cannot have: null, a mapping, a sequence, or an integer beyond Int64.
        case unsupportedKey(String)
        /// `.inf`, `-.inf` or `.nan`: JSON has no such numbers, so kubectl fails on them too.
        case nonFiniteNumber(String)
        /// An explicit tag the value does not fit, as `!!int abc`.
        case tagMismatch(value: String, resolved: String, tag: String)
        /// `!!binary`, which sigs.k8s.io/yaml does not support either.
        case binaryUnsupported
        /// `<<` whose value is not a mapping or a sequence of mappings.
        case invalidMerge
    }

    /// What went wrong; tests and callers match on it, `message` renders it.
    public let kind: Kind
    /// 1-based line of the problem.
    public let line: Int
    /// 1-based column of the problem, counted in characters.
    public let column: Int

    /// An error at a 1-based line and column.
    public init(_ kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    /// One sentence, without the position.
    public var message: String {
        switch kind {
        case .syntax(let problem, let context):
            context.isEmpty ? problem : "\(problem) (\(context))"
        case .tooLarge(let maxBytes):
            "the input is larger than \(maxBytes) bytes"
        case .tooDeep(let maxDepth):
            "mappings and sequences nest deeper than \(maxDepth) levels"
        case .tooManyAliasedNodes(let maxAliasExpansion):
            "aliases expand to more than \(maxAliasExpansion) nodes; refusing to expand further (is this a \"billion laughs\" document?)"
        case .unknownAnchor(let name):
            "alias *\(name) refers to no anchor &\(name) defined before it in this document"
        case .recursiveAlias(let name):
            "alias *\(name) is inside the node that anchor &\(name) defines"
        case .unsupportedKey(let key):
            "a mapping key must be a string, a number or a boolean, not \(key)"
        case .nonFiniteNumber(let text):
            "\(text) is not a number JSON can carry (no infinity or NaN); quote it if it is meant as a string"
        case .tagMismatch(let value, let resolved, let tag):
            "cannot decode \(resolved) `\(value)` as a \(tag)"
        case .binaryUnsupported:
            "!!binary values are not supported; write the base64 text as a plain string"
        case .invalidMerge:
            "map merge (<<) requires a mapping or a sequence of mappings as its value"
        }
    }

    /// `LINE:COLUMN: message`, for logs and test failures.
    public var description: String { "\(line):\(column): \(message)" }
}
