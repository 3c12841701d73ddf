import Testing
import TLS
import WebhookTestSupport

/// Our server side against `openssl s_client` over loopback TCP (SPEC §7, issue 3).
@Suite struct TLSHandshakeTests {
    let authority: CertificateAuthority
    let server: IssuedCertificate

    init() throws {
        authority = try CertificateAuthority()
        server = try authority.issueServerCertificate(keyType: .ecdsa)
    }

    private func context(clientCA: String? = nil, minimumVersion: TLSVersion = .tls12, cipherSuites: [String]? = nil) throws -> TLSContext {
        try TLSContext(
            configuration: TLSConfiguration(
                certificateFile: server.certificateFile,
                privateKeyFile: server.privateKeyFile,
                clientCAFile: clientCA,
                minimumVersion: minimumVersion,
                cipherSuites: cipherSuites
            )
        )
    }

    private func exchange(_ context: TLSContext, _ arguments: [String], input: String = "ping\n") throws -> HandshakeExchange {
        try HandshakeExchange(
            context: context,
            clientArguments: ["-CAfile", authority.certificateFile, "-verify_return_error"] + arguments,
            input: input,
            directory: authority.directory
        )
    }

    @Test func tls13IsPreferredAndCarriesData() throws {
        let result = try exchange(try context(), ["-alpn", "http/1.1"])
        #expect(result.isEstablished)
        #expect(result.protocolVersion == "TLSv1.3")
        #expect(result.negotiatedALPN == "http/1.1")
        #expect(result.received == "ping\n")
        #expect(result.clientOutput.contains("pong"))
        #expect(result.clientStatus == 0, "\(result.clientOutput)")
    }

    /// A message of several TLS records (s_client sends at most 16 KiB in one) takes several reads, each
    /// decrypted into the spare capacity after what the earlier ones appended.
    @Test func aMessageOfSeveralRecordsIsReadWholeAndInOrder() throws {
        let message = (0..<1100).map { "line \($0) of a message longer than one TLS record\n" }.joined()
        let result = try exchange(try context(), [], input: message)
        #expect(result.isEstablished)
        #expect(message.utf8.count > 3 * 16_384)
        #expect(result.received == message)
    }

    @Test(arguments: CertificateKeyType.allCases)
    func tls12WorksWithRSAAndECDSAChains(keyType: CertificateKeyType) throws {
        let leaf = try authority.issueServerCertificate(keyType: keyType)
        let context = try TLSContext(configuration: TLSConfiguration(certificateFile: leaf.certificateFile, privateKeyFile: leaf.privateKeyFile))
        let result = try exchange(context, ["-tls1_2"])
        #expect(result.isEstablished)
        #expect(result.protocolVersion == "TLSv1.2")
        #expect(result.cipherSuite?.hasPrefix("ECDHE-\(keyType == .rsa ? "RSA" : "ECDSA")-") == true)
        #expect(result.received == "ping\n")
    }

    @Test func chainWithIntermediateVerifiesAgainstTheRoot() throws {
        let intermediate = try authority.issueIntermediate()
        let leaf = try intermediate.issueServerCertificate(keyType: .rsa)
        let context = try TLSContext(configuration: TLSConfiguration(certificateFile: leaf.certificateFile, privateKeyFile: leaf.privateKeyFile))
        let result = try exchange(context, [])
        #expect(result.isEstablished)
        #expect(result.clientStatus == 0, "\(result.clientOutput)")
        #expect(result.clientOutput.contains("pong"))
    }

    @Test(arguments: ["-tls1", "-tls1_1"])
    func oldProtocolVersionsAreRefused(version: String) throws {
        // SECLEVEL=0 lets this client offer TLS 1.0/1.1 at all, so the refusal is the server's.
        let result = try exchange(try context(), [version, "-cipher", "DEFAULT@SECLEVEL=0"])
        guard case .failed(let error) = result.handshake else {
            Issue.record("handshake ended \(result.handshake)")
            return
        }
        #expect(error.description.contains("unsupported protocol"), "\(error)")
        #expect(result.clientStatus != 0)
    }

    @Test func minimumVersion13RefusesTLS12() throws {
        let result = try exchange(try context(minimumVersion: .tls13), ["-tls1_2"])
        guard case .failed(let error) = result.handshake else {
            Issue.record("handshake ended \(result.handshake)")
            return
        }
        #expect(error.description.contains("unsupported protocol"), "\(error)")
        #expect(result.clientStatus != 0)
    }

