import AdmissionRules
import JSONModel
import ManifestCheck
import Testing
import WebhookTestSupport
import YAMLCodec

@Suite struct ManifestCheckerTests {
    private let scratch: ScratchDirectory
    private let checker = ManifestChecker()

    init() throws {
        scratch = try ScratchDirectory()
    }

    /// The report's diagnostics as printed, with the scratch directory left out of file names.
    private func lines(_ report: ManifestReport) -> [String] {
        report.diagnostics.map { $0.description.replacing(scratch.path + "/", with: "") }
    }

    /// `line: severity` of each diagnostic.
    private func places(_ report: ManifestReport) -> [String] {
        report.diagnostics.map { "\($0.line ?? 0): \($0.severity)" }
    }

    @Test(arguments: SeedExamples.all.map(\.file))
    func seedExamplesPassAndGetTheirDefaults(_ file: String) throws {
        let example = try #require(SeedExamples.all.first { $0.file == file })
        let report = checker.check(file: try scratch.write(file, example.text))
        #expect(report.errorCount == 0, "\(lines(report))")
        #expect(report.warningCount == example.warnings, "\(lines(report))")
        #expect(report.restoresChecked == 1)
        #expect(report.restoresInvalid == 0)
        #expect(!report.isUnreadable)

        let original = try #require(YAMLDecoder.parse(example.text).first?.value["spec"])
        let spec = try #require(report.documents.first?["spec"])
        #expect(spec["restoreMode"] == original["restoreMode"] ?? "fail_if_exists")
        #expect(spec["restoreTimeout"] == original["restoreTimeout"] ?? "2h")
        #expect(spec["backoffLimit"] == original["backoffLimit"] ?? 3)
        // Nothing else changes.
        var undefaulted = try #require(spec.objectValue)
        for field in ["restoreMode", "restoreTimeout", "backoffLimit"] where original[field] == nil { undefaulted[field] = nil }
        #expect(JSONValue.object(undefaulted) == original)
    }

