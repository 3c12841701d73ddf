/// The object members `JSONParser` checks but leaves out of the tree, as a trie of their keys, so the
/// reader follows it one key at a time while it walks the document: an object gets the trie node of the
/// key that led to it, and a key whose node ends a path marks a member to skip.
struct SkippedMemberTrie: Sendable {
    /// The edges leaving one node.
    private struct Node: Sendable {
        var keys: [String] = []
        /// `keys[n].utf8.count`, kept so a scan compares integers and reaches for a string only on a match.
        var lengths: [Int] = []
        var children: [Int] = []
        /// The child for each `CommonKeys` number (`none` where no edge has that key), so a key the reader
        /// found in the table is followed with one array read.
        var childByID: [Int]
        /// A path ends here: the member with this key is skipped, whatever is below it.
        var endsPath = false

        init(commonKeyCount: Int) {
            childByID = Array(repeating: none, count: commonKeyCount)
        }
    }

    /// The node for the document's top level; `nodes` is never empty.
    static let root = 0
    private static let none = -1

    private var nodes: [Node]

    /// The keys of each path that can match a member. Only paths made of object keys can: an empty path
    /// (the document itself) or one with an array index skips nothing.
    static func keyPaths(_ paths: [JSONPath]) -> [[String]] {
        paths.compactMap { path in
            let keys = path.components.compactMap { component -> String? in
                guard case .key(let key) = component else { return nil }
                return key
            }
            return keys.count == path.components.count && !keys.isEmpty ? keys : nil
        }
    }

    /// `commonKeys` numbers the edges: a key the reader finds in the table is then followed by its number.
    init(_ paths: [JSONPath], commonKeys: CommonKeys) {
        nodes = [Node(commonKeyCount: commonKeys.count)]
        for keys in Self.keyPaths(paths) {
            add(keys, commonKeys: commonKeys)
        }
    }

    /// True when no path can match, so the reader need not follow the trie at all.
    var isEmpty: Bool { nodes[Self.root].keys.isEmpty }

    private mutating func add(_ keys: [String], commonKeys: CommonKeys) {
        var node = Self.root
        for key in keys {
            if let next = child(of: node, key: key, id: nil) {
                node = next
            } else {
                let next = nodes.count
                nodes.append(Node(commonKeyCount: commonKeys.count))
                nodes[node].keys.append(key)
                nodes[node].lengths.append(key.utf8.count)
                nodes[node].children.append(next)
                if let id = commonKeys.id(of: key) { nodes[node].childByID[id] = next }
                node = next
            }
        }
        nodes[node].endsPath = true
    }

    /// The node reached from `node` by the member `key`, or `nil` when no path continues that way. `id` is
    /// the key's number when the reader found it in the same `CommonKeys` that numbered the edges: an edge
    /// whose key the table holds is in `childByID`, and no other edge can hold a key the table does.
    /// Without one (a long key, one with escapes, one at the end of the input) the edges are scanned: they
    /// are few (a handful per level), and lengths are compared first, as most keys differ in length.
    func child(of node: Int, key: String, id: Int?) -> Int? {
        if let id {
            let child = nodes[node].childByID[id]
            return child == Self.none ? nil : child
        }
        let length = key.utf8.count
        for edge in nodes[node].lengths.indices where nodes[node].lengths[edge] == length && nodes[node].keys[edge] == key {
            return nodes[node].children[edge]
        }
        return nil
    }

    /// Whether the member that led to `node` is skipped.
    func endsPath(_ node: Int) -> Bool {
        nodes[node].endsPath
    }
}
