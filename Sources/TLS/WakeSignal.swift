import Glibc

/// A self-pipe that lets `CertificateWatcher.stop()` wake the watcher thread out of `poll` at once.
///
/// Both ends are non-blocking: a full pipe already means "wake up", so a failed write is harmless.
final class WakeSignal: Sendable {
    /// Polled by the watcher thread; readable once `signal()` was called.
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    init() throws(TLSError) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else {
            throw TLSError.system(operation: "create the certificate watcher's wake pipe", errorNumber: errno)
        }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    func signal() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }
}