    @Test func defaultsArePrintedAfterTheFieldsWritten() throws {
        let report = checker.check(file: try scratch.write("basic.yaml", SeedExamples.basic))
        #expect(ManifestOutputFormat.yaml.render(report.documents) == """
            apiVersion: antfly.io/v1
            kind: AntflyRestore
            metadata:
              name: restore-latest
              namespace: production
            spec:
              clusterRef:
                name: my-cluster
              source:
                backupId: backup-20250115-020000
                location: s3://my-bucket/antfly-backups
                credentialsSecret:
                  name: backup-credentials
              restoreMode: fail_if_exists
              restoreTimeout: 2h
              backoffLimit: 3

            """)
    }

    @Test func seedWarningsAreReportedOnTheirLines() throws {
        let report = checker.check(file: try scratch.write("cross-namespace.yaml", SeedExamples.crossNamespace))
        #expect(lines(report) == [
            "cross-namespace.yaml:6: warning: spec.tables: none listed, so overwrite replaces every table of the cluster",
            "cross-namespace.yaml:15: warning: spec.restoreMode: overwrite drops and recreates existing tables (destructive)",
        ])
    }

    @Test func otherKindsAreSkippedAndKeptUntouched() throws {
        let report = checker.check(file: try scratch.write("gcs.yaml", SeedExamples.gcs))
        #expect(report.objectsSkipped == 1)
        #expect(report.documents.count == 2)
        #expect(report.documents.last == (try YAMLDecoder.parse(SeedExamples.gcs).last?.value))
    }

    static let badRestore = """
        apiVersion: antfly.io/v1
        kind: AntflyRestore
        metadata:
          name: bad-restore
          namespace: production
        spec:
          clusterRef:
            name: My_Cluster
            namespace: staging
          source:
            backupId: 20250115
            location: http://bucket/x
          tables: [users, "", users]
          restoreMode: overwrit
          restoreTimeout: 7200
          backoffLimit: -1
          restoreMod: overwrite

        """

    @Test func eachErrorIsReportedOnTheLineOfItsValue() throws {
        let report = checker.check(file: try scratch.write("bad.yaml", Self.badRestore))
        let reported = lines(report)
        #expect(places(report) == [
            "8: error", "9: error", "11: error", "11: note", "12: error", "13: error", "13: error", "14: error", "15: error",
            "16: error", "17: warning",
        ])
        #expect(reported.contains("bad.yaml:16: error: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0"))
        #expect(reported.contains("bad.yaml:12: error: spec.source.location: Invalid value: \"http://bucket/x\": must start with s3:// or file://"))
        #expect(reported.contains("bad.yaml:11: error: spec.source.backupId: Invalid value: 20250115: must be a string"))
        #expect(reported.contains(
            "bad.yaml:11: note: spec.source.backupId: YAML reads the unquoted 20250115 as a number; write \"20250115\" to make it a string"))
        #expect(report.restoresInvalid == 1)
        #expect(report.errorCount == 9)
        #expect(report.warningCount == 1)
    }

    @Test func missingFieldsAreReportedAtTheirParent() throws {
        let text = """
            apiVersion: antfly.io/v1
            kind: AntflyRestore
            metadata:
              name: incomplete
            spec:
              clusterRef: {}
              source:
                location: s3://bucket

            """
        let report = checker.check(file: try scratch.write("incomplete.yaml", text))
        #expect(lines(report) == [
            "incomplete.yaml:6: error: spec.clusterRef.name: Required value",
            "incomplete.yaml:7: error: spec.source.backupId: Required value",
        ])
        let noSpec = checker.check(file: try scratch.write("nospec.yaml", "# a restore\napiVersion: antfly.io/v1\nkind: AntflyRestore\n"))
        #expect(lines(noSpec) == ["nospec.yaml:2: error: spec: Required value"])
    }

    @Test func quotingHintsAppearOnlyForUnquotedScalarsOfStringFields() throws {
        let text = """
            apiVersion: antfly.io/v1
            kind: AntflyRestore
            metadata: {name: hints}
            spec:
              clusterRef: {name: yes}
              source: {backupId: 0x1F, location: s3://bucket}
              tables: [~, 3]
              backoffLimit: "3"

            """
        let report = checker.check(file: try scratch.write("hints.yaml", text))
        let notes = lines(report).filter { $0.contains(": note: ") }
        #expect(notes == [
            "hints.yaml:5: note: spec.clusterRef.name: YAML reads the unquoted yes as a boolean; write \"yes\" to make it a string",
            "hints.yaml:6: note: spec.source.backupId: YAML reads the unquoted 0x1F as a number; write \"0x1F\" to make it a string",
            "hints.yaml:7: note: spec.tables[0]: YAML reads the unquoted ~ as null; write \"~\" to make it a string",
            "hints.yaml:7: note: spec.tables[1]: YAML reads the unquoted 3 as a number; write \"3\" to make it a string",
        ])
        #expect(lines(report).contains("hints.yaml:8: error: spec.backoffLimit: Invalid value: \"3\": must be an integer such as 3 (no quotes, no fraction)"))
    }

    static let list = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: antfly.io/v1
          kind: AntflyRestore
          metadata: {name: good, namespace: production}
          spec:
            clusterRef: {name: my-cluster}
            source: {backupId: b1, location: s3://bucket}
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: settings}
        - apiVersion: antfly.io/v1
          kind: AntflyRestore
          metadata: {name: bad}
          spec:
            clusterRef: {name: my-cluster, namespace: elsewhere}
            source: {backupId: "../etc", location: s3://bucket}

        """

    @Test func restoresInAListAreCheckedOnTheirLines() throws {
        let report = checker.check(file: try scratch.write("list.yaml", Self.list))
        #expect(report.restoresChecked == 2)
        #expect(report.restoresInvalid == 1)
        #expect(report.objectsSkipped == 1)
        // `line: field` of each finding.
        let fields = Set(report.diagnostics.map { "\($0.line ?? 0): \($0.severity): " + $0.text.prefix { $0 != ":" } })
        #expect(fields == ["17: error: spec.clusterRef.namespace", "18: error: spec.source.backupId"])
        let items = try #require(report.documents.first?["items"]?.arrayValue)
        #expect(items[0]["spec"]?["backoffLimit"] == 3)
        #expect(items[1] == (try YAMLDecoder.parse(Self.list).first?.value["items"]?.arrayValue?[1]))
        #expect(items[2]["spec"]?["restoreMode"] == "fail_if_exists")
    }

    @Test func restoreListKindIsAList() throws {
        let text = "apiVersion: antfly.io/v1\nkind: AntflyRestoreList\nitems:\n- apiVersion: antfly.io/v1\n  kind: AntflyRestore\n  spec: 3\n"
        let report = checker.check(file: try scratch.write("restorelist.yaml", text))
        #expect(lines(report) == ["restorelist.yaml:6: error: spec: Invalid value: 3: must be an object"])
    }

    @Test func listsInListsAreFlattenedAsKubectlDoes() throws {
        let text = "kind: List\nitems:\n- kind: List\n  items:\n  - {apiVersion: antfly.io/v1, kind: AntflyRestore, spec: []}\n  - {kind: Secret}\n"
        let report = checker.check(file: try scratch.write("nested.yaml", text))
        #expect(report.restoresChecked == 1)
        #expect(report.objectsSkipped == 1)
        #expect(lines(report) == ["nested.yaml:5: error: spec: Invalid value: \"array\": must be an object"])
        #expect(report.documents.first?["items"]?.arrayValue?.first?["items"]?.arrayValue?.first?["spec"] == [])
    }

    @Test func namespaceComesFromTheDocumentThenTheOption() throws {
        let text = """
            apiVersion: antfly.io/v1
            kind: AntflyRestore
            metadata: {name: r}
            spec:
              clusterRef: {name: c, namespace: team-a}
              source: {backupId: b, location: s3://bucket}

            """
        let file = try scratch.write("ns.yaml", text)
        #expect(checker.check(file: file).restoresInvalid == 1)
        #expect(ManifestChecker(options: ManifestCheckOptions(namespace: "team-a")).check(file: file).restoresInvalid == 0)
        #expect(ManifestChecker(options: ManifestCheckOptions(crossNamespace: .allow)).check(file: file).restoresInvalid == 0)
        let own = checker.check(file: try scratch.write("own.yaml", text.replacing("{name: r}", with: "{name: r, namespace: team-a}")))
        #expect(own.restoresInvalid == 0)
    }

    @Test func fileLocationsFollowThePolicy() throws {
        let text = """
            apiVersion: antfly.io/v1
            kind: AntflyRestore
            metadata: {name: r}
            spec:
              clusterRef: {name: c}
              source: {backupId: b, location: "file:///backups"}

            """
        let file = try scratch.write("file.yaml", text)
        let warned = checker.check(file: file)
        #expect(warned.restoresInvalid == 0)
        #expect(lines(warned).map { $0.prefix(29) } == ["file.yaml:6: warning: spec.so"])
        let denied = ManifestChecker(options: ManifestCheckOptions(fileLocations: .deny)).check(file: file)
        #expect(denied.restoresInvalid == 1)
        #expect(lines(denied).first?.hasPrefix("file.yaml:6: error: spec.source.location: Forbidden: ") == true)
    }

    @Test func unknownKindsAndVersionsAreSkippedWithWarnings() throws {
        let text = """
            apiVersion: antfly.io/v2
            kind: AntflyRestore
            ---
            just: values
            ---
            - a list
            ---
            apiVersion: apps/v1
            kind: Deployment

            """
        let report = checker.check(file: try scratch.write("kinds.yaml", text))
        #expect(report.restoresChecked == 0)
        #expect(report.objectsSkipped == 4)
        #expect(lines(report) == [
            "kinds.yaml:1: warning: apiVersion: an AntflyRestore with apiVersion \"antfly.io/v2\" is not checked; the webhook serves antfly.io/v1",
            "kinds.yaml:4: warning: kind: not a Kubernetes object (no kind); skipped",
            "kinds.yaml:6: warning: kind: not a Kubernetes object (no kind); skipped",
        ])
        #expect(report.documents.count == 4)
    }

