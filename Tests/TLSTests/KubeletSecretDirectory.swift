import Foundation
import Glibc
import WebhookTestSupport

/// A directory in the kubelet's atomic-writer layout:
/// `tls.crt -> ..data/tls.crt`, `..data -> ..<timestamp>`, the payload in `..<timestamp>/`.
/// An update writes a new timestamped directory, points `..data_tmp` at it, renames
/// `..data_tmp` over `..data`, and removes the old directory.
struct KubeletSecretDirectory {
    let path: String
    var certificateFile: String { "\(path)/tls.crt" }
    var privateKeyFile: String { "\(path)/tls.key" }

    init(in parent: String, initial: IssuedCertificate) throws {
        path = "\(parent)/secret-volume"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let payload = try writePayload(initial)
        try FileManager.default.createSymbolicLink(atPath: "\(path)/..data", withDestinationPath: payload)
        try FileManager.default.createSymbolicLink(atPath: certificateFile, withDestinationPath: "..data/tls.crt")
        try FileManager.default.createSymbolicLink(atPath: privateKeyFile, withDestinationPath: "..data/tls.key")
    }

    /// Publishes `certificate` exactly as the kubelet does.
    func update(to certificate: IssuedCertificate) throws {
        let old = try FileManager.default.destinationOfSymbolicLink(atPath: "\(path)/..data")
        let payload = try writePayload(certificate)
        try FileManager.default.createSymbolicLink(atPath: "\(path)/..data_tmp", withDestinationPath: payload)
        guard rename("\(path)/..data_tmp", "\(path)/..data") == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: "\(path)/..data"])
        }
        try FileManager.default.removeItem(atPath: "\(path)/\(old)")
    }

    /// Writes the payload directory and returns its name relative to `path`.
    private func writePayload(_ certificate: IssuedCertificate) throws -> String {
        let name = "..\(UUID().uuidString)"
        let directory = "\(path)/\(name)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: certificate.certificateFile, toPath: "\(directory)/tls.crt")
        try FileManager.default.copyItem(atPath: certificate.privateKeyFile, toPath: "\(directory)/tls.key")
        return name
    }
}
