/// Where each value of a document was written: a tree shaped like the document's `JSONValue`, so a
/// `JSONPath` walks both together. A repeated alias shares its anchor's subtree (copy on write), so the
/// map costs no more than the text it describes.
indirect enum YAMLSourceNode: Sendable {
    /// A mapping entry: the line of the key and where its value was written.
    struct Entry: Sendable {
        var keyLine: Int
        var value: YAMLSourceNode
    }

    /// `line` is nil for an empty scalar (`key:` with nothing after it), whose position libyaml puts at the
    /// next token. `plainText` is the text of an unquoted scalar that YAML read as something other than
    /// a string (`20250115`, `yes`, `~`; not the empty scalar), kept so that a type error can suggest quoting it.
    case scalar(line: Int?, plainText: String?)
    case sequence(line: Int, items: [YAMLSourceNode])
    case mapping(line: Int, entries: [String: Entry])

    /// The line of the node itself, when known.
    var line: Int? {
        switch self {
        case .scalar(let line, _): line
        case .sequence(let line, _), .mapping(let line, _): line
        }
    }

    /// The same subtree, placed where an alias to it was written.
    func relocated(to line: Int) -> YAMLSourceNode {
        switch self {
        case .scalar(_, let plainText): .scalar(line: line, plainText: plainText)
        case .sequence(_, let items): .sequence(line: line, items: items)
        case .mapping(_, let entries): .mapping(line: line, entries: entries)
        }
    }
}
