import AdmissionRules
import JSONModel
import YAMLCodec

/// libFuzzer target for the `check` command: `YAMLDecoder` over libyaml, the line map, `YAMLEncoder`,
/// `JSONWriter`, and `ManifestChecker` (defaults, rules, diagnostics, `-o yaml|json` output) under
/// policies drawn from the input.
///
/// Besides "no trap", it checks: a YAML error has a 1-based position and a message, and makes the file
/// unreadable; every path in a document, and every diagnostic, points at a line of the input; what the
/// encoders write reads back as the same documents; the defaulted output of `check -o yaml`, checked
/// again, gives the same documents and the same verdicts (defaulting is idempotent), and no diagnostic
/// is an internal error.

/// Smaller than the decoder's defaults so that one input stays fast; the defaults are checked too, on
/// parsing alone, which is cheap whatever the aliases (an anchored value is shared, not copied).
private let roundTripLimits = YAMLDecoder.Limits(maxBytes: 1 << 20, maxDepth: 64, maxAliasExpansion: 20_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAMLCheck(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? YAMLDecoder.parse(bytes)

    let lineCount = bytes.count { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } + 1
    let report = checker(for: bytes).check(name: "fuzz.yaml", bytes: bytes)
    let documents: [YAMLDocument]
    do {
        documents = try YAMLDecoder.parse(bytes, limits: roundTripLimits)
    } catch {
        check(error.line >= 1 && error.column >= 1, "error position \(error.line):\(error.column)")
        check(!error.message.isEmpty, "error without a message")
        check(report.isUnreadable && report.errorCount == 1 && report.documents.isEmpty, "a YAML error did not make the file unreadable")
        return 0
    }
    for document in documents {
        checkLines(document, lineCount: lineCount)
        checkJSONOutput(document.value)
    }
    checkYAMLOutput(documents.map(\.value))
    checkReport(report, documentCount: documents.count, lineCount: lineCount, bytes: bytes)
    return 0
}

/// The policies a run of `check` may be given, drawn from the input.
private func checker(for bytes: [UInt8]) -> ManifestChecker {
    let hash = fnv1a(bytes)
    return ManifestChecker(
        options: ManifestCheckOptions(
            namespace: hash % 2 == 0 ? "default" : "production",
            crossNamespace: CrossNamespacePolicy.allCases[Int((hash >> 1) % 2)],
            fileLocations: FileLocationPolicy.allCases[Int((hash >> 2) % 2)],
            limits: roundTripLimits
        ))
}

/// Diagnostics point into the input; counts agree; `-o json` and `-o yaml` print what reads back; and
/// the defaulted output, checked again, is stable.
private func checkReport(_ report: ManifestReport, documentCount: Int, lineCount: Int, bytes: [UInt8]) {
    check(!report.isUnreadable, "readable YAML reported unreadable")
    check(report.documents.count == documentCount, "\(report.documents.count) documents out of \(documentCount)")
    check(report.restoresInvalid <= report.restoresChecked, "more invalid restores than restores")
    check((report.restoresInvalid > 0) == (report.errorCount > 0), "invalid restores and errors disagree")
    for diagnostic in report.diagnostics {
        check(diagnostic.line.map { $0 >= 1 && $0 <= lineCount } ?? false, "diagnostic outside the input: \(diagnostic)")
        check(!diagnostic.text.hasPrefix("internal error"), "internal error: \(diagnostic)")
        _ = diagnostic.description
    }

    let json = ManifestOutputFormat.json.render(report.documents)
    do {
        let value = try JSONParser().parse(json)
        if report.documents.count == 1 {
            check(value == report.documents[0], "-o json changed the document")
        } else {
            check(value["items"] == .array(report.documents), "-o json changed the documents")
        }
    } catch {
        fatalError("-o json output does not parse: \(error)")
    }

    let yaml = ManifestOutputFormat.yaml.render(report.documents)
    let again = checker(for: bytes).check(name: "defaulted.yaml", bytes: Array(yaml.utf8))
    let nonEmpty = report.documents.filter { $0 != .null }
    check(again.documents == nonEmpty, "checking the defaulted output changed it again")
    check(again.restoresChecked == report.restoresChecked, "the defaulted output has other restores")
    check(again.restoresInvalid == report.restoresInvalid, "defaulting changed a verdict")
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
