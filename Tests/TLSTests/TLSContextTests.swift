import Foundation
import Testing
import TLS
import WebhookTestSupport

/// Building a context from files: what loads, and how each broken input is refused.
@Suite struct TLSContextTests {
    let authority: CertificateAuthority

    init() throws {
        authority = try CertificateAuthority()
    }

    private func write(_ text: String, name: String) throws -> String {
        let path = "\(authority.directory)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: CertificateKeyType.allCases)
    func contextLoadsFromChainAndKey(keyType: CertificateKeyType) throws {
        let leaf = try authority.issueServerCertificate(keyType: keyType, validDays: 42)
        let context = try TLSContext(configuration: TLSConfiguration(certificateFile: leaf.certificateFile, privateKeyFile: leaf.privateKeyFile))
        #expect(context.certificateFingerprint == leaf.fingerprint)
        #expect(!context.requiresClientCertificates)
        let notAfter = try #require(context.certificateNotAfter)
        let expected = Date().addingTimeInterval(42 * 86_400)
        #expect(abs(notAfter.timeIntervalSince(expected)) < 600)
    }

    @Test func clientCAMakesClientCertificatesRequested() throws {
        let leaf = try authority.issueServerCertificate()
        let context = try TLSContext(
            configuration: TLSConfiguration(
                certificateFile: leaf.certificateFile,
                privateKeyFile: leaf.privateKeyFile,
                clientCAFile: authority.certificateFile
            )
        )
        #expect(context.requiresClientCertificates)
    }

    @Test func keyOfAnotherCertificateIsRefused() throws {
        let leaf = try authority.issueServerCertificate(keyType: .rsa)
        let other = try authority.issueServerCertificate(keyType: .rsa)
        let error = #expect(throws: TLSError.self) {
            try TLSContext(configuration: TLSConfiguration(certificateFile: leaf.certificateFile, privateKeyFile: other.privateKeyFile))
        }
        #expect(error?.operation == "check private key \(other.privateKeyFile) against certificate \(leaf.certificateFile)")
        #expect(error?.openSSLErrors.first == "the private key does not belong to the certificate")
        #expect(error?.description.contains("key values mismatch") == true, "\(String(describing: error))")
    }

