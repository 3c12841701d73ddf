internal import COpenSSL
internal import COpenSSLShims
import FoundationEssentials
import Glibc

extension TLSContext {
    /// What we keep from the serving certificate once OpenSSL holds it.
    struct LeafCertificateFacts {
        var notAfter: Date?
        var fingerprint: String
    }

    /// Loads the chain (leaf first, then intermediates) and the key, and checks that they match.
    /// Serving and client certificates both come through here; the names say where the bytes came
    /// from (a path, or a kubeconfig's inline data) in every error.
    static func useCertificateChain(
        _ chain: [UInt8],
        key: [UInt8],
        in context: OpaquePointer,
        certificateName certificatePath: String,
        keyName keyPath: String
    ) throws(TLSError) -> LeafCertificateFacts {
        let certificates = try readCertificates(chain, operation: "read certificate chain \(certificatePath)")
        defer { certificates.forEach { X509_free($0) } }
        guard let leaf = certificates.first else {
            throw TLSError(operation: "read certificate chain \(certificatePath)", openSSLErrors: ["no PEM certificate found"])
        }
        ERR_clear_error()
        guard SSL_CTX_use_certificate(context, leaf) == 1 else {
            throw TLSError.draining(operation: "use certificate \(certificatePath)")
        }
        for intermediate in certificates.dropFirst() {
            // add0 takes the reference on success, so hand it its own.
            X509_up_ref(intermediate)
            guard COpenSSLShims_SSL_CTX_add0_chain_cert(context, intermediate) == 1 else {
                X509_free(intermediate)
                throw TLSError.draining(operation: "add intermediate certificate from \(certificatePath)")
            }
        }
        let privateKey = try readPrivateKey(key, operation: "read private key \(keyPath)")
        defer { EVP_PKEY_free(privateKey) }
        let matchOperation = "check private key \(keyPath) against certificate \(certificatePath)"
        // Checked before SSL_CTX_use_PrivateKey, which answers a key of another type by silently
        // dropping the certificate ("no certificate assigned").
        guard X509_check_private_key(leaf, privateKey) == 1 else {
            var error = TLSError.draining(operation: matchOperation)
            error.openSSLErrors.insert("the private key does not belong to the certificate", at: 0)
            throw error
        }
        guard SSL_CTX_use_PrivateKey(context, privateKey) == 1, SSL_CTX_check_private_key(context) == 1 else {
            throw TLSError.draining(operation: matchOperation)
        }
        return LeafCertificateFacts(notAfter: notAfter(of: leaf), fingerprint: fingerprint(of: leaf))
    }

    /// Trusts every certificate in the bundle for client verification, names them in the
    /// CertificateRequest, and asks for (without requiring) a client certificate.
    static func useClientCA(_ bundle: [UInt8], path: String, in context: OpaquePointer) throws(TLSError) {
        let operation = "read client CA \(path)"
        let certificates = try readCertificates(bundle, operation: operation)
        defer { certificates.forEach { X509_free($0) } }
        guard !certificates.isEmpty else {
            throw TLSError(operation: operation, openSSLErrors: ["no PEM certificate found"])
        }
        guard let store = SSL_CTX_get_cert_store(context) else {
            throw TLSError.draining(operation: "SSL_CTX_get_cert_store")
        }
        for certificate in certificates {
            guard X509_STORE_add_cert(store, certificate) == 1, SSL_CTX_add_client_CA(context, certificate) == 1 else {
                throw TLSError.draining(operation: "trust client CA from \(path)")
            }
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
    }

    /// Every PEM certificate in `bytes`, in order. Stops cleanly at the end of the data; any other
    /// parse failure (a truncated or garbled block) is an error, not a shorter chain.
    static func readCertificates(_ bytes: [UInt8], operation: String) throws(TLSError) -> [OpaquePointer] {
        var certificates: [OpaquePointer] = []
        let failure: TLSError? = withMemoryBIO(bytes) { bio in
            while true {
                ERR_clear_error()
                if let certificate = PEM_read_bio_X509(bio, nil, { _, _, _, _ in 0 }, nil) {
                    certificates.append(certificate)
                    continue
                }
                let last = ERR_peek_last_error()
                if ERR_GET_LIB(last) == ERR_LIB_PEM && ERR_GET_REASON(last) == PEM_R_NO_START_LINE {
                    ERR_clear_error()
                    return certificates.isEmpty
                        ? TLSError(operation: operation, openSSLErrors: ["no PEM certificate found"]) : nil
                }
                var error = TLSError.draining(operation: operation)
                error.openSSLErrors.insert("PEM certificate \(certificates.count + 1) cannot be parsed", at: 0)
                return error
            }
        }
        if let failure {
            certificates.forEach { X509_free($0) }
            throw failure
        }
        return certificates
    }

    /// The first private key in `bytes`. The password callback answers "no password", so an
    /// encrypted key fails with an error instead of prompting on a terminal.
    static func readPrivateKey(_ bytes: [UInt8], operation: String) throws(TLSError) -> OpaquePointer {
        let key: OpaquePointer? = withMemoryBIO(bytes) { bio in
            ERR_clear_error()
            return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
        }
        guard let key else {
            var error = TLSError.draining(operation: operation)
            error.openSSLErrors.insert("no usable PEM private key (an unencrypted RSA or EC key is needed)", at: 0)
            throw error
        }
        return key
    }

    /// Runs `body` with a read-only memory BIO over `bytes`; the BIO never outlives the closure.
    private static func withMemoryBIO<Result>(_ bytes: [UInt8], _ body: (OpaquePointer?) -> Result) -> Result {
        bytes.withUnsafeBytes { buffer in
            let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(clamping: buffer.count))
            defer { BIO_free(bio) }
            return body(bio)
        }
    }

    private static func notAfter(of certificate: OpaquePointer) -> Date? {
        guard let time = X509_get0_notAfter(certificate) else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else {
            ERR_clear_error()
            return nil
        }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    private static func fingerprint(of certificate: OpaquePointer) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let succeeded = digest.withUnsafeMutableBufferPointer { buffer in
            X509_digest(certificate, EVP_sha256(), buffer.baseAddress, &length) == 1
        }
        guard succeeded else {
            ERR_clear_error()
            return ""
        }
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest.prefix(Int(length)) {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
