@testable import AdmissionRules
import JSONModel
import Testing

/// SPEC §1: every example of the API reference is admitted after defaulting, with only the warnings
/// its choices call for.
@Suite struct ResourceTests {
    @Test(arguments: RestoreExamples.all)
    func seedExampleIsAdmittedAfterDefaulting(example: RestoreExample) throws {
        let defaulted = try RestoreDefaulter().defaultingPatch(for: example.object).applied(to: example.object)
        let namespace = example.object["metadata"]?["namespace"]?.stringValue ?? ""
        let result = RestoreValidator.standard.create(defaulted, namespace: namespace)
        #expect(result.errors.isEmpty)
        let expectedWarnings: [String] =
            switch example.name {
            case "restore-users-table": ["spec.restoreMode: overwrite drops and recreates existing tables (destructive)"]
            case "restore-to-staging":
                [
                    "spec.restoreMode: overwrite drops and recreates existing tables (destructive)",
                    "spec.tables: none listed, so overwrite replaces every table of the cluster",
                ]
            default: []
            }
        #expect(result.warningTexts == expectedWarnings)
    }

    @Test(arguments: RestoreExamples.all)
    func defaultedExampleKeepsItsChoices(example: RestoreExample) throws {
        let defaulted = try RestoreDefaulter().defaultingPatch(for: example.object).applied(to: example.object)
        for key in RestoreValidator.specFields {
            if let chosen = example.object["spec"]?[key] {
                #expect(defaulted["spec"]?[key] == chosen)
            }
        }
        #expect(defaulted["spec"]?["restoreMode"] != nil)
        #expect(defaulted["spec"]?["restoreTimeout"] != nil)
        #expect(defaulted["spec"]?["backoffLimit"] != nil)
    }
}
