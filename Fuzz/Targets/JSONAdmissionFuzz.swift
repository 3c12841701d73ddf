import JSONModel

/// libFuzzer target for the bytes an admission request body goes through: `JSONParser` with the
/// server's limits, then `JSONWriter`.
///
/// Besides "no trap", it checks: a parse error points inside the input; a parsed value writes to JSON
/// that parses back to an equal value and writes to the same bytes again (the writer is canonical); and
/// tighter limits never change a successful answer, they can only refuse.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONAdmission(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    checkJSONRoundTrip(bytes)
    return 0
}

/// Returns the parsed value (default limits) if the bytes are JSON.
@discardableResult
func checkJSONRoundTrip(_ bytes: [UInt8]) -> JSONValue? {
    let value: JSONValue
    do {
        value = try JSONParser().parse(bytes)
    } catch {
        precondition(error.offset >= 0 && error.offset <= bytes.count, "error offset \(error.offset) outside \(bytes.count) bytes")
        precondition(error.line >= 1 && error.column >= 1, "error position \(error.line):\(error.column)")
        _ = error.description
        return nil
    }

    let written = JSONWriter.bytes(value)
    let reparsed: JSONValue
    do {
        reparsed = try JSONParser().parse(written)
    } catch {
        preconditionFailure("writer output does not parse: \(error)")
    }
    precondition(reparsed == value, "round trip changed the value")
    precondition(JSONWriter.bytes(reparsed) == written, "writer is not canonical")

    let tight = JSONParser.Limits(maxBytes: 4096, maxDepth: 8, maxStringBytes: 64, maxNumberBytes: 16, maxValues: 200)
    if let limited = try? JSONParser(limits: tight).parse(bytes) {
        precondition(limited == value, "tight limits changed a successful parse")
    }
    walk(value, path: JSONPath(), budget: 1000)
    return value
}

/// Touches every accessor a rule might use, on a bounded number of nodes.
private func walk(_ value: JSONValue, path: JSONPath, budget: Int) {
    var remaining = budget
    var stack: [(JSONValue, JSONPath)] = [(value, path)]
    while let (node, nodePath) = stack.popLast(), remaining > 0 {
        remaining -= 1
        _ = nodePath.description
        _ = nodePath.jsonPointer
        _ = node.typeName
        switch node {
        case .number(let number):
            if let integer = number.int64Value {
                precondition(number.isInteger, "int64Value without isInteger: \(number.text)")
                precondition((integer < 0) == number.isNegative || integer == 0, "sign differs: \(number.text)")
            }
        case .object(let object):
            for member in object.members {
                precondition(object[member.key] != nil, "member \(member.key) not found by key")
                stack.append((member.value, nodePath.appending(member.key)))
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                stack.append((element, nodePath.appending(index: index)))
            }
        case .null, .bool, .string:
            break
        }
    }
}