    @Test func h2AloneIsNeverNegotiated() throws {
        let result = try exchange(try context(), ["-alpn", "h2"])
        #expect(result.negotiatedALPN != "h2")
        guard case .failed(let error) = result.handshake else {
            Issue.record("handshake ended \(result.handshake)")
            return
        }
        #expect(error.description.contains("no application protocol"), "\(error)")
        #expect(!result.clientOutput.contains("ALPN protocol: h2"))
    }

    @Test func h2AndHTTP11NegotiatesHTTP11() throws {
        let result = try exchange(try context(), ["-alpn", "h2,http/1.1"])
        #expect(result.isEstablished)
        #expect(result.negotiatedALPN == "http/1.1")
    }

    @Test func http10AloneNegotiatesHTTP10() throws {
        // curl --http1.0 offers only this.
        let result = try exchange(try context(), ["-alpn", "http/1.0"])
        #expect(result.isEstablished)
        #expect(result.negotiatedALPN == "http/1.0")
    }

    @Test func h2AndHTTP10NegotiatesHTTP10() throws {
        let result = try exchange(try context(), ["-alpn", "h2,http/1.0"])
        #expect(result.isEstablished)
        #expect(result.negotiatedALPN == "http/1.0")
    }

    @Test func http11IsPreferredOverHTTP10() throws {
        let result = try exchange(try context(), ["-alpn", "http/1.0,h2,http/1.1"])
        #expect(result.negotiatedALPN == "http/1.1")
    }

    @Test func noALPNOfferIsAccepted() throws {
        let result = try exchange(try context(), [])
        #expect(result.isEstablished)
        #expect(result.negotiatedALPN == nil)
    }

    @Test func narrowedCipherSuiteIsTheOneUsed() throws {
        let result = try exchange(try context(cipherSuites: ["TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305"]), ["-tls1_2"])
        #expect(result.isEstablished)
        #expect(result.cipherSuite == "ECDHE-ECDSA-CHACHA20-POLY1305")
    }

    @Test func nonAEADClientSuitesAreRefused() throws {
        let result = try exchange(try context(), ["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA"])
        guard case .failed(let error) = result.handshake else {
            Issue.record("handshake ended \(result.handshake)")
            return
        }
        #expect(error.description.contains("no shared cipher"), "\(error)")
    }

    @Test func clientCertificateFromTheClientCAIsVerified() throws {
        let client = try authority.issueClientCertificate()
        let result = try exchange(try context(clientCA: authority.certificateFile), ["-cert", client.certificateFile, "-key", client.privateKeyFile])
        #expect(result.isEstablished)
        #expect(result.isClientCertificateVerified)
        #expect(result.received == "ping\n")
    }

    @Test func noClientCertificateStillConnectsUnverified() throws {
        let result = try exchange(try context(clientCA: authority.certificateFile), [])
        #expect(result.isEstablished)
        #expect(!result.isClientCertificateVerified)
        #expect(result.received == "ping\n")
    }

    @Test func clientCertificateFromAnotherCAIsRefused() throws {
        let stranger = try CertificateAuthority(name: "Other CA", in: authority.directory)
        let client = try stranger.issueClientCertificate()
        let result = try exchange(try context(clientCA: authority.certificateFile), ["-cert", client.certificateFile, "-key", client.privateKeyFile])
        #expect(!result.isEstablished)
        #expect(!result.isClientCertificateVerified)
        #expect(result.received.isEmpty)
    }

    @Test(arguments: ["-tls1_2", "-tls1_3"])
    func sessionResumesWithClientCAConfigured(version: String) throws {
        let context = try context(clientCA: authority.certificateFile)
        let client = try authority.issueClientCertificate()
        let session = "\(authority.directory)/session-\(version).pem"
        let arguments = [version, "-cert", client.certificateFile, "-key", client.privateKeyFile]
        let first = try exchange(context, arguments + ["-sess_out", session])
        #expect(first.isEstablished)
        let resumed = try exchange(context, arguments + ["-sess_in", session])
        #expect(resumed.isEstablished)
        #expect(resumed.clientOutput.contains("Reused, TLSv"), "\(resumed.clientOutput)")
        #expect(resumed.isClientCertificateVerified)
    }

    @Test func withoutClientCAAClientCertificateIsNotVerified() throws {
        let client = try authority.issueClientCertificate()
        let result = try exchange(try context(), ["-cert", client.certificateFile, "-key", client.privateKeyFile])
        #expect(result.isEstablished)
        #expect(!result.isClientCertificateVerified)
    }
}