    @Test func keyOfAnotherAlgorithmIsRefused() throws {
        let leaf = try authority.issueServerCertificate(keyType: .rsa)
        let other = try authority.issueServerCertificate(keyType: .ecdsa)
        let error = #expect(throws: TLSError.self) {
            try TLSContext(configuration: TLSConfiguration(certificateFile: leaf.certificateFile, privateKeyFile: other.privateKeyFile))
        }
        #expect(error?.operation == "check private key \(other.privateKeyFile) against certificate \(leaf.certificateFile)")
        #expect(error?.openSSLErrors.first == "the private key does not belong to the certificate", "\(String(describing: error))")
    }

    @Test func certificateGivenAsKeyIsRefused() throws {
        let leaf = try authority.issueServerCertificate()
        let error = #expect(throws: TLSError.self) {
            try TLSContext(configuration: TLSConfiguration(certificateFile: leaf.certificateFile, privateKeyFile: leaf.certificateFile))
        }
        #expect(error?.operation == "read private key \(leaf.certificateFile)")
        #expect(error?.openSSLErrors.first == "no usable PEM private key (an unencrypted RSA or EC key is needed)")
    }

    @Test func keyGivenAsCertificateIsRefused() throws {
        let leaf = try authority.issueServerCertificate()
        let error = #expect(throws: TLSError.self) {
            try TLSContext(configuration: TLSConfiguration(certificateFile: leaf.privateKeyFile, privateKeyFile: leaf.privateKeyFile))
        }
        #expect(error == TLSError(operation: "read certificate chain \(leaf.privateKeyFile)", openSSLErrors: ["no PEM certificate found"]))
    }

    @Test func garbageCertificateIsRefused() throws {
        let leaf = try authority.issueServerCertificate()
        let garbage = try write("this is not a certificate\n", name: "garbage.crt")
        let error = #expect(throws: TLSError.self) {
            try TLSContext(configuration: TLSConfiguration(certificateFile: garbage, privateKeyFile: leaf.privateKeyFile))
        }
        #expect(error == TLSError(operation: "read certificate chain \(garbage)", openSSLErrors: ["no PEM certificate found"]))
    }

    @Test func truncatedCertificateIsRefused() throws {
        let leaf = try authority.issueServerCertificate()
        let text = try String(contentsOfFile: leaf.certificateFile, encoding: .utf8)
        let lines = text.split(separator: "\n")
        let truncated = try write(lines.prefix(4).joined(separator: "\n") + "\n-----END CERTIFICATE-----\n", name: "truncated.crt")
        let error = #expect(throws: TLSError.self) {
            try TLSContext(configuration: TLSConfiguration(certificateFile: truncated, privateKeyFile: leaf.privateKeyFile))
        }
        #expect(error?.operation == "read certificate chain \(truncated)")
        #expect(error?.openSSLErrors.first == "PEM certificate 1 cannot be parsed", "\(String(describing: error))")
    }

    @Test func garbageKeyIsRefused() throws {
        let leaf = try authority.issueServerCertificate()
        let garbage = try write("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", name: "garbage.key")
        let error = #expect(throws: TLSError.self) {
            try TLSContext(configuration: TLSConfiguration(certificateFile: leaf.certificateFile, privateKeyFile: garbage))
        }
        #expect(error?.operation == "read private key \(garbage)")
        #expect(error?.openSSLErrors.first == "no usable PEM private key (an unencrypted RSA or EC key is needed)")
    }

    @Test func encryptedKeyIsRefusedWithoutPrompting() throws {
        let leaf = try authority.issueServerCertificate(keyType: .ecdsa)
        let encrypted = "\(authority.directory)/encrypted.key"
        try OpenSSLCommand.run(["pkey", "-in", leaf.privateKeyFile, "-aes256", "-passout", "pass:secret", "-out", encrypted])
        let error = #expect(throws: TLSError.self) {
            try TLSContext(configuration: TLSConfiguration(certificateFile: leaf.certificateFile, privateKeyFile: encrypted))
        }
        #expect(error?.operation == "read private key \(encrypted)")
    }

    @Test func missingFileIsRefusedWithTheSystemReason() throws {
        let leaf = try authority.issueServerCertificate()
        let missing = "\(authority.directory)/missing.crt"
        let error = #expect(throws: TLSError.self) {
            try TLSContext(configuration: TLSConfiguration(certificateFile: missing, privateKeyFile: leaf.privateKeyFile))
        }
        #expect(error == TLSError(operation: "read \(missing)", openSSLErrors: ["No such file or directory"]))
        #expect(error?.description == "read \(missing): No such file or directory")
    }

    @Test func emptyFileIsRefused() throws {
        let leaf = try authority.issueServerCertificate()
        let empty = try write("", name: "empty.key")
        let error = #expect(throws: TLSError.self) {
            try TLSContext(configuration: TLSConfiguration(certificateFile: leaf.certificateFile, privateKeyFile: empty))
        }
        #expect(error == TLSError(operation: "read \(empty)", openSSLErrors: ["the file is empty"]))
    }

    @Test func directoryInsteadOfFileIsRefused() throws {
        let leaf = try authority.issueServerCertificate()
        let error = #expect(throws: TLSError.self) {
            try TLSContext(configuration: TLSConfiguration(certificateFile: authority.directory, privateKeyFile: leaf.privateKeyFile))
        }
        #expect(error == TLSError(operation: "read \(authority.directory)", openSSLErrors: ["not a regular file"]))
    }

    @Test func garbageClientCAIsRefused() throws {
        let leaf = try authority.issueServerCertificate()
        let garbage = try write("nope\n", name: "garbage-ca.crt")
        let error = #expect(throws: TLSError.self) {
            try TLSContext(
                configuration: TLSConfiguration(certificateFile: leaf.certificateFile, privateKeyFile: leaf.privateKeyFile, clientCAFile: garbage)
            )
        }
        #expect(error == TLSError(operation: "read client CA \(garbage)", openSSLErrors: ["no PEM certificate found"]))
    }

    @Test func unknownCipherSuiteFailsTheContext() throws {
        let leaf = try authority.issueServerCertificate()
        let error = #expect(throws: TLSError.self) {
            try TLSContext(
                configuration: TLSConfiguration(
                    certificateFile: leaf.certificateFile,
                    privateKeyFile: leaf.privateKeyFile,
                    cipherSuites: ["TLS_RSA_WITH_RC4_128_SHA"]
                )
            )
        }
        #expect(error?.operation == "configure cipher suites")
    }
}
