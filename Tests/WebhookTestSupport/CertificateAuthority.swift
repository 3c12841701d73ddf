import Foundation

/// A throwaway certificate authority for tests, minted with the `openssl` CLI into a fresh
/// temporary directory that is removed when the root authority is released.
///
/// ```swift
/// let ca = try CertificateAuthority()
/// let server = try ca.issueServerCertificate(keyType: .ecdsa)
/// let client = try ca.issueClientCertificate()
/// // server.certificateFile, server.privateKeyFile, ca.certificateFile ...
/// ```
/// A second, unrelated CA for "wrong CA" tests: `try CertificateAuthority(name: "Other CA", in: ca.directory)`.
/// An intermediate: `try ca.issueIntermediate()`; the certificates it issues carry it in their chain file.
public final class CertificateAuthority: Sendable {
    /// Directory holding every file this authority (and those sharing the directory) writes.
    public let directory: String
    /// The authority's own certificate (PEM): the trust anchor for clients, or the `--client-ca-file`.
    public let certificateFile: String
    /// The authority's private key (PEM).
    public let privateKeyFile: String
    /// The subject common name.
    public let name: String
    /// PEM of the certificates that follow a leaf in its chain file (empty for a root).
    private let chainSuffix: String
    /// Whether `deinit` removes `directory` (only the authority that created it does).
    private let ownsDirectory: Bool

    /// Creates a root CA in `directory`, or in a new temporary directory (removed on release) when `nil`.
    public init(name: String = "Test CA", keyType: CertificateKeyType = .ecdsa, in directory: String? = nil) throws {
        if let directory {
            self.directory = directory
            ownsDirectory = false
        } else {
            self.directory = try Self.makeTemporaryDirectory()
            ownsDirectory = true
        }
        self.name = name
        let stem = Self.fileStem(for: name)
        certificateFile = "\(self.directory)/\(stem).crt"
        privateKeyFile = "\(self.directory)/\(stem).key"
        chainSuffix = ""
        let config = "\(self.directory)/\(stem).cnf"
        try Self.write(
            """
            [req]
            distinguished_name = dn
            prompt = no
            [dn]
            CN = \(name)
            [v3_ca]
            basicConstraints = critical,CA:TRUE
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash

            """,
            to: config
        )
        try OpenSSLCommand.run(keyType.generateKeyArguments(output: privateKeyFile))
        try OpenSSLCommand.run([
            "req", "-x509", "-new", "-config", config, "-extensions", "v3_ca", "-key", privateKeyFile,
            "-days", "3650", "-out", certificateFile,
        ])
    }

    private init(directory: String, name: String, certificateFile: String, privateKeyFile: String, chainSuffix: String) {
        self.directory = directory
        self.name = name
        self.certificateFile = certificateFile
        self.privateKeyFile = privateKeyFile
        self.chainSuffix = chainSuffix
        ownsDirectory = false
    }

