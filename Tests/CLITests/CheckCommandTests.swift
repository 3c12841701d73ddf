import ArgumentParser
import Foundation
import JSONModel
import Testing
import WebhookTestSupport
import YAMLCodec

@testable import AntflyRestoreWebhook

@Suite struct CheckCommandTests {
    private let scratch: ScratchDirectory

    init() throws {
        scratch = try ScratchDirectory()
    }

    static let restore = """
        apiVersion: antfly.io/v1
        kind: AntflyRestore
        metadata:
          name: nightly
          namespace: production
        spec:
          clusterRef:
            name: my-cluster
          source:
            backupId: "backup-20250115-020000"
            location: s3://my-bucket/antfly-backups
          restoreMode: overwrite
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: backup-credentials, namespace: production}
        stringData: {AWS_REGION: "on"}

        """

    static let invalid = """
        apiVersion: antfly.io/v1
        kind: AntflyRestore
        metadata:
          name: broken
        spec:
          clusterRef:
            name: my-cluster
          source:
            backupId: 20250115
            location: s3://my-bucket/antfly-backups
          backoffLimit: -1

        """

    // MARK: Flags

    @Test func parsesItsFlags() throws {
        let parsed = try RootCommand.parseAsRoot([
            "check", "-o", "json", "--namespace", "team-a", "--cross-namespace", "allow", "--file-locations", "deny", "a.yaml", "-",
        ])
        let command = try #require(parsed as? CheckCommand)
        #expect(command.output == .json)
        #expect(command.namespace == "team-a")
        #expect(command.crossNamespace == .allow)
        #expect(command.fileLocations == .deny)
        #expect(command.files == ["a.yaml", "-"])
    }

    @Test func defaultsToStandardInputAndTheServersPolicies() throws {
        let command = try #require(try RootCommand.parseAsRoot(["check"]) as? CheckCommand)
        #expect(command.output == nil)
        #expect(command.namespace == "default")
        #expect(command.crossNamespace == .deny)
        #expect(command.fileLocations == .warn)
        #expect(command.files == ["-"])
        #expect(try (RootCommand.parseAsRoot(["check", "--output", "yaml", "x"]) as? CheckCommand)?.output == .yaml)
    }

