import AdmissionRules
import AdmissionWebhook
import Foundation
import InMemoryLogging
import Logging
import JSONModel
import Testing
import WebhookTestSupport

/// The assembled webhook over real TLS, driven by clients we did not write (curl, Python).
@Suite struct WebhookServerTests {
    private func json(_ text: String) throws -> JSONValue {
        try JSONParser().parse(Array(text.utf8))
    }

    @Test func mutateAnswersWithTheDefaultingPatch() async throws {
        try await TestWebhook().run { webhook in
            let (status, body) = try await webhook.post(webhook.mutateURL, body: Reviews.create(spec: Reviews.basicSpec))
            #expect(status == 200)
            let review = try json(body)
            #expect(review["apiVersion"] == "admission.k8s.io/v1")
            #expect(review["response"]?["uid"] == "uid-1")
            #expect(review["response"]?["allowed"] == true)
            #expect(review["response"]?["patchType"] == "JSONPatch")
            let encoded = try #require(review["response"]?["patch"]?.stringValue)
            let patch = try json(String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self))
            #expect(
                patch == [
                    ["op": "add", "path": "/spec/restoreMode", "value": "fail_if_exists"],
                    ["op": "add", "path": "/spec/restoreTimeout", "value": "2h"],
                    ["op": "add", "path": "/spec/backoffLimit", "value": 3],
                ])
        }
    }

    @Test func validateDeniesWithEveryCause() async throws {
        try await TestWebhook().run { webhook in
            let (status, body) = try await webhook.post(webhook.validateURL, body: Reviews.create(spec: Reviews.badSpec))
            #expect(status == 200)
            let response = try #require(try json(body)["response"])
            #expect(response["allowed"] == false)
            #expect(response["status"]?["code"] == 422)
            #expect(response["status"]?["reason"] == "Invalid")
            let fields = response["status"]?["details"]?["causes"]?.arrayValue?.compactMap { $0["field"]?.stringValue }
            #expect(fields == ["spec.source.backupId", "spec.source.location", "spec.backoffLimit"])
        }
    }

    @Test func v1beta1IsAnsweredInV1beta1() async throws {
        try await TestWebhook().run { webhook in
            let (_, body) = try await webhook.post(
                webhook.validateURL, body: Reviews.create(spec: Reviews.basicSpec, version: "v1beta1"))
            #expect(try json(body)["apiVersion"] == "admission.k8s.io/v1beta1")
        }
    }

    @Test func malformedReviewIsA400StatusBody() async throws {
        try await TestWebhook().run { webhook in
            let (status, body) = try await webhook.post(webhook.validateURL, body: #"{"apiVersion":"admission.k8s.io/v1"#)
            #expect(status == 400)
            let failure = try json(body)
            #expect(failure["kind"] == "Status")
            #expect(failure["code"] == 400)
            #expect(failure["reason"] == "BadRequest")
        }
    }

    @Test func nonJSONMediaTypeIs415() async throws {
        try await TestWebhook().run { webhook in
            let (status, body) = try await webhook.post(
                webhook.mutateURL, body: Reviews.create(spec: Reviews.basicSpec), contentType: "text/plain")
            #expect(status == 415)
            #expect(try json(body)["reason"] == "UnsupportedMediaType")
            let charset = try await webhook.post(
                webhook.mutateURL, body: Reviews.create(spec: Reviews.basicSpec),
                contentType: "Application/JSON; charset=utf-8")
            #expect(charset.status == 200)
        }
    }

    @Test func unknownPathAndWrongMethodAreJSONErrors() async throws {
        try await TestWebhook().run { webhook in
            let missing = try await webhook.get("https://localhost:\(webhook.securePort)/nope?timeout=10s")
            #expect(missing.status == 404)
            #expect(try json(missing.body)["reason"] == "NotFound")
            let caFile = webhook.caFile, url = webhook.mutateURL + "?timeout=10s"
            let wrongMethod = try await offPool { try Curl.run(["--cacert", caFile, "--include", url]) }
            #expect(wrongMethod.outputText.hasPrefix("HTTP/1.1 405"))
            #expect(wrongMethod.outputText.lowercased().contains("allow: post"))
        }
    }

    @Test func queryStringIsIgnored() async throws {
        try await TestWebhook().run { webhook in
            let (status, _) = try await webhook.post(
                webhook.mutateURL + "?timeout=10s", body: Reviews.create(spec: Reviews.basicSpec))
            #expect(status == 200)
        }
    }

    @Test func pythonKeepAliveClientGetsManyAnswersOnOneConnection() async throws {
        try await TestWebhook().run { webhook in
            let script = """
                import http.client, json, ssl, sys
                context = ssl.create_default_context(cafile=sys.argv[1])
                connection = http.client.HTTPSConnection("localhost", int(sys.argv[2]), context=context, timeout=10)
                body = sys.stdin.read()
                for i in range(20):
                    connection.request("POST", "\(WebhookPaths.validate)", body, {"Content-Type": "application/json"})
                    response = connection.getresponse()
                    answer = json.loads(response.read())
                    assert response.status == 200 and answer["response"]["allowed"], answer
                print(connection.sock.version(), connection.sock.selected_alpn_protocol())
                """
            let arguments = ["-c", script, webhook.caFile, String(webhook.securePort)]
            let result = try await offPool {
                try ChildProcess.run("python3", arguments, standardInput: Array(Reviews.create(spec: Reviews.basicSpec).utf8))
            }
            #expect(result.exitCode == 0, "\(result.standardError)")
            #expect(result.outputText.hasPrefix("TLSv1.3"))
        }
    }

    @Test func probesAnswerOnBothListeners() async throws {
        try await TestWebhook().run { webhook in
            #expect(try await webhook.get(webhook.metricsURL(WebhookPaths.healthz)).status == 200)
            #expect(try await webhook.get(webhook.metricsURL(WebhookPaths.readyz)).status == 200)
            #expect(try await webhook.get("https://localhost:\(webhook.securePort)\(WebhookPaths.readyz)").status == 200)
            // The plain port serves probes and metrics only.
            let admission = try await webhook.get(webhook.metricsURL(WebhookPaths.mutate))
            #expect(admission.status == 404)
        }
    }

    @Test func readinessTurns503AtOnceOnShutdownWhileStillServing() async throws {
        var webhook = TestWebhook()
        webhook.shutdownDelay = .seconds(3)
        try await webhook.run { webhook in
            webhook.server.beginGracefulShutdown()
            #expect(try await webhook.get(webhook.metricsURL(WebhookPaths.readyz)).status == 503)
            let (status, _) = try await webhook.post(webhook.mutateURL, body: Reviews.create(spec: Reviews.basicSpec))
            #expect(status == 200)
        }
    }

    @Test func mutualTLSGuardsAdmissionPathsOnly() async throws {
        var webhook = TestWebhook()
        webhook.requireClientCertificates = true
        try await webhook.run { webhook in
            let review = Reviews.create(spec: Reviews.basicSpec)
            let anonymous = try await webhook.post(webhook.mutateURL, body: review)
            #expect(anonymous.status == 403)
            #expect(try json(anonymous.body)["reason"] == "Forbidden")
            let authenticated = try await webhook.post(
                webhook.mutateURL, body: review,
                extra: ["--cert", webhook.client.certificateFile, "--key", webhook.client.privateKeyFile])
            #expect(authenticated.status == 200)
            #expect(try await webhook.get("https://localhost:\(webhook.securePort)\(WebhookPaths.healthz)").status == 200)
        }
    }

    @Test func metricsUseControllerRuntimeNames() async throws {
        let webhook = TestWebhook()
        try await webhook.run { running in
            _ = try await running.post(running.mutateURL, body: Reviews.create(spec: Reviews.basicSpec))
            _ = try await running.post(running.validateURL, body: Reviews.create(spec: Reviews.badSpec))
            _ = try await running.post(running.validateURL, body: "{", contentType: "application/json")
            let (status, text) = try await running.get(running.metricsURL(WebhookPaths.metrics))
            #expect(status == 200)
            let lines = Set(text.split(separator: "\n").map(String.init))
            let mutate = WebhookPaths.mutate, validate = WebhookPaths.validate
            for expected in [
                #"controller_runtime_webhook_requests_total{webhook="\#(mutate)",code="200"} 1"#,
                #"controller_runtime_webhook_requests_total{webhook="\#(validate)",code="200"} 1"#,
                #"controller_runtime_webhook_requests_total{webhook="\#(validate)",code="400"} 1"#,
                #"controller_runtime_webhook_latency_seconds_count{webhook="\#(mutate)"} 1"#,
                #"controller_runtime_webhook_latency_seconds_bucket{webhook="\#(mutate)",le="1000.0"} 1"#,
                #"controller_runtime_webhook_requests_in_flight{webhook="\#(mutate)"} 0.0"#,
                #"antfly_restore_webhook_decisions_total{webhook="mutate",operation="CREATE",result="allowed"} 1"#,
                #"antfly_restore_webhook_decisions_total{webhook="validate",operation="CREATE",result="denied"} 1"#,
                "certwatcher_read_certificate_total 1",
                "certwatcher_read_certificate_errors_total 0",
            ] {
                #expect(lines.contains(expected), "missing metrics line: \(expected)")
            }
            #expect(lines.contains { $0.hasPrefix("antfly_restore_webhook_certificate_expiry_timestamp_seconds ") })
        }
    }

    @Test func eachDecisionIsLoggedOnce() async throws {
        let webhook = TestWebhook()
        try await webhook.run { running in
            _ = try await running.post(running.validateURL, body: Reviews.create(uid: "logged-uid", spec: Reviews.badSpec))
        }
        let decisions = webhook.logs.entries.filter { $0.message == "admission decision" }
        #expect(decisions.count == 1)
        let metadata = try #require(decisions.first?.metadata)
        #expect(metadata["admission.uid"] == "logged-uid")
        #expect(metadata["admission.operation"] == "CREATE")
        #expect(metadata["admission.namespace"] == "production")
        #expect(metadata["admission.name"] == "restore-latest")
        #expect(metadata["admission.user"] == "alice")
        #expect(metadata["admission.allowed"] == "false")
        #expect(metadata["admission.latency_ms"] != nil)
    }

    @Test func hostileFieldsAreShortenedInTheLog() async throws {
        let webhook = TestWebhook()
        let uid = String(repeating: "u", count: 10_000)
        try await webhook.run { running in
            _ = try await running.post(running.mutateURL, body: Reviews.create(uid: uid, spec: Reviews.basicSpec))
        }
        let logged = try #require(webhook.logs.entries.first { $0.message == "admission decision" }?.metadata["admission.uid"])
        #expect("\(logged)" == String(repeating: "u", count: 256) + "...")
    }
}