    @Test func unreadableFilesAreReported() throws {
        let missing = checker.check(file: scratch.path("missing.yaml"))
        #expect(missing.isUnreadable)
        #expect(lines(missing) == ["missing.yaml: error: cannot read: No such file or directory"])
        let directory = checker.check(file: scratch.path)
        #expect(directory.isUnreadable)
        #expect(directory.diagnostics.first?.text == "cannot read: Is a directory")
        let large = ManifestChecker(options: ManifestCheckOptions(limits: YAMLDecoder.Limits(maxBytes: 100)))
            .check(file: try scratch.write("large.yaml", String(repeating: "# padding\n", count: 100_000)))
        #expect(lines(large) == ["large.yaml: error: cannot read: larger than 100 bytes"])
    }

    @Test func malformedYAMLIsReportedWithLineAndColumn() throws {
        let text = SeedExamples.basic + "---\nkind: AntflyRestore\nspec:\n  source: [a, b\n  tables: x\n"
        let report = checker.check(file: try scratch.write("broken.yaml", text))
        #expect(report.isUnreadable)
        #expect(report.restoresChecked == 0)
        #expect(report.documents.isEmpty)
        #expect(lines(report) == [
            "broken.yaml:18:9: error: did not find expected ',' or ']' (while parsing a flow sequence that started at line 17, column 11)"
        ])
    }

    @Test func aliasBombsAreRefused() throws {
        var text = "apiVersion: antfly.io/v1\nkind: AntflyRestore\nmetadata:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...12 {
            text += "  a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let report = checker.check(file: try scratch.write("bomb.yaml", text))
        #expect(report.isUnreadable)
        #expect(lines(report).first?.hasPrefix("bomb.yaml:9:47: error: ") == true, "\(lines(report))")
        #expect(report.diagnostics.first?.text.contains("aliases expand to more than 1000000 nodes") == true)
    }

    @Test func deepNestingIsRefused() throws {
        let text = "apiVersion: antfly.io/v1\nkind: AntflyRestore\nspec: " + String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000) + "\n"
        let report = checker.check(file: try scratch.write("deep.yaml", text))
        #expect(lines(report) == ["deep.yaml:3:134: error: mappings and sequences nest deeper than 128 levels"])
    }

    @Test func summaryCountsAllFilesAndSetsTheExitStatus() throws {
        var summary = CheckSummary()
        #expect(summary.exitStatus == 0)
        summary.add(checker.check(file: try scratch.write("gcs.yaml", SeedExamples.gcs)))
        summary.add(checker.check(file: try scratch.write("tables.yaml", SeedExamples.specificTables)))
        #expect(summary.exitStatus == 0)
        #expect(summary.description == "2 restores checked, 0 invalid, 0 errors, 1 warning, 1 other object skipped")
        summary.add(checker.check(file: try scratch.write("bad.yaml", Self.badRestore)))
        #expect(summary.exitStatus == 1)
        #expect(summary.description == "3 restores checked, 1 invalid, 9 errors, 2 warnings, 1 other object skipped")
        summary.add(checker.check(file: scratch.path("missing.yaml")))
        #expect(summary.exitStatus == 2)
        #expect(summary.description == "3 restores checked, 1 invalid, 10 errors, 2 warnings, 1 other object skipped, 1 file unreadable")
    }

    @Test func outputReadBackByCheckHasNoErrorsAndNoNewDefaults() throws {
        var documents: [JSONValue] = []
        for example in SeedExamples.all {
            documents += checker.check(file: try scratch.write(example.file, example.text)).documents
        }
        documents += checker.check(file: try scratch.write("list.yaml", Self.list.replacing("\"../etc\"", with: "b2").replacing("namespace: elsewhere", with: "namespace: default"))).documents
        let output = ManifestOutputFormat.yaml.render(documents)
        let again = checker.check(file: try scratch.write("output.yaml", output))
        #expect(again.errorCount == 0, "\(lines(again))")
        #expect(again.restoresChecked == 8)
        #expect(again.documents == documents)
        #expect(ManifestOutputFormat.yaml.render(again.documents) == output)
    }

    @Test func jsonOutputIsOneObjectOrAList() throws {
        let one = checker.check(file: try scratch.write("basic.yaml", SeedExamples.basic)).documents
        let single = ManifestOutputFormat.json.render(one)
        #expect(single.hasPrefix("{\n    \"apiVersion\": \"antfly.io/v1\",\n    \"kind\": \"AntflyRestore\",\n    \"metadata\": {\n        \"name\""))
        #expect(try JSONParser().parse(Array(single.utf8)) == one[0])

        let two = checker.check(file: try scratch.write("gcs.yaml", SeedExamples.gcs)).documents
        let list = try JSONParser().parse(Array(ManifestOutputFormat.json.render(two).utf8))
        #expect(list == ["apiVersion": "v1", "kind": "List", "items": .array(two)])
        #expect(ManifestOutputFormat.json.render([]) == "{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"List\",\n    \"items\": []\n}\n")
    }

    @Test func largeManifestsWithThousandsOfRestoresAreChecked() throws {
        let count = 20_000
        var text = ""
        text.reserveCapacity(11 << 20)
        for index in 0..<count {
            text += """
                ---
                # restore number \(index), padded so that the file reaches about ten megabytes in all
                apiVersion: antfly.io/v1
                kind: AntflyRestore
                metadata:
                  name: restore-\(index)
                  namespace: production
                  labels: {team: data-platform, purpose: nightly-verification, index: "\(index)"}
                spec:
                  clusterRef: {name: my-cluster}
                  source:
                    backupId: backup-20250115-\(index)
                    location: s3://my-bucket/antfly-backups/with/a/long/prefix/for/padding
                    credentialsSecret: {name: backup-credentials}
                  tables: [users, orders, invoices, payments, sessions, events]
                  restoreMode: skip_if_exists
                  backoffLimit: \(index % 7)

                """
        }
        #expect(text.utf8.count > 10_000_000)
        let report = checker.check(file: try scratch.write("large.yaml", text))
        #expect(report.restoresChecked == count)
        #expect(report.errorCount == 0)
        #expect(report.documents.count == count)
    }
}
