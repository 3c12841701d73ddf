import JSONModel

/// JSON with one member or element per line, for people reading `check -o json`. Strings and keys are
/// escaped by `JSONWriter`, the one JSON string renderer.
struct IndentedJSONWriter {
    private(set) var output = ""

    mutating func write(_ value: JSONValue, indent: Int) {
        switch value {
        case .array(let items) where !items.isEmpty:
            output += "[\n"
            for (offset, item) in items.enumerated() {
                output += String(repeating: " ", count: indent + 4)
                write(item, indent: indent + 4)
                output += offset + 1 < items.count ? ",\n" : "\n"
            }
            output += String(repeating: " ", count: indent) + "]"
        case .object(let object) where !object.isEmpty:
            output += "{\n"
            for (offset, member) in object.members.enumerated() {
                output += String(repeating: " ", count: indent + 4) + JSONWriter.string(.string(member.key)) + ": "
                write(member.value, indent: indent + 4)
                output += offset + 1 < object.count ? ",\n" : "\n"
            }
            output += String(repeating: " ", count: indent) + "}"
        default:
            output += JSONWriter.string(value)
        }
    }
}
