public import JSONModel

/// An RFC 6902 JSON Patch, as the mutating webhook returns it (base64 in `response.patch`,
/// `patchType: JSONPatch`). Applying it is here too, for the `check` command's defaulted output and for
/// tests, so that what we send and what we show cannot differ.
public struct JSONPatch: Sendable, Equatable {
    public let operations: [JSONPatchOperation]
    /// The patch document's JSON text, base64-encoded, as `response.patch` carries it (empty for no
    /// operation). Made with the patch rather than per answer: the defaulter's patches are made once per
    /// process (`RestoreDefaults.patch(for:)`), so a mutating answer copies ~230 bytes instead of writing
    /// the JSON and encoding it (~3,000 instructions of a small /mutate's ~100,000).
    public let base64: [UInt8]

    public init(operations: [JSONPatchOperation] = []) {
        self.operations = operations
        var encoded: [UInt8] = []
        if !operations.isEmpty {
            Base64.encode(Self.json(of: operations), into: &encoded)
        }
        base64 = encoded
    }

    /// No operation: the webhook then sends no `patch` at all.
    public var isEmpty: Bool { operations.isEmpty }

    /// The patch document's JSON text (an array of operation objects), as it goes (base64-encoded) into
    /// the AdmissionReview response.
    public func jsonBytes() -> [UInt8] {
        Self.json(of: operations)
    }

    /// Written from each operation's JSON, made once with the operation, so no tree of values is built.
    private static func json(of operations: [JSONPatchOperation]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(operations.reduce(1) { $0 + $1.json.count + 1 } + 1)
        bytes.append(UInt8(ascii: "["))
        // By index: `enumerated()` hands out a copy of each operation, a retain and release of its arrays.
        for position in operations.indices {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: operations[position].json)
        }
        bytes.append(UInt8(ascii: "]"))
        return bytes
    }

    /// `document` with every operation applied in order, or the first failure (RFC 6902 §5: all or nothing).
    /// `add` creates or replaces an object member, or inserts into an array (index ≤ count); `replace`
    /// requires the target to exist. The parent of every target must exist.
    public func applied(to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        var result = document
        for (index, operation) in operations.enumerated() {
            let problem = Self.apply(operation, components: operation.path.components[...], to: &result)
            if let problem {
                throw JSONPatchError(operationIndex: index, pointer: operation.path.jsonPointer, problem: problem)
            }
        }
        return result
    }

    /// Walks down `components` (one level per call, so the depth is the path's length) and applies the
    /// operation at the last one; returns what went wrong, if anything.
    private static func apply(
        _ operation: JSONPatchOperation, components: ArraySlice<JSONPath.Component>, to value: inout JSONValue
    ) -> String? {
        guard let component = components.first else {
            guard operation.op == .replace else { return "cannot add the whole document" }
            value = operation.value
            return nil
        }
        let rest = components.dropFirst()
        switch (component, value) {
        case (.key(let key), .object(var object)):
            if rest.isEmpty {
                if operation.op == .replace && !object.contains(key: key) {
                    return "member \(GoQuote.quote(key)) does not exist"
                }
                object[key] = operation.value
            } else {
                guard var child = object[key] else { return "member \(GoQuote.quote(key)) does not exist" }
                if let problem = apply(operation, components: rest, to: &child) { return problem }
                object[key] = child
            }
            value = .object(object)
            return nil
        case (.index(let index), .array(var array)):
            if rest.isEmpty {
                switch operation.op {
                case .add:
                    guard index >= 0, index <= array.count else { return "index \(index) is out of range" }
                    array.insert(operation.value, at: index)
                case .replace:
                    guard array.indices.contains(index) else { return "index \(index) is out of range" }
                    array[index] = operation.value
                }
            } else {
                guard array.indices.contains(index) else { return "index \(index) is out of range" }
                if let problem = apply(operation, components: rest, to: &array[index]) { return problem }
            }
            value = .array(array)
            return nil
        case (.key, _):
            return "the parent is \(value.typeName), not an object"
        case (.index, _):
            return "the parent is \(value.typeName), not an array"
        }
    }
}
