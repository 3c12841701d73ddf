import Foundation
import HTTPServer
import Testing
import WebhookTestSupport

/// Hostile and changing conditions over TLS: half-open handshakes and slow clients cost no loop time,
/// and a certificate renamed over the served one reaches new connections with no request failing.
@Suite struct TLSStressTests {
    let authority: CertificateAuthority
    let certificate: IssuedCertificate

    init() async throws {
        (authority, certificate) = try await CertificateAuthority.makeWithServerCertificate()
    }

    @Test func halfOpenHandshakesAndSlowlorisDoNotDelayANormalRequest() async throws {
        // 100 raw connections (half of them stop inside a ClientHello), 50 TLS clients that stop inside
        // their headers, then one normal HTTPS request with a 3 s deadline.
        let script = """
            import http.client, socket, ssl, sys, time
            port, ca = int(sys.argv[1]), sys.argv[2]
            half_open = []
            for i in range(100):
                s = socket.create_connection(("127.0.0.1", port), timeout=5)
                if i % 2 == 0:
                    s.sendall(bytes([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]))
                half_open.append(s)
            context = ssl.create_default_context(cafile=ca)
            slow = []
            for i in range(50):
                s = context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=5), server_hostname="localhost")
                s.sendall(b"POST /slow HTTP/1.1\\r\\nHost: t\\r\\nContent-Length: 10\\r\\nX-Slow: ")
                slow.append(s)
            start = time.monotonic()
            conn = http.client.HTTPSConnection("localhost", port, context=context, timeout=3)
            conn.request("GET", "/normal")
            response = conn.getresponse()
            body = response.read().decode()
            elapsed = time.monotonic() - start
            print(response.status, body.split(" ")[1], "%.3f" % elapsed)
            """
        var server = TestServer()
        server.limits.requestTimeout = .seconds(30)
        let ca = authority.certificateFile
        try await server.run(listeners: server.tlsListener(certificate)) { httpServer, port in
            let result = try await offPool { try ChildProcess.run("python3", ["-c", script, "\(port)", ca], timeout: .seconds(60)) }
            #expect(result.exitCode == 0, "\(result.standardError)")
            let fields = result.outputText.split(separator: " ")
            #expect(fields.count == 3, "\(result.outputText)")
            #expect(fields.first == "200")
            #expect(fields.dropFirst().first == "/normal")
            let seconds = try #require(Double(fields.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""))
            #expect(seconds < 2)
        }
    }

    @Test func certificateRenamedOverTheServedOneReachesNewConnectionsWithoutFailures() async throws {
        let authority = self.authority, first = self.certificate
        let (directory, second) = try await offPool { () throws -> (String, IssuedCertificate) in
            let directory = "\(authority.directory)/serving"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: first.certificateFile, toPath: "\(directory)/tls.crt")
            try FileManager.default.copyItem(atPath: first.privateKeyFile, toPath: "\(directory)/tls.key")
            return (directory, try authority.issueServerCertificate(keyType: .rsa))
        }
        // Four clients: three open a new connection per request (and check which certificate they got),
        // one keeps a single connection through the swap. They run until the new certificate has been seen
        // for a while, and signal through `marker` once the load is under way.
        let script = """
            import hashlib, http.client, os, ssl, sys, threading, time
            port, ca, marker, old_fp, new_fp = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
            context = ssl.create_default_context(cafile=ca)
            lock = threading.Lock()
            state = {"requests": 0, "failures": [], "old": 0, "new": 0, "done": False}
            deadline = time.monotonic() + 40
            def fresh_connections():
                while not state["done"] and time.monotonic() < deadline:
                    try:
                        conn = http.client.HTTPSConnection("localhost", port, context=context, timeout=5)
                        conn.connect()
                        fp = hashlib.sha256(conn.sock.getpeercert(binary_form=True)).hexdigest()
                        conn.request("POST", "/echo", body=b"abc", headers={"Connection": "close"})
                        response = conn.getresponse()
                        ok = response.status == 200 and response.read() == b"abc"
                        conn.close()
                        with lock:
                            state["requests"] += 1
                            if not ok: state["failures"].append("bad response")
                            if fp == old_fp: state["old"] += 1
                            elif fp == new_fp: state["new"] += 1
                            else: state["failures"].append("unknown certificate")
                            if state["requests"] == 30: open(marker, "w").close()
                            if state["new"] >= 30: state["done"] = True
                    except Exception as error:
                        with lock: state["failures"].append(repr(error))
            def kept_alive():
                conn = http.client.HTTPSConnection("localhost", port, context=context, timeout=5)
                while not state["done"] and time.monotonic() < deadline:
                    try:
                        conn.request("GET", "/kept")
                        response = conn.getresponse()
                        if response.status != 200 or not response.read().startswith(b"GET /kept"):
                            with lock: state["failures"].append("keep-alive response")
                    except Exception as error:
                        with lock: state["failures"].append("keep-alive " + repr(error))
                        return
            threads = [threading.Thread(target=fresh_connections) for _ in range(3)] + [threading.Thread(target=kept_alive)]
            for thread in threads: thread.start()
            for thread in threads: thread.join()
            print("requests=%d old=%d new=%d failures=%s" % (state["requests"], state["old"], state["new"], state["failures"]))
            sys.exit(0 if not state["failures"] and state["new"] >= 30 else 1)
            """
        var server = TestServer()
        server.eventLoopThreads = 2
        let marker = "\(directory)/load-running"
        let ca = authority.certificateFile
        try await server.run(listeners: server.tlsListener(certificateFile: "\(directory)/tls.crt", privateKeyFile: "\(directory)/tls.key")) { _, port in
            async let load = offPool {
                try ChildProcess.run(
                    "python3", ["-c", script, "\(port)", ca, marker, first.fingerprint, second.fingerprint], timeout: .seconds(60)
                )
            }
            try await offPool {
                try waitUntil("load running", within: .seconds(30)) { FileManager.default.fileExists(atPath: marker) }
                // As cert-manager's writers do: new files beside the old, then renamed over them (key first).
                try FileManager.default.copyItem(atPath: second.privateKeyFile, toPath: "\(directory)/.tls.key.new")
                try FileManager.default.copyItem(atPath: second.certificateFile, toPath: "\(directory)/.tls.crt.new")
                #expect(rename("\(directory)/.tls.key.new", "\(directory)/tls.key") == 0)
                #expect(rename("\(directory)/.tls.crt.new", "\(directory)/tls.crt") == 0)
            }
            let result = try await load
            #expect(result.exitCode == 0, "\(result.outputText) \(result.standardError)")
        }
        #expect(server.events.counts.certificateReads.first == true)
        #expect(server.events.counts.certificateReads.last == true)
        #expect(server.events.counts.certificateReads.filter { $0 }.count >= 2)
    }
}
