public import JSONModel

/// One RFC 6902 operation. Defaulting needs only `add` (the member is absent) and `replace` (it is
/// `null` or empty), so nothing else is modelled.
public struct JSONPatchOperation: Sendable, Equatable {
    public enum Operation: String, Sendable, CaseIterable {
        case add
        case replace
    }

    public var op: Operation
    public var path: JSONPath
    public var value: JSONValue

    public init(op: Operation, path: JSONPath, value: JSONValue) {
        self.op = op
        self.path = path
        self.value = value
    }

    /// Appends `{"op":"add","path":"/spec/backoffLimit","value":3}`, members in the order RFC 6902 shows them.
    func write(into bytes: inout [UInt8]) {
        bytes.append(contentsOf: #"{"op":"#.utf8)
        JSONWriter.writeString(op.rawValue, into: &bytes)
        bytes.append(contentsOf: #","path":"#.utf8)
        JSONWriter.writeString(utf8: path.jsonPointerUTF8, into: &bytes)
        bytes.append(contentsOf: #","value":"#.utf8)
        JSONWriter.write(value, into: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }
}
