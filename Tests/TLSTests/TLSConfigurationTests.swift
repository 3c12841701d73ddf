import Testing
import TLS

/// Cipher suite names as Kubernetes' `--tls-cipher-suites` takes them, checked without files.
@Suite struct TLSConfigurationTests {
    private func configuration(_ suites: [String]?, minimumVersion: TLSVersion = .tls12) -> TLSConfiguration {
        TLSConfiguration(certificateFile: "/unused.crt", privateKeyFile: "/unused.key", minimumVersion: minimumVersion, cipherSuites: suites)
    }

    @Test(arguments: [
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
    ])
    func kubernetesTLS12NamesAreAccepted(name: String) throws {
        try configuration([name]).validate()
    }

    @Test(arguments: ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"])
    func tls13NamesAreAcceptedWithMinimum13(name: String) throws {
        try configuration([name], minimumVersion: .tls13).validate()
    }

    @Test func defaultIsValid() throws {
        try configuration(nil).validate()
        try configuration(nil, minimumVersion: .tls13).validate()
    }

    @Test(arguments: [
        "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256",
        "ECDHE-RSA-AES128-GCM-SHA256", "tls_ecdhe_rsa_with_aes_128_gcm_sha256", "", "ALL",
    ])
    func otherNamesAreRefusedClearly(name: String) {
        let error = #expect(throws: TLSError.self) { try configuration([name]).validate() }
        #expect(error?.operation == "configure cipher suites")
        let reason = error?.openSSLErrors.first ?? ""
        #expect(reason.hasPrefix("unsupported cipher suite \"\(name)\": only ECDHE suites with AES-GCM or ChaCha20-Poly1305"), "\(reason)")
        #expect(reason.contains("supported: TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "))
    }

    @Test func emptyListIsRefused() {
        let error = #expect(throws: TLSError.self) { try configuration([]).validate() }
        #expect(error == TLSError(operation: "configure cipher suites", openSSLErrors: ["the cipher suite list is empty"]))
    }

    @Test func onlyTLS13NamesNeedMinimum13() {
        let error = #expect(throws: TLSError.self) { try configuration(["TLS_AES_128_GCM_SHA256"]).validate() }
        #expect(error?.openSSLErrors.first?.hasPrefix("no TLS 1.2 cipher suite is listed") == true)
    }

    @Test func versionSpellingsAreKubernetes() {
        #expect(TLSVersion.allCases.map(\.rawValue) == ["VersionTLS12", "VersionTLS13"])
        #expect(TLSVersion(rawValue: "VersionTLS11") == nil)
    }
}
