public import JSONModel

/// One non-empty document of a YAML stream, as the JSON kubectl would send, together with the lines its
/// values came from, so that an error on `spec.backoffLimit` can be reported at `restore.yaml:14`.
public struct YAMLDocument: Sendable {
    /// The document as JSON: keys in the order written, numbers as encoding/json would write them.
    public let value: JSONValue
    /// 0-based position of the document in its stream, counting empty documents, which are not returned.
    public let index: Int
    /// 1-based line where the document starts: its `---`, or its first content when it has none.
    public let startLine: Int
    let source: YAMLSourceNode

    init(value: JSONValue, index: Int, startLine: Int, source: YAMLSourceNode) {
        self.value = value
        self.index = index
        self.startLine = startLine
        self.source = source
    }

    /// The 1-based line to report for `path`. For a field that is present: the line of its value when
    /// that is a non-empty scalar (`backupId: 20250115`, or a sequence item), otherwise the line of its
    /// key, since a block mapping or sequence begins on the line after its key. For a field that is
    /// missing: the line of the nearest parent that is present (its key line), so `spec.source.backupId`
    /// missing is reported at `source:`. The empty path is the document's first line.
    public func line(of path: JSONPath) -> Int {
        var node = source
        var keyLine: Int? = nil
        var best = source.line ?? startLine
        for component in path.components {
            let next: YAMLSourceNode
            switch (component, node) {
            case (.key(let key), .mapping(_, let entries)):
                guard let entry = entries[key] else { return best }
                keyLine = entry.keyLine
                next = entry.value
            case (.index(let index), .sequence(_, let items)) where items.indices.contains(index):
                keyLine = nil
                next = items[index]
            default:
                return best
            }
            node = next
            if case .scalar(let line?, _) = next {
                best = line
            } else {
                best = keyLine ?? next.line ?? best
            }
        }
        return best
    }

    /// The text as written when the value at `path` was an unquoted scalar that YAML read as a number, a
    /// boolean or null (`20250115`, `0x1F`, `yes`, `~`); nil for strings, quoted scalars and collections.
    /// A type error on such a value usually means the author meant a string and should quote it.
    public func plainText(at path: JSONPath) -> String? {
        var node = source
        for component in path.components {
            switch (component, node) {
            case (.key(let key), .mapping(_, let entries)):
                guard let entry = entries[key] else { return nil }
                node = entry.value
            case (.index(let index), .sequence(_, let items)) where items.indices.contains(index):
                node = items[index]
            default:
                return nil
            }
        }
        if case .scalar(_, let plainText) = node { return plainText }
        return nil
    }
}
