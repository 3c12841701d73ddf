import Synchronization

/// Hands the listening sockets to one event-loop thread and forgets them, so that once the loops let go
/// (graceful shutdown), nothing else keeps a listening socket open and new clients are refused at once.
final class ListenerHandoff: Sendable {
    private let listeners: Mutex<[BoundListener]?>

    init(_ listeners: [BoundListener]) {
        self.listeners = Mutex(listeners)
    }

    /// The listeners, once; later calls get an empty list.
    func take() -> [BoundListener] {
        listeners.withLock { stored in
            defer { stored = nil }
            return stored ?? []
        }
    }
}
