public import JSONModel

/// One RFC 6902 operation. Defaulting needs only `add` (the member is absent) and `replace` (it is
/// `null` or empty), so nothing else is modelled.
public struct JSONPatchOperation: Sendable, Equatable {
    public enum Operation: String, Sendable, CaseIterable {
        case add
        case replace
    }

    public let op: Operation
    public let path: JSONPath
    public let value: JSONValue
    /// The operation as JSON, `{"op":"add","path":"/spec/backoffLimit","value":3}` (members in the order
    /// RFC 6902 shows them), written once here: the defaulter builds its few operations once, and every
    /// mutating answer then copies their bytes instead of writing pointers and values again.
    let json: [UInt8]

    public init(op: Operation, path: JSONPath, value: JSONValue) {
        self.op = op
        self.path = path
        self.value = value
        var json = Array(#"{"op":"#.utf8)
        JSONWriter.writeString(op.rawValue, into: &json)
        json.append(contentsOf: #","path":"#.utf8)
        JSONWriter.writeString(path.jsonPointer, into: &json)
        json.append(contentsOf: #","value":"#.utf8)
        JSONWriter.write(value, into: &json)
        json.append(UInt8(ascii: "}"))
        self.json = json
    }
}
