internal import CLinux

/// The owner of one epoll instance; used only by the event loop that created it.
final class Epoll {
    /// What a registered descriptor wants to hear about.
    struct Interest: OptionSet, Equatable {
        let rawValue: UInt32
        static let readable = Interest(rawValue: EPOLLIN.rawValue)
        static let writable = Interest(rawValue: EPOLLOUT.rawValue)
        /// Wake only one of the loops waiting on a shared listening socket (no thundering herd).
        static let exclusive = Interest(rawValue: EPOLLEXCLUSIVE.rawValue)
    }

    private let descriptor: Int32
    private var events: [epoll_event]

    init(maxEventsPerWait: Int = 256) throws(SystemError) {
        descriptor = try SystemCall.epollCreate()
        events = [epoll_event](repeating: epoll_event(), count: maxEventsPerWait)
    }

    deinit {
        SystemCall.close(descriptor)
    }

    func add(_ fileDescriptor: Int32, interest: Interest, token: UInt64) throws(SystemError) {
        try SystemCall.epollControl(descriptor, operation: EPOLL_CTL_ADD, descriptor: fileDescriptor, events: interest.rawValue, token: token)
    }

    func modify(_ fileDescriptor: Int32, interest: Interest, token: UInt64) throws(SystemError) {
        try SystemCall.epollControl(descriptor, operation: EPOLL_CTL_MOD, descriptor: fileDescriptor, events: interest.rawValue, token: token)
    }

    func remove(_ fileDescriptor: Int32) throws(SystemError) {
        try SystemCall.epollControl(descriptor, operation: EPOLL_CTL_DEL, descriptor: fileDescriptor, events: 0, token: 0)
    }

    /// Waits up to `timeoutMilliseconds` (-1: no limit) and returns the tokens of the descriptors that
    /// became ready. Readable, writable, error and hang-up are all handled the same way: the owner is
    /// driven, and its next read or write reports what happened.
    func wait(timeoutMilliseconds: Int32) throws(SystemError) -> [UInt64] {
        let count = try SystemCall.epollWait(descriptor, &events, timeoutMilliseconds: timeoutMilliseconds)
        return events.prefix(count).map { $0.data.u64 }
    }
}