    deinit {
        if ownsDirectory {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// Removes the directory and everything in it now (also done on release for a root created without `in:`).
    public func removeFiles() throws {
        try FileManager.default.removeItem(atPath: directory)
    }

    /// A new CA and an ECDSA serving certificate it issued, for suites that need one pair. Minting runs the
    /// openssl CLI, so it happens on a thread of its own, not on the concurrency pool.
    public static func makeWithServerCertificate() async throws -> (CertificateAuthority, IssuedCertificate) {
        try await offPool {
            let authority = try CertificateAuthority()
            return (authority, try authority.issueServerCertificate(keyType: .ecdsa))
        }
    }

    /// A serving certificate for `localhost` and `127.0.0.1` plus `extraNames` (DNS names or IP
    /// addresses). Its certificate file is the full chain: leaf, then any intermediates.
    /// `validDays` differs between certificates when a test must tell reloads apart by expiry.
    public func issueServerCertificate(
        keyType: CertificateKeyType = .rsa,
        extraNames: [String] = [],
        validDays: Int = 30,
        fileStem: String? = nil
    ) throws -> IssuedCertificate {
        let names = ["localhost", "127.0.0.1"] + extraNames
        let alternativeNames = names.map { Self.isIPAddress($0) ? "IP:\($0)" : "DNS:\($0)" }.joined(separator: ",")
        return try issue(
            commonName: "localhost",
            extensions: """
                basicConstraints = critical,CA:FALSE
                keyUsage = critical,digitalSignature,keyEncipherment
                extendedKeyUsage = serverAuth
                subjectAltName = \(alternativeNames)
                """,
            keyType: keyType,
            validDays: validDays,
            fileStem: fileStem ?? "server-\(UUID().uuidString.prefix(8).lowercased())"
        )
    }

    /// A client certificate (extended key usage clientAuth), as the API server presents for mTLS.
    public func issueClientCertificate(
        commonName: String = "kube-apiserver",
        keyType: CertificateKeyType = .ecdsa,
        validDays: Int = 30,
        fileStem: String? = nil
    ) throws -> IssuedCertificate {
        try issue(
            commonName: commonName,
            extensions: """
                basicConstraints = critical,CA:FALSE
                keyUsage = critical,digitalSignature
                extendedKeyUsage = clientAuth
                """,
            keyType: keyType,
            validDays: validDays,
            fileStem: fileStem ?? "client-\(UUID().uuidString.prefix(8).lowercased())"
        )
    }

    /// An intermediate CA signed by this one, sharing its directory.
    public func issueIntermediate(name: String = "Test Intermediate CA", keyType: CertificateKeyType = .ecdsa) throws -> CertificateAuthority {
        let issued = try issue(
            commonName: name,
            extensions: """
                basicConstraints = critical,CA:TRUE,pathlen:0
                keyUsage = critical,keyCertSign,cRLSign
                subjectKeyIdentifier = hash
                authorityKeyIdentifier = keyid
                """,
            keyType: keyType,
            validDays: 3650,
            fileStem: Self.fileStem(for: name)
        )
        return CertificateAuthority(
            directory: directory,
            name: name,
            certificateFile: issued.certificateFile,
            privateKeyFile: issued.privateKeyFile,
            chainSuffix: try String(contentsOfFile: issued.certificateFile, encoding: .utf8)
        )
    }

    private func issue(commonName: String, extensions: String, keyType: CertificateKeyType, validDays: Int, fileStem: String) throws -> IssuedCertificate {
        let base = "\(directory)/\(fileStem)"
        let keyFile = "\(base).key"
        let certificateFile = "\(base).crt"
        let requestFile = "\(base).csr"
        let extensionsFile = "\(base).ext"
        try Self.write("[issued]\n\(extensions)\n", to: extensionsFile)
        try OpenSSLCommand.run(keyType.generateKeyArguments(output: keyFile))
        try OpenSSLCommand.run(["req", "-new", "-key", keyFile, "-subj", "/CN=\(commonName)", "-out", requestFile])
        let serial = "0x" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try OpenSSLCommand.run([
            "x509", "-req", "-in", requestFile, "-CA", self.certificateFile, "-CAkey", privateKeyFile,
            "-set_serial", serial, "-days", "\(validDays)", "-extfile", extensionsFile, "-extensions", "issued",
            "-out", certificateFile,
        ])
        if !chainSuffix.isEmpty {
            let leaf = try String(contentsOfFile: certificateFile, encoding: .utf8)
            try Self.write(leaf + chainSuffix, to: certificateFile)
        }
        let fingerprint = try OpenSSLCommand.output(["x509", "-in", certificateFile, "-noout", "-fingerprint", "-sha256"])
        return IssuedCertificate(
            commonName: commonName,
            certificateFile: certificateFile,
            privateKeyFile: keyFile,
            issuerCertificateFile: self.certificateFile,
            fingerprint: Self.normalizedFingerprint(fingerprint)
        )
    }

    /// `sha256 Fingerprint=AB:CD:...` → `abcd...`, the spelling `TLSContext.certificateFingerprint` uses.
    private static func normalizedFingerprint(_ output: String) -> String {
        let value = output.split(separator: "=", maxSplits: 1).last.map(String.init) ?? output
        return value.filter { $0 != ":" && !$0.isWhitespace }.lowercased()
    }

    private static func makeTemporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("webhook-certs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private static func fileStem(for name: String) -> String {
        name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce(into: "") { $0.append($1) }
    }

    private static func isIPAddress(_ name: String) -> Bool {
        name.contains(":") || (!name.isEmpty && name.allSatisfy { $0.isNumber || $0 == "." })
    }

    private static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }
}
