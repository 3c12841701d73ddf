import Foundation
import InMemoryLogging
import Logging
@testable import TLS
import Testing
import WebhookTestSupport

/// Certificate hot reload (SPEC §7): swaps are seen, broken pairs refused, the old context kept.
@Suite struct CertificateWatcherTests {
    let authority: CertificateAuthority
    let first: IssuedCertificate
    let second: IssuedCertificate
    let logs = InMemoryLogHandler()
    let events = ReadEventStream()

    init() throws {
        authority = try CertificateAuthority()
        first = try authority.issueServerCertificate(keyType: .ecdsa, validDays: 30)
        second = try authority.issueServerCertificate(keyType: .rsa, validDays: 60)
    }

    private var logger: Logger {
        let handler = logs
        return Logger(label: "test", factory: { _ in handler })
    }

    /// A watcher whose poll is far away unless asked for, so inotify alone must see a change.
    private func watcher(
        certificateFile: String,
        privateKeyFile: String,
        pollInterval: Duration = .seconds(3600),
        watchesDirectories: Bool = true
    ) throws -> CertificateWatcher {
        try CertificateWatcher(
            configuration: TLSConfiguration(certificateFile: certificateFile, privateKeyFile: privateKeyFile),
            pollInterval: pollInterval,
            watchesDirectories: watchesDirectories,
            logger: logger,
            onRead: events.onRead
        )
    }

    @Test func firstReadIsReportedAndCurrent() async throws {
        let watcher = try watcher(certificateFile: first.certificateFile, privateKeyFile: first.privateKeyFile)
        var reads = events.stream.makeAsyncIterator()
        let initial = await reads.nextContext()
        #expect(initial?.certificateFingerprint == first.fingerprint)
        #expect(watcher.current.certificateFingerprint == first.fingerprint)
        #expect(logs.entries.map(\.message) == ["TLS certificate loaded"])
    }

