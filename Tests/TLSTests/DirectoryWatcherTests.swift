import Foundation
@testable import TLS
import Testing

/// `DirectoryWatcher` wakes the certificate watcher only for events that can concern the certificate:
/// a watched file, a kubelet `..` entry, the directory itself. inotify queues an event before the call
/// that caused it returns, so each step reads what the previous one raised without waiting.
@Suite struct DirectoryWatcherTests {
    @Test func onlyEventsThatCanConcernTheCertificateCount() throws {
        try withWatchedDirectory(names: ["tls.crt"]) { directory, watcher in
            // A log written beside the certificate, however often, is not a hint.
            for line in 0..<3 {
                try Data("line \(line)\n".utf8).write(to: directory.appendingPathComponent("webhook.log"))
            }
            #expect(watcher.drainEvents() == false)

            // The certificate itself is, when it is created and when it is rewritten in place.
            let certificate = directory.appendingPathComponent("tls.crt")
            try Data("pem".utf8).write(to: certificate)
            #expect(watcher.drainEvents() == true)
            try Data("new pem".utf8).write(to: certificate)
            #expect(watcher.drainEvents() == true)

            // So is the kubelet's link swap.
            let temporary = directory.appendingPathComponent("..data_tmp").path
            try FileManager.default.createSymbolicLink(atPath: temporary, withDestinationPath: ".")
            try FileManager.default.moveItem(atPath: temporary, toPath: directory.appendingPathComponent("..data").path)
            #expect(watcher.drainEvents() == true)
            #expect(watcher.drainEvents() == false)

            // So is the directory going away (its watch is forgotten with it).
            try FileManager.default.removeItem(at: directory)
            #expect(watcher.drainEvents() == true)
        }
    }

    /// A process appending to a file it keeps open beside the certificate raises no event at all: the
    /// watcher sees in-place rewrites when they are closed, not at every `write(2)`.
    @Test func appendsToAnOpenFileRaiseNoEvent() throws {
        try withWatchedDirectory(names: ["webhook.log"]) { directory, watcher in
            let log = directory.appendingPathComponent("webhook.log")
            try Data().write(to: log)
            _ = watcher.drainEvents()
            let handle = try FileHandle(forWritingTo: log)
            for line in 0..<100 {
                try handle.write(contentsOf: Data("line \(line)\n".utf8))
            }
            #expect(watcher.drainEvents() == false)
            try handle.close()
            #expect(watcher.drainEvents() == true)
        }
    }

    @Test func watchedNamesFollowEachCallToWatch() throws {
        try withWatchedDirectory(names: ["tls.crt"]) { directory, watcher in
            #expect(watcher.watch([directory.path: ["tls.crt", "ca.crt"]]).isEmpty)
            try Data("pem".utf8).write(to: directory.appendingPathComponent("ca.crt"))
            #expect(watcher.drainEvents() == true)
            #expect(watcher.watch([directory.path: ["tls.crt"]]).isEmpty)
            try Data("pem".utf8).write(to: directory.appendingPathComponent("ca.crt"))
            #expect(watcher.drainEvents() == false)
        }
    }

    /// Runs `body` with a new empty directory that a new watcher watches for `names`, and removes it after.
    private func withWatchedDirectory(names: Set<String>, _ body: (URL, DirectoryWatcher) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("watcher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        let watcher = try DirectoryWatcher()
        #expect(watcher.watch([directory.path: names]).isEmpty)
        try body(directory, watcher)
    }
}
