import Foundation

/// A temporary directory for one test's files (manifests, configuration), removed when the test lets go
/// of it, so tests never share files or leave them behind.
public final class ScratchDirectory: Sendable {
    private let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("antfly-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The directory's path, as diagnostics print it.
    public var path: String { url.path }

    /// Writes `text` to `name` in the directory and returns the file's path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    /// Writes `bytes` to `name` in the directory and returns the file's path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    /// The path of `name` in the directory, whether or not it exists.
    public func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }
}
