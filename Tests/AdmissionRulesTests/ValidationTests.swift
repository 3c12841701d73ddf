@testable import AdmissionRules
import JSONModel
import Testing

/// SPEC §5: every rule, good and bad, as the user reads the errors (`path: message`).
@Suite struct ValidationTests {
    let validator = RestoreValidator.standard

    @Test func basicExampleIsAdmittedWithoutWarnings() {
        let result = validator.create(Fixtures.basic)
        #expect(result.errors.isEmpty)
        #expect(result.warnings.isEmpty)
    }

    // MARK: Rule 1: names

    @Test(arguments: [
        (String(repeating: "a", count: 55), [String]()),
        (
            String(repeating: "a", count: 56),
            [
                "metadata.name: Invalid value: \"\(String(repeating: "a", count: 56))\": must be no more than 55 characters: the operator names its Job \"<name>-restore\", which must fit in a 63-character label value"
            ]
        ),
    ])
    func nameIsAtMost55Characters(name: String, expected: [String]) {
        let result = validator.create(Fixtures.basic.setting(["metadata", "name"], to: .string(name)))
        #expect(result.messages == expected)
    }

    @Test(arguments: [
        (String(repeating: "g", count: 50), [String]()),
        (
            String(repeating: "g", count: 51),
            [
                "metadata.generateName: Invalid value: \"\(String(repeating: "g", count: 51))\": must be no more than 50 characters: the API server appends 5 random characters, and the name must stay within 55"
            ]
        ),
    ])
    func generateNameIsAtMost50CharactersOnCreate(generateName: String, expected: [String]) {
        let object = Fixtures.basic.setting(["metadata", "name"], to: nil)
            .setting(["metadata", "generateName"], to: .string(generateName))
        #expect(validator.create(object).messages == expected)
    }

    @Test func generateNameIsIgnoredWhenANameIsSet() {
        let object = Fixtures.basic.setting(["metadata", "generateName"], to: .string(String(repeating: "g", count: 60)))
        #expect(validator.create(object).errors.isEmpty)
    }

    // MARK: Rule 2: required objects

    @Test(arguments: [
        (Fixtures.basic.setting(["spec"], to: nil), ["spec: Required value"]),
        (Fixtures.basic.setting(["spec"], to: .null), ["spec: Required value"]),
        (Fixtures.basic.setting(["spec"], to: "x"), ["spec: Invalid value: \"x\": must be an object"]),
        (Fixtures.basic.setting(["spec"], to: [1, 2]), ["spec: Invalid value: \"array\": must be an object"]),
        (Fixtures.spec("clusterRef", is: nil), ["spec.clusterRef: Required value"]),
        (Fixtures.spec("clusterRef", is: "my-cluster"), ["spec.clusterRef: Invalid value: \"my-cluster\": must be an object"]),
        (Fixtures.spec("source", is: nil), ["spec.source: Required value"]),
        (Fixtures.spec("source", is: .null), ["spec.source: Required value"]),
        (Fixtures.spec("source", is: ["s3://b"]), ["spec.source: Invalid value: \"array\": must be an object"]),
        (Fixtures.spec("source", is: 7), ["spec.source: Invalid value: 7: must be an object"]),
    ] as [(JSONValue, [String])])
    func specClusterRefAndSourceAreRequiredObjects(object: JSONValue, expected: [String]) {
        let result = validator.create(object)
        #expect(result.messages == expected)
        #expect(result.reasons.allSatisfy { $0 == "FieldValueRequired" || $0 == "FieldValueTypeInvalid" })
    }

    // MARK: Rule 3: clusterRef

    static let subdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let labelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    @Test(arguments: ["my-cluster", "a", "cluster.example.com", "0", String(repeating: "a", count: 63) + "." + String(repeating: "b", count: 189)])
    func goodClusterNamesAreAdmitted(name: String) {
        #expect(validator.create(Fixtures.spec("clusterRef", "name", is: .string(name))).errors.isEmpty)
    }

