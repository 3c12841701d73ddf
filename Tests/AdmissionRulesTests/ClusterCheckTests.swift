@testable import AdmissionRules
import JSONModel
import Testing

/// SPEC §6: whether the AntflyCluster exists, asked of the directory only when it matters.
@Suite struct ClusterCheckTests {
    static func validator(
        _ answer: ClusterLookup, check: ClusterCheckMode = .warn, unavailable: ClusterCheckUnavailablePolicy = .allow
    ) -> (RestoreValidator, StubClusterDirectory) {
        let directory = StubClusterDirectory(otherwise: answer)
        let policy = AdmissionPolicy(crossNamespace: .allow, clusterCheck: check, clusterCheckUnavailable: unavailable)
        return (RestoreValidator(policy: policy, clusters: directory), directory)
    }

    @Test func existingClusterIsLookedUpInTheRestoresNamespace() {
        let (validator, directory) = Self.validator(.found)
        let result = validator.create(Fixtures.basic)
        #expect(result == ValidationResult())
        #expect(directory.lookups == ["production/my-cluster"])
    }

    @Test func explicitNamespaceIsWhereTheClusterIsLookedUp() {
        let (validator, directory) = Self.validator(.found)
        _ = validator.create(Fixtures.spec("clusterRef", "namespace", is: "staging"))
        #expect(directory.lookups == ["staging/my-cluster"])
    }

    @Test func missingClusterWarnsByDefault() {
        let (validator, _) = Self.validator(.notFound)
        let result = validator.create(Fixtures.basic)
        #expect(result.errors.isEmpty)
        #expect(result.warningTexts == [#"spec.clusterRef.name: AntflyCluster "production/my-cluster" not found; the restore will wait in Pending"#])
    }

    @Test func missingClusterIsDeniedByPolicy() {
        let (validator, _) = Self.validator(.notFound, check: .deny)
        let result = validator.create(Fixtures.basic)
        #expect(
            result.messages == [
                #"spec.clusterRef.name: Not found: "my-cluster": AntflyCluster "production/my-cluster" does not exist: create it first (this webhook runs with --cluster-check=deny)"#
            ])
        #expect(result.reasons == ["FieldValueNotFound"])
        #expect(result.warnings.isEmpty)
    }

    @Test(arguments: [ClusterCheckMode.warn, .deny])
    func unknownAnswerWarnsByDefault(check: ClusterCheckMode) {
        let (validator, _) = Self.validator(.unknown, check: check)
        let result = validator.create(Fixtures.basic)
        #expect(result.errors.isEmpty)
        #expect(
            result.warningTexts == [
                #"spec.clusterRef.name: could not verify that AntflyCluster "production/my-cluster" exists (cluster cache unavailable)"#
            ])
    }

    @Test func unknownAnswerIsDeniedByPolicy() {
        let (validator, _) = Self.validator(.unknown, unavailable: .deny)
        let result = validator.create(Fixtures.basic)
        #expect(
            result.messages == [
                #"spec.clusterRef.name: Forbidden: cannot verify that AntflyCluster "production/my-cluster" exists while the cluster cache is unavailable (--cluster-check-unavailable=deny): retry shortly"#
            ])
    }

    @Test(arguments: [ClusterLookup.found, .notFound, .unknown])
    func checkOffAsksNothing(answer: ClusterLookup) {
        let (validator, directory) = Self.validator(answer, check: .off, unavailable: .deny)
        #expect(validator.create(Fixtures.basic) == ValidationResult())
        #expect(directory.lookups.isEmpty)
    }

    @Test(arguments: [
        Fixtures.spec("clusterRef", "name", is: "Bad_Name"), Fixtures.spec("clusterRef", "name", is: nil),
        Fixtures.spec("clusterRef", "namespace", is: "Bad"), Fixtures.spec("clusterRef", is: nil),
    ])
    func malformedReferenceIsNotLookedUp(object: JSONValue) {
        let (validator, directory) = Self.validator(.notFound)
        #expect(!validator.create(object).errors.isEmpty)
        #expect(directory.lookups.isEmpty)
    }

    @Test func deniedCrossNamespaceReferenceIsNotLookedUp() {
        let directory = StubClusterDirectory(otherwise: .notFound)
        let validator = RestoreValidator(policy: AdmissionPolicy(), clusters: directory)
        #expect(validator.create(Fixtures.spec("clusterRef", "namespace", is: "staging")).reasons == ["FieldValueForbidden"])
        #expect(directory.lookups.isEmpty)
    }

    @Test func longReferenceIsShortenedSoTheWarningStillSaysWhatHappens() throws {
        let name = String(repeating: "c", count: 253)
        let (validator, _) = Self.validator(.notFound)
        let warning = try #require(validator.create(Fixtures.spec("clusterRef", "name", is: .string(name))).warnings.first)
        #expect(warning.description.count == 120)
        #expect(warning.description.hasPrefix(#"spec.clusterRef.name: AntflyCluster "production/ccc"#))
        #expect(warning.description.hasSuffix(#"..." not found; the restore will wait in Pending"#))
    }

    static let updated = Fixtures.defaulted.setting(["metadata", "labels"], to: ["team": "data"])

    @Test(arguments: [
        ("metadata only", updated, [String]()),
        ("defaults gained", Fixtures.basic.setting(["metadata", "labels"], to: ["team": "data"]), []),
        ("same namespace written out", updated.setting(["spec", "clusterRef", "namespace"], to: "production"), []),
        ("another backup", updated.setting(["spec", "source", "backupId"], to: "backup-2"), []),
        ("another cluster", updated.setting(["spec", "clusterRef", "name"], to: "other"), ["production/other"]),
        ("another namespace", updated.setting(["spec", "clusterRef", "namespace"], to: "staging"), ["staging/my-cluster"]),
    ] as [(String, JSONValue, [String])])
    func updateLooksUpOnlyAChangedCluster(change: String, object: JSONValue, lookups: [String]) {
        let (validator, directory) = Self.validator(.notFound)
        _ = validator.validate(operation: .update, object: object, oldObject: Fixtures.defaulted, namespace: Fixtures.namespace)
        #expect(directory.lookups == lookups, "\(change)")
    }

    @Test(arguments: [AdmissionOperation.delete, .connect])
    func deleteAndConnectAskNothing(operation: AdmissionOperation) {
        let (validator, directory) = Self.validator(.notFound, check: .deny)
        #expect(validator.validate(operation: operation, object: Fixtures.basic, oldObject: nil, namespace: Fixtures.namespace) == ValidationResult())
        #expect(directory.lookups.isEmpty)
    }
}
