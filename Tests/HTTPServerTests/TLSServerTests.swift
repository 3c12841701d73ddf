import Foundation
import HTTPServer
import Testing
import WebhookTestSupport

/// The real server over TLS (OpenSSL, non-blocking), driven by curl, Python's ssl + http.client,
/// `openssl s_client`, and raw sockets for bytes that are not TLS at all.
@Suite struct TLSServerTests {
    let authority: CertificateAuthority
    let certificate: IssuedCertificate

    init() async throws {
        (authority, certificate) = try await CertificateAuthority.makeWithServerCertificate()
    }

    @Test func curlKeepsAliveOverTLSWithHTTP11Only() async throws {
        let server = TestServer()
        let ca = authority.certificateFile
        try await server.run(listeners: server.tlsListener(certificate)) { _, port in
            let result = try await offPool {
                try Curl.run(["-v", "--http2", "--cacert", ca, "https://localhost:\(port)/a", "https://localhost:\(port)/b?x=1"])
            }
            #expect(result.exitCode == 0, "\(result.standardError)")
            #expect(result.outputText == "GET /a HTTP/1.1 bytes=0 trailers=GET /b?x=1 HTTP/1.1 bytes=0 trailers=")
            #expect(result.standardError.contains("ALPN: server accepted http/1.1"))
            #expect(!result.standardError.contains("using HTTP/2"))
            #expect(result.standardError.contains("SSL connection using TLSv1.3"))
            #expect(result.standardError.contains("Re-using existing connection"))
        }
        #expect(server.events.counts.opened == 1)
        #expect(server.events.counts.certificateReads == [true])
    }

