/// An eventfd that lets any thread wake an event loop blocked in `epoll_wait`.
///
/// Immutable after `init`, and `write`/`read` on an eventfd are atomic in the kernel, so it is `Sendable`.
final class EventNotifier: Sendable {
    let descriptor: Int32

    init() throws(SystemError) {
        descriptor = try SystemCall.eventCreate()
    }

    deinit {
        SystemCall.close(descriptor)
    }

    func signal() {
        SystemCall.eventSignal(descriptor)
    }

    func reset() {
        SystemCall.eventDrain(descriptor)
    }
}
