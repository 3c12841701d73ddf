import AdmissionRules
import Foundation
import JSONModel
import Testing

/// SPEC §4: the patch we send must apply cleanly with someone else's RFC 6902 implementation and give
/// the same document as ours. The other implementation is python3's `jsonpatch` module (as in
/// python3-jsonpatch), run as a subprocess; the suite is skipped where it is not installed.
@Suite(.enabled(if: PythonJSONPatch.isAvailable, "needs python3 with the jsonpatch module"))
struct IndependentPatchTests {
    /// Applies each `{"document", "patch"}` of a list, in one interpreter (starting python costs more
    /// than everything else here).
    static let applyScript = """
        import json, sys, jsonpatch
        requests = json.load(sys.stdin)
        results = [jsonpatch.JsonPatch(r["patch"]).apply(r["document"]) for r in requests]
        sys.stdout.write(json.dumps(results, ensure_ascii=False))
        """

    let documents: [JSONValue] =
        RestoreExamples.all.map(\.object) + [
            Fixtures.basic.setting(["spec", "restoreMode"], to: .null).setting(["spec", "backoffLimit"], to: .null),
            Fixtures.basic.setting(["spec", "restoreMode"], to: "").setting(["spec", "restoreTimeout"], to: .null),
            Fixtures.basic.setting(["spec", "odd/key~name"], to: ["x": [1, -2, "ü", .null]]).setting(["metadata", "annotations"], to: ["a/b": "c"]),
            Fixtures.defaulted,
        ]

    @Test func ourPatchesApplyTheSameWithPythonJSONPatch() throws {
        let patches = documents.map { RestoreDefaulter().defaultingPatch(for: $0) }
        var requests: [JSONValue] = []
        for (document, patch) in zip(documents, patches) {
            // The patch as sent: our bytes, parsed back.
            requests.append(["document": document, "patch": try JSONParser().parse(patch.jsonBytes())])
        }
        let output = try PythonJSONPatch.run(Self.applyScript, input: JSONWriter.bytes(.array(requests)))
        let theirs = try #require(try JSONParser().parse(output).arrayValue)
        try #require(theirs.count == documents.count)
        for (index, (document, patch)) in zip(documents, patches).enumerated() {
            let ours = try patch.applied(to: document)
            #expect(theirs[index] == ours, "document \(index)")
            #expect(RestoreDefaulter().defaultingPatch(for: theirs[index]).isEmpty, "document \(index)")
        }
    }
}

/// python3 as a subprocess, for the independent RFC 6902 implementation.
enum PythonJSONPatch {
    static let isAvailable = (try? run("import jsonpatch", input: [])) != nil

    /// Runs `python3 -c script` with `input` on stdin; returns stdout, or throws when it exits non-zero.
    static func run(_ script: String, input: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PythonFailed(status: process.terminationStatus) }
        return Array(output)
    }

    struct PythonFailed: Error {
        let status: Int32
    }
}