    @Test(arguments: [["check", "-o", "xml"], ["check", "--namespace", ""], ["check", "-", "-"], ["check", "--cross-namespace", "maybe"]])
    func rejectsBadFlags(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try RootCommand.parseAsRoot(arguments) }
    }

    @Test func helpDescribesTheOutputAndExitStatus() {
        let help = RootCommand.helpMessage(for: CheckCommand.self, columns: 200)
        #expect(help.contains("FILE:LINE: error|warning|note: FIELD: message"))
        #expect(help.contains("Exit status: 0 when every restore is valid"))
        #expect(help.contains("-o, --output <output>"))
        #expect(RootCommand.helpMessage(columns: 200).contains("check"))
    }

    // MARK: In process

    /// Runs `check` with `arguments` and returns (status, standard output, standard error lines).
    private func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: [String]) {
        let command = try #require(try RootCommand.parseAsRoot(["check"] + arguments) as? CheckCommand)
        var output = ""
        var errors: [String] = []
        let status = command.check(standardOutput: { output += $0 }, standardError: { errors.append($0) })
        return (status, output.replacing(scratch.path + "/", with: ""), errors.map { $0.replacing(scratch.path + "/", with: "") })
    }

    @Test func printsFindingsAndASummaryOnStandardOutput() throws {
        try scratch.write("good.yaml", Self.restore)
        try scratch.write("bad.yaml", Self.invalid)
        let result = try run([scratch.path("good.yaml"), scratch.path("bad.yaml")])
        #expect(result.status == 1)
        #expect(result.errors.isEmpty)
        #expect(result.output == """
            good.yaml:6: warning: spec.tables: none listed, so overwrite replaces every table of the cluster
            good.yaml:12: warning: spec.restoreMode: overwrite drops and recreates existing tables (destructive)
            bad.yaml:9: error: spec.source.backupId: Invalid value: 20250115: must be a string
            bad.yaml:9: note: spec.source.backupId: YAML reads the unquoted 20250115 as a number; write "20250115" to make it a string
            bad.yaml:11: error: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0
            2 restores checked, 1 invalid, 2 errors, 2 warnings, 1 other object skipped

            """)
    }

    @Test func outputFlagPrintsDefaultedManifestsAndMovesFindingsToStandardError() throws {
        let file = try scratch.write("good.yaml", Self.restore)
        let result = try run(["-o", "yaml", file])
        #expect(result.status == 0)
        #expect(result.errors.last == "1 restore checked, 0 invalid, 0 errors, 2 warnings, 1 other object skipped")
        let documents = try YAMLDecoder.parse(result.output).map(\.value)
        #expect(documents.count == 2)
        #expect(documents[0]["spec"]?["restoreTimeout"] == "2h")
        #expect(documents[0]["spec"]?["backoffLimit"] == 3)
        #expect(documents[0]["spec"]?["restoreMode"] == "overwrite")
        #expect(documents[1] == (try YAMLDecoder.parse(Self.restore).last?.value))
        #expect(result.output.contains("AWS_REGION: \"on\"\n"))
    }

    @Test func nothingIsPrintedWhenAFileCannotBeRead() throws {
        let file = try scratch.write("good.yaml", Self.restore)
        let result = try run(["-o", "json", file, scratch.path("missing.yaml")])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("missing.yaml: error: cannot read: No such file or directory"))
    }

    @Test func namespaceFlagDecidesCrossNamespaceRestores() throws {
        let file = try scratch.write("r.yaml", """
            apiVersion: antfly.io/v1
            kind: AntflyRestore
            metadata: {name: no-namespace}
            spec:
              clusterRef: {name: my-cluster, namespace: production}
              source: {backupId: b1, location: s3://my-bucket}

            """)
        #expect(try run([file]).status == 1)
        #expect(try run(["--namespace", "production", file]).status == 0)
        #expect(try run(["--cross-namespace", "allow", file]).status == 0)
    }

    // MARK: The binary

    /// The built binary run with `arguments`, reading `input` on standard input.
    private func binary(_ arguments: [String], input: String = "") throws -> ExternalCommand {
        ExternalCommand(executable: try DeploymentTests.builtBinary(), arguments: arguments, standardInput: Array(input.utf8))
    }

    @Test func binaryReadsStandardInputAndExitsOneForAnInvalidRestore() async throws {
        let result = try await binary(["check", "-"], input: Self.invalid).run()
        #expect(result.status == 1)
        #expect(result.standardOutput.hasPrefix("<stdin>:9: error: spec.source.backupId: Invalid value: 20250115: must be a string\n"))
        #expect(result.standardOutput.contains("<stdin>:11: error: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0\n"))
        #expect(result.standardError.isEmpty)
    }

    @Test func binaryExitsZeroForValidRestoresAndTwoForUnreadableOrMalformedFiles() async throws {
        let good = try scratch.write("good.yaml", Self.restore)
        #expect(try await binary(["check", good]).run().status == 0)

        let missing = try await binary(["check", good, scratch.path("missing.yaml")]).run()
        #expect(missing.status == 2)
        #expect(missing.standardOutput.contains("missing.yaml: error: cannot read: No such file or directory\n"))

        let malformed = try scratch.write("malformed.yaml", "apiVersion: antfly.io/v1\nkind: AntflyRestore\nspec:\n  source: {backupId: x\n  tables: [a]\n")
        let broken = try await binary(["check", malformed]).run()
        #expect(broken.status == 2)
        #expect(broken.standardOutput.hasPrefix(malformed + ":5:9: error: "))

        let badFlag = try await binary(["check", "-o", "xml", good]).run()
        #expect(badFlag.status == 2)
        #expect(badFlag.standardOutput.isEmpty)
    }

    @Test func binaryOutputPipesBackIntoCheckWithoutNewDefaults() async throws {
        let file = try scratch.write("good.yaml", Self.restore)
        let first = try await binary(["check", "-o", "yaml", file]).run()
        #expect(first.status == 0)
        #expect(first.standardError.hasSuffix("1 restore checked, 0 invalid, 0 errors, 2 warnings, 1 other object skipped\n"))
        let second = try await binary(["check", "-o", "yaml", "-"], input: first.standardOutput).run()
        #expect(second.status == 0)
        #expect(second.standardOutput == first.standardOutput)

        let json = try await binary(["check", "-o", "json", "-"], input: first.standardOutput).run()
        let list = try JSONParser().parse(Array(json.standardOutput.utf8))
        #expect(list["kind"] == "List")
        #expect(list["items"]?.arrayValue?.map { $0["kind"] } == ["AntflyRestore", "Secret"])
    }
}
