import Synchronization

/// How other threads talk to an event loop: queue a message, then wake the loop through its eventfd.
final class EventLoopMailbox: Sendable {
    enum Message: Sendable {
        /// Graceful shutdown began (responses already close their connections: they read
        /// ``ServerLifecycle/isDraining``): at `stopAcceptingAt` close the listeners and idle connections;
        /// at `forceCloseAt` close whatever is left.
        case drain(stopAcceptingAt: ContinuousClock.Instant, forceCloseAt: ContinuousClock.Instant)
        /// Close everything now (the run task was cancelled).
        case stop
    }

    let notifier: EventNotifier
    private let messages = Mutex<[Message]>([])

    init() throws(SystemError) {
        notifier = try EventNotifier()
    }

    func send(_ message: Message) {
        messages.withLock { $0.append(message) }
        notifier.signal()
    }

    /// Everything sent since the last call, in order.
    func receive() -> [Message] {
        notifier.reset()
        return messages.withLock { queued in
            defer { queued = [] }
            return queued
        }
    }
}
