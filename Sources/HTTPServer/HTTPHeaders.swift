/// Header fields in the order received, with case-insensitive lookup (field names are ASCII tokens).
///
/// The fields are kept as bytes, with where each name and value is, and become `String`s only when
/// read: a request brings half a dozen fields and the webhook reads one (`Content-Type`), where
/// decoding every name and value cost ~150 instructions a string, and an allocation for each one over
/// 15 bytes, on every request.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// One field line; `name` keeps the sender's spelling.
    public struct Field: Sendable, Equatable {
        public let name: String
        public let value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Where one field line's name and value are in `bytes`.
    private struct Line: Sendable {
        let name: Range<Int>
        let value: Range<Int>
    }

    /// The fields' names and values, back to back (a received block keeps its own layout).
    private var bytes: [UInt8] = []
    private var lines: [Line] = []

    /// Every field line, in order, duplicates included.
    public var fields: [Field] { lines.map(field) }

    public init(_ fields: [Field] = []) {
        for field in fields { add(name: field.name, value: field.value) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { add(name: name, value: value) }
    }

    /// No fields yet, with the bytes of the received header block `block`, whose lines `addReceived`
    /// then adds one by one.
    init(receivedBlock block: ArraySlice<UInt8>, lineCapacity: Int) {
        bytes = Array(block)
        lines.reserveCapacity(lineCapacity)
    }

    /// Adds a line of the block given to `init(receivedBlock:lineCapacity:)`: `name` and `value` are
    /// slices of it, and `blockStart` is its first index.
    mutating func addReceived(name: ArraySlice<UInt8>, value: ArraySlice<UInt8>, blockStart: Int) {
        lines.append(Line(
            name: (name.startIndex - blockStart)..<(name.endIndex - blockStart),
            value: (value.startIndex - blockStart)..<(value.endIndex - blockStart)))
    }

    public mutating func add(name: String, value: String) {
        let nameStart = bytes.count
        bytes.append(contentsOf: name.utf8)
        let valueStart = bytes.count
        bytes.append(contentsOf: value.utf8)
        lines.append(Line(name: nameStart..<valueStart, value: valueStart..<bytes.count))
    }

    /// The field's value; several lines of the same name are joined with ", " as RFC 9110 §5.3 allows.
    public subscript(name: String) -> String? {
        // One line, the usual case, is returned as it is, without collecting it into an array first.
        guard let first = lines.firstIndex(where: { isNamed($0, name) }) else { return nil }
        guard lines[(first + 1)...].contains(where: { isNamed($0, name) }) else { return string(lines[first].value) }
        return values(for: name).joined(separator: ", ")
    }

    /// Each line's value for `name`, in order; a miss allocates nothing.
    public func values(for name: String) -> [String] {
        var values: [String] = []
        for line in lines where isNamed(line, name) {
            values.append(string(line.value))
        }
        return values
    }

    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }

    /// The lines as they would be sent (`[Host: x, Accept: a]`), not the bytes and ranges they are kept as.
    public var description: String {
        "[" + fields.map { "\($0.name): \($0.value)" }.joined(separator: ", ") + "]"
    }

    /// Equal when the same lines come in the same order, however the bytes are laid out.
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields == rhs.fields
    }

    /// ASCII case-insensitive comparison (field names are tokens, so this is exact).
    static func namesMatch(_ left: String, _ right: String) -> Bool {
        namesMatch(left.utf8.span, right.utf8.span)
    }

    private static func namesMatch(_ a: Span<UInt8>, _ b: Span<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for index in a.indices where ASCII.lowercased(a[index]) != ASCII.lowercased(b[index]) {
            return false
        }
        return true
    }

    private func isNamed(_ line: Line, _ name: String) -> Bool {
        Self.namesMatch(bytes.span.extracting(line.name), name.utf8.span)
    }

    private func field(_ line: Line) -> Field {
        Field(name: string(line.name), value: string(line.value))
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
