/// Turns a request into a response. Called synchronously on an event-loop thread, so it must not block:
/// it may compute, but not wait on the network or on a lock held for long.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest) -> HTTPResponse
}