    @Test func brokenFirstReadThrowsAndIsReported() async throws {
        let error = #expect(throws: TLSError.self) {
            try watcher(certificateFile: first.certificateFile, privateKeyFile: second.privateKeyFile)
        }
        var reads = events.stream.makeAsyncIterator()
        #expect(await reads.nextFailure() == error)
    }

    @Test func filesRenamedOverTheOldOnesAreServed() async throws {
        let directory = try CertificateDirectory(in: authority.directory, initial: first)
        let watcher = try watcher(certificateFile: directory.certificateFile, privateKeyFile: directory.privateKeyFile)
        watcher.start()
        defer { watcher.stop() }
        var reads = events.stream.makeAsyncIterator()
        #expect(await reads.nextContext()?.certificateFingerprint == first.fingerprint)

        try directory.replaceByRename(with: second)
        let reloaded = await reads.nextContext()
        #expect(reloaded?.certificateFingerprint == second.fingerprint)
        #expect(watcher.current.certificateFingerprint == second.fingerprint)
        #expect(logs.entries.contains { $0.message == "TLS certificate reloaded" && $0.metadata["tls.certificate.fingerprint"] == "\(second.fingerprint)" })
    }

    @Test func kubeletDataSymlinkSwapIsServed() async throws {
        let volume = try KubeletSecretDirectory(in: authority.directory, initial: first)
        let watcher = try watcher(certificateFile: volume.certificateFile, privateKeyFile: volume.privateKeyFile)
        watcher.start()
        defer { watcher.stop() }
        var reads = events.stream.makeAsyncIterator()
        #expect(await reads.nextContext()?.certificateFingerprint == first.fingerprint)

        try volume.update(to: second)
        #expect(await reads.nextContext()?.certificateFingerprint == second.fingerprint)
        // The old payload directory is gone; a second swap must still be seen.
        try volume.update(to: first)
        #expect(await reads.nextContext()?.certificateFingerprint == first.fingerprint)
        #expect(watcher.current.certificateFingerprint == first.fingerprint)
    }

    @Test func brokenNewPairKeepsTheOldContext() async throws {
        let directory = try CertificateDirectory(in: authority.directory, initial: first)
        let watcher = try watcher(certificateFile: directory.certificateFile, privateKeyFile: directory.privateKeyFile)
        watcher.start()
        defer { watcher.stop() }
        var reads = events.stream.makeAsyncIterator()
        #expect(await reads.nextContext()?.certificateFingerprint == first.fingerprint)

        // A key that does not match the certificate.
        try directory.renameOver(directory.privateKeyFile, contents: try Data(contentsOf: URL(fileURLWithPath: second.privateKeyFile)))
        let mismatch = await reads.nextFailure()
        #expect(mismatch?.operation.hasPrefix("check private key") == true, "\(String(describing: mismatch))")
        #expect(watcher.current.certificateFingerprint == first.fingerprint)

        // Garbage in place of the certificate is a different failure, reported too.
        try directory.renameOver(directory.certificateFile, contents: Data("garbage\n".utf8))
        let garbage = await reads.nextFailure()
        #expect(garbage == TLSError(operation: "read certificate chain \(directory.certificateFile)", openSSLErrors: ["no PEM certificate found"]))
        #expect(watcher.current.certificateFingerprint == first.fingerprint)

        // The same garbage written again is not reported again: the next event is the good pair.
        try directory.renameOver(directory.certificateFile, contents: Data("garbage\n".utf8))
        try directory.replaceByRename(with: second)
        let next = await reads.next()
        guard case .success(let context) = next else {
            Issue.record("expected the new pair, got \(String(describing: next))")
            return
        }
        #expect(context.certificateFingerprint == second.fingerprint)
        let warnings = logs.entries.filter { $0.level == .warning }
        #expect(warnings.count == 2)
        #expect(warnings.allSatisfy { $0.message == "TLS certificate reload refused; keeping the previous certificate" })
    }

    @Test func clientCAChangeIsServed() async throws {
        let directory = try CertificateDirectory(in: authority.directory, initial: first)
        let clientCAFile = "\(directory.path)/ca.crt"
        try directory.renameOver(clientCAFile, contents: try Data(contentsOf: URL(fileURLWithPath: authority.certificateFile)))
        let watcher = try CertificateWatcher(
            configuration: TLSConfiguration(
                certificateFile: directory.certificateFile,
                privateKeyFile: directory.privateKeyFile,
                clientCAFile: clientCAFile
            ),
            pollInterval: .seconds(3600),
            logger: logger,
            onRead: events.onRead
        )
        watcher.start()
        defer { watcher.stop() }
        var reads = events.stream.makeAsyncIterator()
        _ = await reads.nextContext()

        let rotated = try CertificateAuthority(name: "Rotated CA", in: authority.directory)
        try directory.renameOver(clientCAFile, contents: try Data(contentsOf: URL(fileURLWithPath: rotated.certificateFile)))
        let reloaded = try #require(await reads.nextContext())
        #expect(reloaded.certificateFingerprint == first.fingerprint)

        let client = try rotated.issueClientCertificate()
        let result = try HandshakeExchange(
            context: watcher.current,
            clientArguments: ["-cert", client.certificateFile, "-key", client.privateKeyFile],
            directory: authority.directory
        )
        #expect(result.isClientCertificateVerified)
    }

    @Test func pollAloneSeesAChange() async throws {
        let directory = try CertificateDirectory(in: authority.directory, initial: first)
        let watcher = try watcher(
            certificateFile: directory.certificateFile,
            privateKeyFile: directory.privateKeyFile,
            pollInterval: .milliseconds(200),
            watchesDirectories: false
        )
        watcher.start()
        defer { watcher.stop() }
        var reads = events.stream.makeAsyncIterator()
        #expect(await reads.nextContext()?.certificateFingerprint == first.fingerprint)

        try directory.replaceByRename(with: second)
        #expect(await reads.nextContext()?.certificateFingerprint == second.fingerprint)
    }

    @Test func stopEndsPromptlyAndIsIdempotent() throws {
        let watcher = try watcher(certificateFile: first.certificateFile, privateKeyFile: first.privateKeyFile)
        watcher.start()
        let started = ContinuousClock.now
        watcher.stop()
        #expect(ContinuousClock.now - started < .seconds(2))
        watcher.stop()
        watcher.start()
        #expect(watcher.current.certificateFingerprint == first.fingerprint)
    }
}
