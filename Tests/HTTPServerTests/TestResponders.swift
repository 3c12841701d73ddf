import Foundation
import HTTPServer
import Synchronization

/// Renders every server error as a small JSON body, as AdmissionWebhook does with Kubernetes `Status`.
struct TestErrorRenderer: HTTPErrorRenderer {
    func response(for error: HTTPRequestError) -> HTTPResponse {
        HTTPResponse(
            status: error.status,
            headers: [("Content-Type", "application/json")],
            body: Array(#"{"code":\#(error.status),"message":"\#(error.description)"}"#.utf8)
        )
    }
}

/// Answers with what it received: `METHOD PATH?QUERY bytes=N sha=<first 64 bytes>`, and the body itself
/// for `/echo`. `/block` waits on a gate (for tests that need a request to be in flight).
struct EchoResponder: HTTPResponder {
    var gate: Gate? = nil

    func respond(to request: HTTPRequest) -> HTTPResponse {
        if request.path == "/block", let gate {
            gate.arrive()
            gate.waitForOpen()
        }
        if request.path == "/echo" {
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/octet-stream")], body: request.body)
        }
        let summary = "\(request.method) \(request.path)\(request.query.map { "?\($0)" } ?? "") \(request.version.rawValue) bytes=\(request.body.count)"
            + " trailers=\(request.trailers.fields.map { "\($0.name)=\($0.value)" }.joined(separator: ","))"
        return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")], body: Array(summary.utf8))
    }
}

/// A gate a responder blocks on, so a test can hold requests in flight; waits are bounded.
final class Gate: Sendable {
    private let state = Mutex<(arrived: Int, isOpen: Bool)>((0, false))

    func arrive() {
        state.withLock { $0.arrived += 1 }
    }

    var arrived: Int { state.withLock { $0.arrived } }

    func open() {
        state.withLock { $0.isOpen = true }
    }

    /// Blocks the event-loop thread (deliberately, in tests only) until opened, for at most 20 s.
    func waitForOpen() {
        let deadline = ContinuousClock.now.advanced(by: .seconds(20))
        while !state.withLock({ $0.isOpen }) && ContinuousClock.now < deadline {
            usleep(1000)
        }
    }
}

/// Counts what the server reports.
final class RecordingEvents: ServerEvents {
    struct Counts: Sendable {
        var opened = 0
        var closed = 0
        var handshakeFailures: [String] = []
        var certificateReads: [Bool] = []
    }

    private let state = Mutex(Counts())

    var counts: Counts { state.withLock { $0 } }

    func connectionOpened(listener: String) { state.withLock { $0.opened += 1 } }
    func connectionClosed(listener: String) { state.withLock { $0.closed += 1 } }
    func tlsHandshakeFailed(listener: String, reason: String) { state.withLock { $0.handshakeFailures.append(reason) } }
    func certificateRead(succeeded: Bool, notAfter: Date?) { state.withLock { $0.certificateReads.append(succeeded) } }
}
