import Glibc

/// inotify on the directories that hold the certificate files.
///
/// Directories rather than files: the kubelet publishes a Secret by writing a new timestamped
/// directory and renaming a `..data` symlink over the old one, and cert-manager-style tools rename
/// new files over old ones; a watch on the old file would see neither. Any event is only a hint
/// that makes the watcher re-read the files; what changed is decided by comparing their contents.
///
/// Only events that can concern the certificate count as such a hint: those naming one of the files
/// watched in that directory, those naming a `..` entry (the kubelet's `..data` link and its
/// timestamped directories), and those on the directory itself. Anything else written beside the
/// files (a log, say) would wake the watcher on every write and keep it re-reading for nothing.
///
/// Used only on the watcher thread, so not `Sendable`.
final class DirectoryWatcher {
    /// Readable when events are queued.
    let descriptor: Int32
    /// Watched directory → watch descriptor.
    private var watches: [String: Int32] = [:]
    /// Watch descriptor → the names in its directory whose events count.
    private var names: [Int32: Set<String>] = [:]

    /// A file rewritten in place is seen when it is closed (`IN_CLOSE_WRITE`), complete, rather than on
    /// every `write(2)` (`IN_MODIFY`), which would also wake the watcher on every line a process
    /// appends to a file it keeps open beside the certificate.
    private static let mask: UInt32 = UInt32(
        IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB
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

    /// Makes the watched set exactly `directories` (each with the names in it whose events count);
    /// returns the directories that could not be watched (missing, or the inotify watch limit
    /// reached), which the poll still covers.
    func watch(_ directories: [String: Set<String>]) -> [String: TLSError] {
        for (directory, watch) in watches where directories[directory] == nil {
            _ = inotify_rm_watch(descriptor, watch)
            watches[directory] = nil
            names[watch] = nil
        }
        var failures: [String: TLSError] = [:]
        for (directory, wanted) in directories {
            if let watch = watches[directory] {
                names[watch] = wanted
                continue
            }
            let watch = inotify_add_watch(descriptor, directory, Self.mask)
            if watch >= 0 {
                watches[directory] = watch
                names[watch] = wanted
            } else {
                failures[directory] = .system(operation: "watch \(directory)", errorNumber: errno)
            }
        }
        return failures
    }

    /// Reads every queued event; forgets watches the kernel removed (their directory is gone, as
    /// the kubelet's old timestamped directory is after a swap). Returns whether any of the events
    /// can concern the certificate (see the type's comment).
    func drainEvents() -> Bool {
        var counted = false
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { bytes in
                read(descriptor, bytes.baseAddress, bytes.count)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return counted }
            if handle(buffer[0..<count]) { counted = true }
        }
    }

    /// Walks `struct inotify_event { int wd; uint32_t mask, cookie, len; char name[len]; }` records
    /// (`name` NUL-padded to `len`); returns whether one of them counts.
    private func handle(_ events: ArraySlice<UInt8>) -> Bool {
        let headerSize = MemoryLayout<inotify_event>.size
        var counts = false
        var offset = events.startIndex
        while events.endIndex - offset >= headerSize {
            let watch = Self.load(Int32.self, from: events, at: offset)
            let mask = Self.load(UInt32.self, from: events, at: offset + 4)
            let nameLength = Int(Self.load(UInt32.self, from: events, at: offset + 12))
            let nameStart = offset + headerSize
            let nameEnd = min(nameStart + nameLength, events.endIndex)
            let name = events[nameStart..<nameEnd].prefix { $0 != 0 }
            if name.isEmpty || name.starts(with: "..".utf8) || names[watch]?.contains(String(decoding: name, as: UTF8.self)) == true {
                counts = true
            }
            if mask & UInt32(IN_IGNORED) != 0, let directory = watches.first(where: { $0.value == watch })?.key {
                watches[directory] = nil
                names[watch] = nil
            }
            offset = nameEnd
        }
        return counts
    }

    /// A field of an event record, read with the machine's byte order as the kernel wrote it.
    private static func load<Field: FixedWidthInteger>(_: Field.Type, from events: ArraySlice<UInt8>, at offset: Int) -> Field {
        events[offset..<offset + MemoryLayout<Field>.size].withUnsafeBytes { $0.loadUnaligned(as: Field.self) }
    }
}
