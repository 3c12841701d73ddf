import JSONModel
import YAMLCodec

/// libFuzzer target for the `check` command's input path: `YAMLDecoder` over libyaml, the line map,
/// `YAMLEncoder` (`check -o yaml`) and `JSONWriter` (`check -o json`).
///
/// Besides "no trap", it checks: an error has a 1-based position and a message; every path in a
/// document maps to a line inside the input; what `-o yaml` prints reads back as the same documents,
/// and what `-o json` prints is JSON that parses back to the same value.

/// Smaller than the decoder's defaults so that one input stays fast; the defaults are checked too, on
/// parsing alone, which is cheap whatever the aliases (an anchored value is shared, not copied).
private let roundTripLimits = YAMLDecoder.Limits(maxBytes: 1 << 20, maxDepth: 64, maxAliasExpansion: 20_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAMLCheck(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? YAMLDecoder.parse(bytes)

    let documents: [YAMLDocument]
    do {
        documents = try YAMLDecoder.parse(bytes, limits: roundTripLimits)
    } catch {
        check(error.line >= 1 && error.column >= 1, "error position \(error.line):\(error.column)")
        check(!error.message.isEmpty, "error without a message")
        return 0
    }
    let lineCount = bytes.count { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } + 1
    for document in documents {
        checkLines(document, lineCount: lineCount)
        checkJSONOutput(document.value)
    }
    checkYAMLOutput(documents.map(\.value))
    return 0
}

/// Every path present in the document, and a missing child of each, maps to a line of the input.
private func checkLines(_ document: YAMLDocument, lineCount: Int) {
    var budget = 2000
    var stack: [(JSONValue, JSONPath)] = [(document.value, JSONPath())]
    while let (value, path) = stack.popLast(), budget > 0 {
        budget -= 1
        for probe in [path, path.appending("missing"), path.appending(index: 1 << 40)] {
            let line = document.line(of: probe)
            check(line >= 1 && line <= lineCount, "line \(line) for \(probe) outside 1...\(lineCount)")
        }
        _ = document.plainText(at: path)
        switch value {
        case .object(let object):
            for member in object.members { stack.append((member.value, path.appending(member.key))) }
        case .array(let elements):
            for (index, element) in elements.enumerated() { stack.append((element, path.appending(index: index))) }
        case .null, .bool, .number, .string:
            break
        }
    }
}

/// `check -o json`: the JSON written parses back to the same value.
private func checkJSONOutput(_ value: JSONValue) {
    let written = JSONWriter.bytes(value)
    do {
        let reparsed = try JSONParser().parse(written)
        check(reparsed == value, "JSON output reads back differently")
    } catch {
        fatalError("JSON output does not parse: \(error)")
    }
}

/// `check -o yaml`: the YAML written reads back as the same documents.
private func checkYAMLOutput(_ values: [JSONValue]) {
    let text = YAMLEncoder.encode(values)
    do {
        let reread = try YAMLDecoder.parse(text, limits: YAMLDecoder.Limits(maxDepth: 256, maxAliasExpansion: 0))
        check(reread.map(\.value) == values, "YAML output reads back differently:\n\(text)")
    } catch {
        fatalError("YAML output does not parse: \(error)\n\(text)")
    }
}
