import Glibc

/// inotify on the directories that hold the certificate files.
///
/// Directories rather than files: the kubelet publishes a Secret by writing a new timestamped
/// directory and renaming a `..data` symlink over the old one, and cert-manager-style tools rename
/// new files over old ones; a watch on the old file would see neither. Any event is only a hint
/// that makes the watcher re-read the files; what changed is decided by comparing their contents.
///
/// Used only on the watcher thread, so not `Sendable`.
final class DirectoryWatcher {
    /// Readable when events are queued.
    let descriptor: Int32
    /// Watched directory → watch descriptor.
    private var watches: [String: Int32] = [:]

    private static let mask: UInt32 = UInt32(
        IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB
            | IN_DELETE_SELF | IN_MOVE_SELF
    )

    init() throws(TLSError) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            throw TLSError.system(operation: "inotify_init1", errorNumber: errno)
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Makes the watched set exactly `directories`; returns the directories that could not be
    /// watched (missing, or the inotify watch limit reached), which the poll still covers.
    func watch(_ directories: Set<String>) -> [String: TLSError] {
        for (directory, watch) in watches where !directories.contains(directory) {
            _ = inotify_rm_watch(descriptor, watch)
            watches[directory] = nil
        }
        var failures: [String: TLSError] = [:]
        for directory in directories where watches[directory] == nil {
            let watch = inotify_add_watch(descriptor, directory, Self.mask)
            if watch >= 0 {
                watches[directory] = watch
            } else {
                failures[directory] = .system(operation: "watch \(directory)", errorNumber: errno)
            }
        }
        return failures
    }

    /// Reads every queued event; forgets watches the kernel removed (their directory is gone, as
    /// the kubelet's old timestamped directory is after a swap). Returns whether any event was read.
    func drainEvents() -> Bool {
        var sawEvent = false
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { bytes in
                read(descriptor, bytes.baseAddress, bytes.count)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return sawEvent }
            sawEvent = true
            forgetRemovedWatches(in: buffer[0..<count])
        }
    }

    /// Walks `struct inotify_event { int wd; uint32_t mask, cookie, len; char name[len]; }` records.
    private func forgetRemovedWatches(in events: ArraySlice<UInt8>) {
        let headerSize = MemoryLayout<inotify_event>.size
        events.withUnsafeBytes { bytes in
            var offset = 0
            while bytes.count - offset >= headerSize {
                let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let nameLength = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                if mask & UInt32(IN_IGNORED) != 0, let directory = watches.first(where: { $0.value == watch })?.key {
                    watches[directory] = nil
                }
                offset += headerSize + nameLength
            }
        }
    }
}
