import AdmissionRules
import HTTPServer
import Logging
import Prometheus

/// Serves one admission path: checks the media type, lets the rules judge the review, and
/// accounts for the request (controller-runtime's metrics, our decision counter, one log line).
/// It runs on an event-loop thread: the rules are pure CPU work of a few microseconds.
struct AdmissionEndpoint: HTTPResponder {
    let mode: AdmissionMode
    let reviewer: AdmissionReviewer
    let metrics: EndpointMetrics
    let decisions: DecisionCounters
    let log: DecisionLog
    let renderer: StatusErrorRenderer

    func respond(to request: HTTPRequest) -> HTTPResponse {
        let start = ContinuousClock.now
        metrics.inFlight.increment()
        let response = judge(request, start: start)
        metrics.inFlight.decrement()
        metrics.requests(status: response.status).increment()
        metrics.latency.record(ContinuousClock.now - start)
        return response
    }

    private func judge(_ request: HTTPRequest, start: ContinuousClock.Instant) -> HTTPResponse {
        let contentType = request.headers["content-type"]
        guard MediaType.isJSON(contentType) else {
            return renderer.response(
                status: 415,
                message: "Content-Type must be application/json, got \(contentType.map { "\"\($0)\"" } ?? "none")")
        }
        do {
            let outcome = try reviewer.review(request.body, mode: mode)
            decisions.record(mode: mode, operation: outcome.decision.operation, allowed: outcome.decision.allowed)
            log.record(outcome.decision, mode: mode, latency: ContinuousClock.now - start)
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: outcome.responseBody)
        } catch {
            log.logger.debug("malformed admission review", metadata: ["admission.error": "\(error.message)"])
            return renderer.response(status: 400, message: error.message)
        }
    }
}
