import AdmissionRules
import AdmissionWebhook
import JSONModel
import Testing
import WebhookTestSupport

/// SPEC §6 end to end through the webhook: what each `--cluster-check` mode answers for a cluster
/// that exists, does not, or cannot be verified. The directory is fixed here; the watch that fills
/// the real one is tested against a fake API server in ClusterWatchTests.
@Suite struct ClusterCheckTests {
    struct FixedDirectory: ClusterDirectory {
        let answer: ClusterLookup
        func lookup(namespace: String, name: String) -> ClusterLookup { answer }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let mode: ClusterCheckMode
        let unavailable: ClusterCheckUnavailablePolicy
        let answer: ClusterLookup
        let allowed: Bool
        let warning: String?
        let cause: String?
        var testDescription: String { "\(mode) / unavailable \(unavailable) / \(answer)" }
    }

    static let notFoundWarning =
        #"spec.clusterRef.name: AntflyCluster "production/my-cluster" not found; the restore will wait in Pending"#

    static let cases: [Case] = [
        Case(mode: .warn, unavailable: .allow, answer: .found, allowed: true, warning: nil, cause: nil),
        Case(mode: .warn, unavailable: .allow, answer: .notFound, allowed: true, warning: notFoundWarning, cause: nil),
        Case(mode: .deny, unavailable: .allow, answer: .notFound, allowed: false, warning: nil, cause: "FieldValueNotFound"),
        Case(mode: .deny, unavailable: .allow, answer: .found, allowed: true, warning: nil, cause: nil),
        Case(mode: .off, unavailable: .deny, answer: .notFound, allowed: true, warning: nil, cause: nil),
        Case(mode: .warn, unavailable: .allow, answer: .unknown, allowed: true, warning: "spec.clusterRef.name", cause: nil),
        Case(mode: .deny, unavailable: .allow, answer: .unknown, allowed: true, warning: "spec.clusterRef.name", cause: nil),
        Case(mode: .warn, unavailable: .deny, answer: .unknown, allowed: false, warning: nil, cause: "FieldValueForbidden"),
    ]

    @Test(arguments: cases)
    func eachModeAnswersAsTheSpecSays(_ testCase: Case) async throws {
        var webhook = TestWebhook()
        webhook.policy.clusterCheck = testCase.mode
        webhook.policy.clusterCheckUnavailable = testCase.unavailable
        webhook.clusters = FixedDirectory(answer: testCase.answer)
        try await webhook.run { running in
            let (status, body) = try await running.post(running.validateURL, body: Reviews.create(spec: Reviews.basicSpec))
            #expect(status == 200)
            let response = try #require(try JSONParser().parse(Array(body.utf8))["response"])
            #expect(response["allowed"] == .bool(testCase.allowed))
            let warnings = response["warnings"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if let warning = testCase.warning {
                #expect(warnings.contains { $0.hasPrefix(warning) }, "warnings: \(warnings)")
            } else {
                #expect(!warnings.contains { $0.hasPrefix("spec.clusterRef") }, "warnings: \(warnings)")
            }
            let causes = response["status"]?["details"]?["causes"]?.arrayValue ?? []
            #expect(causes.compactMap { $0["reason"]?.stringValue } == (testCase.cause.map { [$0] } ?? []))
            if testCase.cause != nil {
                #expect(causes.first?["field"] == "spec.clusterRef.name")
            }
        }
    }
}
