import Glibc
import Testing
import TLS
import WebhookTestSupport

/// Peers that never complete a handshake: each ends in a status the event loop can act on.
@Suite struct TLSPeerFailureTests {
    let context: TLSContext
    let listener: LoopbackListener

    init() throws {
        let authority = try CertificateAuthority()
        let leaf = try authority.issueServerCertificate(keyType: .ecdsa)
        context = try TLSContext(configuration: TLSConfiguration(certificateFile: leaf.certificateFile, privateKeyFile: leaf.privateKeyFile))
        listener = try LoopbackListener()
    }

    private func send(_ text: String, from client: OwnedSocket) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(client.descriptor, $0.baseAddress, $0.count) }
    }

    @Test func plaintextHTTPOnTheTLSPortFails() throws {
        let client = try listener.connectPlainClient()
        send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n", from: client)
        let server = try listener.accept(within: .seconds(10))
        let connection = try TLSConnection(context: context, fileDescriptor: server.descriptor)
        let status = server.drive(until: .now + .seconds(10), connection.handshake)
        guard case .failed(let error) = status else {
            Issue.record("handshake ended \(status)")
            return
        }
        #expect(error.operation == "TLS handshake")
        #expect(error.openSSLErrors == ["http request (SSL routines)"])
        connection.shutdown()
    }

    @Test func silentClientLeavesTheHandshakeWaitingToRead() throws {
        let client = try listener.connectPlainClient()
        let server = try listener.accept(within: .seconds(10))
        let connection = try TLSConnection(context: context, fileDescriptor: server.descriptor)
        #expect(connection.handshake() == .wantRead)
        #expect(connection.protocolVersion == nil)
        #expect(!connection.isClientCertificateVerified)
        withExtendedLifetime(client) {}
    }

    @Test func clientClosingBeforeTheHandshakeIsClosed() throws {
        let server: OwnedSocket
        let connection: TLSConnection
        do {
            let client = try listener.connectPlainClient()
            server = try listener.accept(within: .seconds(10))
            connection = try TLSConnection(context: context, fileDescriptor: server.descriptor)
            #expect(connection.handshake() == .wantRead)
            withExtendedLifetime(client) {}
        }
        // The client is closed now.
        #expect(server.drive(until: .now + .seconds(10), connection.handshake) == .closed)
    }

    @Test func garbageAfterTheHandshakeStartFails() throws {
        let client = try listener.connectPlainClient()
        // A TLS handshake record header announcing an impossible length.
        let bytes: [UInt8] = [0x16, 0x03, 0x01, 0xff, 0xff] + Array(repeating: 0, count: 64)
        _ = bytes.withUnsafeBytes { write(client.descriptor, $0.baseAddress, $0.count) }
        let server = try listener.accept(within: .seconds(10))
        let connection = try TLSConnection(context: context, fileDescriptor: server.descriptor)
        let status = server.drive(until: .now + .seconds(10), connection.handshake)
        guard case .failed(let error) = status else {
            Issue.record("handshake ended \(status)")
            return
        }
        #expect(!error.openSSLErrors.isEmpty)
    }
}
