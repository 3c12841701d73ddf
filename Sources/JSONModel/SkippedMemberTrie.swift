/// The object members `JSONParser` checks but leaves out of the tree, as a trie of their keys, so the
/// reader follows it one key at a time while it walks the document: an object gets the trie node of the
/// key that led to it, and a key whose node ends a path marks a member to skip.
struct SkippedMemberTrie: Sendable {
    /// One step of a path; `node` indexes `nodes`.
    private struct Edge: Sendable {
        let key: String
        /// `key.utf8.count`, kept so the scan compares integers and reaches for the string only on a match.
        let length: Int
        let node: Int
    }

    private struct Node: Sendable {
        var edges: [Edge] = []
        /// A path ends here: the member with this key is skipped, whatever is below it.
        var endsPath = false
    }

    /// The node for the document's top level; `nodes` is never empty.
    static let root = 0

    private var nodes = [Node()]

    /// Only paths made of object keys can match a member; an empty path (the document itself) or one
    /// with an array index skips nothing.
    init(_ paths: [JSONPath]) {
        for path in paths {
            var keys: [String] = []
            for component in path.components {
                guard case .key(let key) = component else { break }
                keys.append(key)
            }
            guard keys.count == path.components.count, !keys.isEmpty else { continue }
            add(keys)
        }
    }

    /// True when no path can match, so the reader need not follow the trie at all.
    var isEmpty: Bool { nodes[Self.root].edges.isEmpty }

    private mutating func add(_ keys: [String]) {
        var node = Self.root
        for key in keys {
            if let next = child(of: node, key: key) {
                node = next
            } else {
                nodes.append(Node())
                nodes[node].edges.append(Edge(key: key, length: key.utf8.count, node: nodes.count - 1))
                node = nodes.count - 1
            }
        }
        nodes[node].endsPath = true
    }

    /// The node reached from `node` by the member `key`, or `nil` when no path continues that way.
    /// Edges are few (a handful per level), so a scan beats hashing the key; lengths are compared first
    /// because most keys of a Kubernetes object differ from the wanted one in length.
    func child(of node: Int, key: String) -> Int? {
        let length = key.utf8.count
        for edge in nodes[node].edges where edge.length == length && edge.key == key {
            return edge.node
        }
        return nil
    }

    /// Whether the member that led to `node` is skipped.
    func endsPath(_ node: Int) -> Bool {
        nodes[node].endsPath
    }
}
