import Synchronization

/// The port a reader thread found, handed back to the thread that waits for it.
final class PortResult: Sendable {
    private let port = Mutex<Int?>(nil)

    var value: Int? { port.withLock { $0 } }

    func set(_ value: Int) {
        port.withLock { $0 = value }
    }
}
