@testable import AdmissionRules
import JSONModel
import Testing

/// SPEC §5 rule 11: what an UPDATE may change, keyed on the stored restore's phase.
@Suite struct UpdateTests {
    let validator = RestoreValidator.standard

    func update(_ object: JSONValue, from oldObject: JSONValue) -> ValidationResult {
        validator.validate(operation: .update, object: object, oldObject: oldObject, namespace: Fixtures.namespace)
    }

    static func stored(phase: JSONValue?) -> JSONValue {
        Fixtures.defaulted.setting(["status"], to: phase.map { ["phase": $0, "jobName": "restore-latest-restore"] })
    }

    static let immutable =
        "spec: Forbidden: spec is immutable once the restore has started (status.phase is %@): delete and recreate the AntflyRestore to run a different restore"

    @Test(arguments: [JSONValue?.none, .null, "", "Pending"])
    func specOfARestoreNotYetStartedIsJudgedLikeACreate(phase: JSONValue?) {
        let fixed = Self.stored(phase: phase).setting(["spec", "clusterRef", "name"], to: "right-cluster")
        #expect(update(fixed, from: Self.stored(phase: phase)) == ValidationResult())
        let broken = Self.stored(phase: phase).setting(["spec", "backoffLimit"], to: -1)
        #expect(update(broken, from: Self.stored(phase: phase)).messages == ["spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0"])
    }

    @Test(arguments: ["Running", "Completed", "Failed", "Unknown"])
    func specOfAStartedRestoreIsImmutable(phase: String) {
        let changed = Self.stored(phase: .string(phase)).setting(["spec", "source", "backupId"], to: "backup-2")
        let result = update(changed, from: Self.stored(phase: .string(phase)))
        #expect(result.messages == [Self.immutable.replacing("%@", with: "\"\(phase)\"")])
        #expect(result.reasons == ["FieldValueForbidden"])
    }

    @Test func phaseOfAnotherTypeCountsAsStarted() {
        let changed = Self.stored(phase: 3).setting(["spec", "restoreMode"], to: "overwrite")
        #expect(update(changed, from: Self.stored(phase: 3)).messages == [Self.immutable.replacing("is %@", with: "is set")])
    }

    @Test(arguments: ["Running", "Completed", "Failed"])
    func metadataOfAStartedRestoreMayChange(phase: String) {
        let relabelled = Self.stored(phase: .string(phase))
            .setting(["metadata", "labels"], to: ["team": "data"])
            .setting(["metadata", "annotations"], to: ["note": "x"])
            .setting(["metadata", "finalizers"], to: [])
        #expect(update(relabelled, from: Self.stored(phase: .string(phase))) == ValidationResult())
    }

    @Test func gainingDefaultsIsNotAChange() {
        let old = Fixtures.basic.setting(["status"], to: ["phase": "Running"])
        let new = Fixtures.defaulted.setting(["status"], to: ["phase": "Running"])
        #expect(update(new, from: old) == ValidationResult())
        #expect(update(old, from: new) == ValidationResult())
        let emptyMode = Fixtures.defaulted.setting(["spec", "restoreMode"], to: "").setting(["status"], to: ["phase": "Running"])
        #expect(update(emptyMode, from: new) == ValidationResult())
    }

    @Test func anObjectBeingDeletedMayChangeAnything() {
        let old = Self.stored(phase: "Running").setting(["metadata", "deletionTimestamp"], to: "2025-01-15T10:00:00Z")
        let new = old.setting(["spec"], to: "garbage").setting(["metadata", "finalizers"], to: [])
        #expect(update(new, from: old) == ValidationResult())
        #expect(update(new, from: Self.stored(phase: "Running")) == ValidationResult())
    }

    @Test func anInvalidStoredRestoreMayStillBeRelabelled() {
        let stored = Self.stored(phase: "Pending").setting(["spec", "source", "location"], to: "http://legacy")
        let relabelled = stored.setting(["metadata", "labels"], to: ["a": "b"])
        #expect(update(relabelled, from: stored) == ValidationResult())
    }

    @Test func updateWithoutTheStoredObjectIsJudgedLikeACreate() {
        let result = validator.validate(
            operation: .update, object: Fixtures.spec("backoffLimit", is: -1), oldObject: nil, namespace: Fixtures.namespace)
        #expect(result.paths == ["spec.backoffLimit"])
    }

    @Test func generateNameIsOnlyJudgedOnCreate() {
        let object = Fixtures.defaulted.setting(["metadata", "name"], to: nil)
            .setting(["metadata", "generateName"], to: .string(String(repeating: "g", count: 51)))
        let old = object.setting(["spec", "backoffLimit"], to: 4)
        #expect(update(object, from: old) == ValidationResult())
    }
}