    @Test(arguments: [
        (JSONValue?.none, ["spec.clusterRef.name: Required value"]),
        (.null, ["spec.clusterRef.name: Required value"]),
        ("", ["spec.clusterRef.name: Required value"]),
        (3, ["spec.clusterRef.name: Invalid value: 3: must be a string"]),
        (["name": "x"], ["spec.clusterRef.name: Invalid value: \"object\": must be a string"]),
        ("My-Cluster", ["spec.clusterRef.name: Invalid value: \"My-Cluster\": " + subdomainMessage]),
        ("-cluster", ["spec.clusterRef.name: Invalid value: \"-cluster\": " + subdomainMessage]),
        ("a..b", ["spec.clusterRef.name: Invalid value: \"a..b\": " + subdomainMessage]),
        ("my_cluster", ["spec.clusterRef.name: Invalid value: \"my_cluster\": " + subdomainMessage]),
        (
            .string(String(repeating: "a", count: 254)),
            ["spec.clusterRef.name: Invalid value: \"\(String(repeating: "a", count: 254))\": must be no more than 253 characters"]
        ),
        (
            .string(String(repeating: "A", count: 254)),
            [
                "spec.clusterRef.name: Invalid value: \"\(String(repeating: "A", count: 254))\": must be no more than 253 characters",
                "spec.clusterRef.name: Invalid value: \"\(String(repeating: "A", count: 254))\": " + subdomainMessage,
            ]
        ),
    ] as [(JSONValue?, [String])])
    func badClusterNamesAreRejected(name: JSONValue?, expected: [String]) {
        #expect(validator.create(Fixtures.spec("clusterRef", "name", is: name)).messages == expected)
    }

    @Test(arguments: [
        (JSONValue?.none, [String]()),
        (.null, []),
        ("", []),
        ("production", []),
        ("Production", ["spec.clusterRef.namespace: Invalid value: \"Production\": " + labelMessage]),
        ("prod.eu", ["spec.clusterRef.namespace: Invalid value: \"prod.eu\": must not contain dots"]),
        (
            .string(String(repeating: "n", count: 64)),
            ["spec.clusterRef.namespace: Invalid value: \"\(String(repeating: "n", count: 64))\": must be no more than 63 characters"]
        ),
        (true, ["spec.clusterRef.namespace: Invalid value: true: must be a string"]),
    ] as [(JSONValue?, [String])])
    func clusterNamespaceIsALabel(namespace: JSONValue?, expected: [String]) {
        #expect(validator.create(Fixtures.spec("clusterRef", "namespace", is: namespace)).messages == expected)
    }

    // MARK: Rule 12: cross-namespace

