import Dispatch
import Glibc

/// Turns SIGTERM and SIGINT into a callback on a dispatch queue. The default action is set to
/// `SIG_IGN` first so the kernel never kills the process, and no work runs inside a C signal
/// handler: the dispatch source reads the signal from the kernel's queue (service-lifecycle's way).
public final class ShutdownSignals {
    private let sources: [any DispatchSourceSignal]

    /// `onSignal` runs once per delivered signal, with its name (`SIGTERM`), on a private queue.
    public init(onSignal: @escaping @Sendable (String) -> Void) {
        let queue = DispatchQueue(label: "shutdown-signals")
        sources = [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")].map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { onSignal(name) }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