    @Test func curlUploadOverTLSTakesTheExpectContinuePath() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tls-curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("big.json")
        let body = "{\"data\":\"" + String(repeating: "b", count: 3 * 1024 * 1024) + "\"}"
        try Data(body.utf8).write(to: file)
        var server = TestServer()
        // This test is about the 100 Continue path, not speed: a debug build on a loaded machine reads slowly.
        server.limits.requestTimeout = .seconds(60)
        let ca = authority.certificateFile
        try await server.run(listeners: server.tlsListener(certificate)) { _, port in
            let result = try await offPool {
                try Curl.run(["-v", "--cacert", ca, "-H", "Content-Type: application/json", "--data-binary", "@\(file.path)", "https://localhost:\(port)/upload"])
            }
            #expect(result.exitCode == 0, "\(result.standardError)")
            #expect(result.standardError.contains("< HTTP/1.1 100 Continue"))
            #expect(result.outputText == "POST /upload HTTP/1.1 bytes=\(body.utf8.count) trailers=")
        }
    }

    @Test func pythonClientKeepsAliveAndSendsChunkedBodies() async throws {
        let script = """
            import http.client, ssl, sys
            context = ssl.create_default_context(cafile=sys.argv[2])
            conn = http.client.HTTPSConnection("localhost", int(sys.argv[1]), context=context, timeout=10)
            for i in range(30):
                conn.request("POST", "/echo", body=b"y" * (i * 1000), headers={"Content-Type": "application/json"})
                r = conn.getresponse()
                assert r.status == 200, r.status
                assert r.read() == b"y" * (i * 1000)
            conn.request("POST", "/chunks", body=iter([b"ab", b"cd", b"e" * 70000]), encode_chunked=True)
            print(conn.getresponse().read().decode())
            print(conn.sock.version())
            """
        let server = TestServer()
        let ca = authority.certificateFile
        try await server.run(listeners: server.tlsListener(certificate)) { _, port in
            let result = try await offPool { try ChildProcess.run("python3", ["-c", script, "\(port)", ca]) }
            #expect(result.exitCode == 0, "\(result.standardError)")
            #expect(result.outputText == "POST /chunks HTTP/1.1 bytes=70004 trailers=\nTLSv1.3\n")
        }
        #expect(server.events.counts.opened == 1)
    }

    @Test func pipelinedRequestsThroughOpenSSLClient() async throws {
        let server = TestServer()
        let ca = authority.certificateFile
        try await server.run(listeners: server.tlsListener(certificate)) { _, port in
            let requests = "GET /one HTTP/1.1\r\nHost: t\r\n\r\nPOST /two HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nT: 1\r\n\r\n"
                + "GET /three HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
            let result = try await offPool {
                try ChildProcess.run(
                    "openssl",
                    ["s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost", "-CAfile", ca, "-verify_return_error", "-quiet"],
                    standardInput: Array(requests.utf8)
                )
            }
            #expect(result.exitCode == 0, "\(result.standardError)")
            let text = result.outputText
            for expected in ["GET /one HTTP/1.1 bytes=0", "POST /two HTTP/1.1 bytes=3 trailers=T=1", "GET /three HTTP/1.1 bytes=0"] {
                #expect(text.contains(expected), "\(text)")
            }
            #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 4)
        }
    }

    /// Two requests in two TLS records sent in one TCP write: one socket read (read-ahead) takes both, so
    /// after the first answer OpenSSL still holds the second, which epoll cannot see. The server must
    /// read it before waiting for the socket, or the client waits forever.
    @Test func secondRecordHeldByOpenSSLIsAnsweredWithoutMoreBytes() async throws {
        let script = """
            import socket, ssl, sys
            context = ssl.create_default_context(cafile=sys.argv[2])
            incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
            tls = context.wrap_bio(incoming, outgoing, server_hostname="localhost")
            sock = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
            def pump():
                data = sock.recv(65536)
                assert data, "server closed"
                incoming.write(data)
            while True:
                try:
                    tls.do_handshake()
                    break
                except ssl.SSLWantReadError:
                    sock.sendall(outgoing.read())
                    pump()
            sock.sendall(outgoing.read())
            tls.write(b"GET /first HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n")
            tls.write(b"GET /second HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n")
            sock.sendall(outgoing.read())  # both records in one write
            answers = b""
            while answers.count(b" bytes=0") < 2:
                try:
                    answers += tls.read(65536)
                except ssl.SSLWantReadError:
                    pump()
            print(answers.decode())
            """
        let server = TestServer()
        let ca = authority.certificateFile
        try await server.run(listeners: server.tlsListener(certificate)) { _, port in
            let result = try await offPool { try ChildProcess.run("python3", ["-c", script, "\(port)", ca]) }
            #expect(result.exitCode == 0, "\(result.standardError)")
            #expect(result.outputText.contains("GET /first HTTP/1.1 bytes=0"))
            #expect(result.outputText.contains("GET /second HTTP/1.1 bytes=0"))
        }
    }

    @Test(arguments: ["-tls1", "-tls1_1"])
    func oldProtocolVersionsAreRefused(_ flag: String) async throws {
        let server = TestServer()
        try await server.run(listeners: server.tlsListener(certificate)) { _, port in
            let result = try await offPool {
                try ChildProcess.run("openssl", ["s_client", "-connect", "127.0.0.1:\(port)", flag, "-cipher", "DEFAULT@SECLEVEL=0"], standardInput: [])
            }
            #expect(result.exitCode != 0)
            try waitUntil("handshake failure reported") { server.events.counts.handshakeFailures.count == 1 }
        }
    }

    @Test func plaintextOnTheTLSPortFailsTheHandshakeAndTheServerStaysUp() async throws {
        let server = TestServer()
        let ca = authority.certificateFile
        try await server.run(listeners: server.tlsListener(certificate)) { _, port in
            try await offPool {
                let client = try RawClient(port: port)
                try client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
                _ = try? client.readToEnd()
                try waitUntil("handshake failure reported") { server.events.counts.handshakeFailures.count == 1 }
                #expect(server.events.counts.handshakeFailures.first?.contains("http request") == true)
            }
            let result = try await offPool { try Curl.run(["--cacert", ca, "https://localhost:\(port)/after"]) }
            #expect(result.outputText.hasPrefix("GET /after HTTP/1.1"))
        }
    }

    @Test func smugglingShapeOverTLSIsRefusedAndClosed() async throws {
        let server = TestServer()
        let ca = authority.certificateFile
        try await server.run(listeners: server.tlsListener(certificate)) { _, port in
            let request = "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n"
            let result = try await offPool {
                try ChildProcess.run(
                    "openssl",
                    ["s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost", "-CAfile", ca, "-quiet"],
                    standardInput: Array(request.utf8)
                )
            }
            #expect(result.outputText.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            #expect(result.outputText.contains("Connection: close\r\n"))
            #expect(!result.outputText.contains("smuggled"))
        }
    }

    @Test func mutualTLSGuardsOnlyTheRoutesThatRequireIt() async throws {
        var router = Router(errorRenderer: TestErrorRenderer())
        router.add("POST", "/validate", requiresClientCertificate: true) { _ in HTTPResponse(status: 200, body: Array("admitted".utf8)) }
        router.add("GET", "/healthz") { _ in HTTPResponse(status: 200, body: Array("ok".utf8)) }
        var server = TestServer()
        server.responder = router
        let client = try authority.issueClientCertificate()
        let stranger = try CertificateAuthority(name: "Other CA", in: authority.directory).issueClientCertificate()
        let ca = authority.certificateFile
        try await server.run(listeners: server.tlsListener(certificate, clientCA: ca)) { _, port in
            let url = "https://localhost:\(port)"
            let (anonymous, probe, admitted) = try await offPool {
                (
                    try Curl.run(["--cacert", ca, "-w", "%{http_code}", "-o", "/dev/null", "-d", "{}", "\(url)/validate"]),
                    try Curl.run(["--cacert", ca, "\(url)/healthz"]),
                    try Curl.run(["--cacert", ca, "--cert", client.certificateFile, "--key", client.privateKeyFile, "-d", "{}", "\(url)/validate"])
                )
            }
            #expect(anonymous.outputText == "403")
            #expect(probe.outputText == "ok")
            #expect(admitted.outputText == "admitted")
            let refused = try await offPool {
                try Curl.run(["--cacert", ca, "--cert", stranger.certificateFile, "--key", stranger.privateKeyFile, "-d", "{}", "\(url)/validate"])
            }
            #expect(refused.exitCode != 0, "a certificate from another CA fails the handshake")
        }
    }
}