    @Test func crossNamespaceRestoreIsDeniedByDefault() {
        let result = validator.create(Fixtures.spec("clusterRef", "namespace", is: "staging"))
        #expect(
            result.messages == [
                "spec.clusterRef.namespace: Forbidden: the AntflyRestore is in namespace \"production\" and its cluster in \"staging\": cross-namespace restores are denied (--cross-namespace=deny)"
            ])
        #expect(result.reasons == ["FieldValueForbidden"])
    }

    @Test func crossNamespaceRestoreIsAllowedByPolicy() {
        let directory = StubClusterDirectory()
        let validator = RestoreValidator(policy: AdmissionPolicy(crossNamespace: .allow), clusters: directory)
        let result = validator.create(Fixtures.spec("clusterRef", "namespace", is: "staging"))
        #expect(result.errors.isEmpty)
        #expect(directory.lookups == ["staging/my-cluster"])
    }

    @Test func sameNamespaceWrittenOutIsNotCrossNamespace() {
        #expect(validator.create(Fixtures.spec("clusterRef", "namespace", is: "production")).errors.isEmpty)
    }

    @Test func unknownRestoreNamespaceSkipsTheCrossNamespaceRule() {
        #expect(validator.create(Fixtures.spec("clusterRef", "namespace", is: "staging"), namespace: "").errors.isEmpty)
    }

    // MARK: Rule 4: backupId

    @Test(arguments: ["backup-20250115-020000", "a", "A.b_c-9", "x.y", ".a.", "a.b.c", "-_.", String(repeating: "b", count: 200)])
    func goodBackupIDsAreAdmitted(backupID: String) {
        #expect(validator.create(Fixtures.spec("source", "backupId", is: .string(backupID))).errors.isEmpty)
    }

    static let backupIDCharacters =
        "must consist of letters, digits, '.', '_' or '-' (regex used for validation is '^[A-Za-z0-9._-]+$')"
    static let backupIDDots = "must not contain '..': a backup id names one backup inside spec.source.location"

    @Test(arguments: [
        (JSONValue?.none, ["spec.source.backupId: Required value"]),
        (.null, ["spec.source.backupId: Required value"]),
        ("", ["spec.source.backupId: Required value"]),
        ("   ", ["spec.source.backupId: Required value: must not be blank"]),
        ("\t\n", ["spec.source.backupId: Required value: must not be blank"]),
        (20250115, ["spec.source.backupId: Invalid value: 20250115: must be a string"]),
        (["id": "x"], ["spec.source.backupId: Invalid value: \"object\": must be a string"]),
        ("..", ["spec.source.backupId: Invalid value: \"..\": " + backupIDDots]),
        ("a..b", ["spec.source.backupId: Invalid value: \"a..b\": " + backupIDDots]),
        ("x..", ["spec.source.backupId: Invalid value: \"x..\": " + backupIDDots]),
        ("...", ["spec.source.backupId: Invalid value: \"...\": " + backupIDDots]),
        (
            "../../etc/passwd",
            [
                "spec.source.backupId: Invalid value: \"../../etc/passwd\": " + backupIDCharacters,
                "spec.source.backupId: Invalid value: \"../../etc/passwd\": " + backupIDDots,
            ]
        ),
        ("backup 1", ["spec.source.backupId: Invalid value: \"backup 1\": " + backupIDCharacters]),
        ("backup/1", ["spec.source.backupId: Invalid value: \"backup/1\": " + backupIDCharacters]),
        ("bäckup", ["spec.source.backupId: Invalid value: \"bäckup\": " + backupIDCharacters]),
        ("b\u{0}", ["spec.source.backupId: Invalid value: \"b\\x00\": " + backupIDCharacters]),
        (
            .string(String(repeating: "b", count: 201)),
            ["spec.source.backupId: Invalid value: \"\(String(repeating: "b", count: 201))\": must be no more than 200 characters"]
        ),
    ] as [(JSONValue?, [String])])
    func badBackupIDsAreRejected(backupID: JSONValue?, expected: [String]) {
        #expect(validator.create(Fixtures.spec("source", "backupId", is: backupID)).messages == expected)
    }

    // MARK: Rule 6: credentialsSecret

    @Test(arguments: [
        (JSONValue?.none, [String]()),
        (.null, []),
        (["name": "backup-credentials"], []),
        ([:], ["spec.source.credentialsSecret.name: Required value"]),
        (["name": ""], ["spec.source.credentialsSecret.name: Required value"]),
        (["name": 5], ["spec.source.credentialsSecret.name: Invalid value: 5: must be a string"]),
        (["name": "Backup_Credentials"], ["spec.source.credentialsSecret.name: Invalid value: \"Backup_Credentials\": " + subdomainMessage]),
        (
            "backup-credentials",
            ["spec.source.credentialsSecret: Invalid value: \"backup-credentials\": must be an object such as {\"name\": \"backup-credentials\"}"]
        ),
        (["backup-credentials"], ["spec.source.credentialsSecret: Invalid value: \"array\": must be an object such as {\"name\": \"backup-credentials\"}"]),
    ] as [(JSONValue?, [String])])
    func credentialsSecretNeedsAValidName(secret: JSONValue?, expected: [String]) {
        #expect(validator.create(Fixtures.spec("source", "credentialsSecret", is: secret)).messages == expected)
    }
}
