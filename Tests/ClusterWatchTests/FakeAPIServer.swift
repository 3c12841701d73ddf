import Foundation
import WebhookTestSupport

/// A fake Kubernetes API server serving `antflyclusters.antfly.io` list and watch over TLS on
/// `127.0.0.1:0`, in a `python3` process that this object starts and ends by its pid.
///
/// It checks the bearer token (or, with a client CA, accepts a verified client certificate), pages
/// lists with continue tokens, and streams watch events as chunked JSON lines. The test drives it
/// with commands: add, modify and delete clusters; `expire` (410 Gone), `drop` (close active watches
/// abruptly), `hang` (active watches go silent), `bookmark`, `bump`, `compact`, and `token` (accept
/// another token). `drop`, `hang` and `bookmark` given while no watch is streaming apply to the next
/// one, so a test need not know whether the watcher has reconnected yet.
final class FakeAPIServer: @unchecked Sendable {
    // @unchecked Sendable: `process` and the pipes are set up in `init` and only used through
    // Foundation's thread-safe Process/FileHandle calls afterwards; `port` is immutable.
    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int
    private let process = Process()
    private let commands = Pipe()
    private let exited = DispatchSemaphore(value: 0)

    init(directory: String, certificate: IssuedCertificate, token: String, clientCAFile: String? = nil) throws {
        let script = "\(directory)/fake_api_server.py"
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, certificate.certificateFile, certificate.privateKeyFile, token, clientCAFile ?? ""]
        process.standardInput = commands
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let exited = self.exited
        process.onExit { _ in exited.signal() }
        try process.run()
        guard let port = Self.readPort(from: output.fileHandleForReading, timeout: .seconds(30)) else {
            kill(process.processIdentifier, SIGKILL)
            throw StartFailure(description: "the fake API server did not print its port")
        }
        self.port = port
    }

    deinit {
        stop()
    }

    /// Kills the server process by its pid (at once: a test uses this as "the API server died")
    /// and waits for it to exit.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + 10)
        }
    }

    func add(namespace: String, name: String) throws {
        try send(["op": "add", "namespace": namespace, "name": name])
    }

    func modify(namespace: String, name: String) throws {
        try send(["op": "modify", "namespace": namespace, "name": name])
    }

    func delete(namespace: String, name: String) throws {
        try send(["op": "delete", "namespace": namespace, "name": name])
    }

    /// Compacts history: active watches get an ERROR 410 event, and so does any watch that resumes
    /// from a resourceVersion older than now.
    func expire() throws { try send(["op": "expire"]) }

    /// Closes every active watch connection without ending its chunked body.
    func drop() throws { try send(["op": "drop"]) }

    /// Active watches stop sending anything, and keep their connections open.
    func hang() throws { try send(["op": "hang"]) }

    /// Active watches receive a BOOKMARK at the current resourceVersion.
    func bookmark() throws { try send(["op": "bookmark"]) }

    /// Something else in the cluster changed: the resourceVersion moves on, with no event for us.
    func bump() throws { try send(["op": "bump"]) }

    /// Forgets history up to now without telling active watches: a watch that resumes from an
    /// older resourceVersion gets 410 Gone.
    func compact() throws { try send(["op": "compact"]) }

    /// From now on, only `token` is accepted.
    func acceptToken(_ token: String) throws { try send(["op": "token", "value": token]) }

    private func send(_ command: [String: String]) throws {
        var line = try JSONSerialization.data(withJSONObject: command, options: [.sortedKeys])
        line.append(UInt8(ascii: "\n"))
        try commands.fileHandleForWriting.write(contentsOf: line)
    }

    /// Reads `PORT <n>` from the server's first line of output, on a helper thread, within `timeout`.
    private static func readPort(from handle: FileHandle, timeout: Duration) -> Int? {
        let found = DispatchSemaphore(value: 0)
        let result = PortResult()
        let reader = Thread {
            var line: [UInt8] = []
            while !line.contains(UInt8(ascii: "\n")) {
                let data = handle.availableData
                if data.isEmpty { break }
                line.append(contentsOf: data)
            }
            let text = String(decoding: line, as: UTF8.self).split(separator: "\n").first ?? ""
            if text.hasPrefix("PORT "), let port = Int(text.dropFirst("PORT ".count)) {
                result.set(port)
            }
            found.signal()
        }
        reader.start()
        guard found.wait(timeout: .now() + .seconds(Int(timeout.components.seconds))) == .success else { return nil }
        return result.value
    }
}
