/// Header fields in the order received, with case-insensitive lookup (field names are ASCII tokens).
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// One field line; `name` keeps the sender's spelling.
    public struct Field: Sendable, Equatable {
        public let name: String
        public let value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Every field line, in order, duplicates included.
    public private(set) var fields: [Field]

    public init(_ fields: [Field] = []) {
        self.fields = fields
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// The field's value; several lines of the same name are joined with ", " as RFC 9110 §5.3 allows.
    public subscript(name: String) -> String? {
        // One line, the usual case, is returned as it is, without collecting it into an array first.
        guard let first = fields.firstIndex(where: { Self.namesMatch($0.name, name) }) else { return nil }
        guard fields[(first + 1)...].contains(where: { Self.namesMatch($0.name, name) }) else { return fields[first].value }
        return values(for: name).joined(separator: ", ")
    }

    /// Each line's value for `name`, in order; a miss allocates nothing.
    public func values(for name: String) -> [String] {
        var values: [String] = []
        for field in fields where Self.namesMatch(field.name, name) {
            values.append(field.value)
        }
        return values
    }

    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }

    /// ASCII case-insensitive comparison (field names are tokens, so this is exact).
    static func namesMatch(_ left: String, _ right: String) -> Bool {
        let a = left.utf8.span, b = right.utf8.span
        guard a.count == b.count else { return false }
        for index in a.indices where ASCII.lowercased(a[index]) != ASCII.lowercased(b[index]) {
            return false
        }
        return true
    }
}
