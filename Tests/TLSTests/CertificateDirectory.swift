import Foundation
import Glibc
import WebhookTestSupport

/// A directory laid out like a mounted Secret, where tests swap certificates the way real
/// tools do: by renaming new files over the old ones, or the kubelet's `..data` symlink swap.
struct CertificateDirectory {
    let path: String
    var certificateFile: String { "\(path)/tls.crt" }
    var privateKeyFile: String { "\(path)/tls.key" }

    /// Creates `name` inside `parent` holding `initial` as plain files.
    init(in parent: String, name: String = "plain", initial: IssuedCertificate) throws {
        path = "\(parent)/\(name)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try replaceByRename(with: initial)
    }

    /// Copies `certificate` next to the live files, then renames each copy over its live file
    /// (certificate first, then key), as cert-manager-style writers do.
    func replaceByRename(with certificate: IssuedCertificate) throws {
        try renameOver(certificateFile, contents: try Data(contentsOf: URL(fileURLWithPath: certificate.certificateFile)))
        try renameOver(privateKeyFile, contents: try Data(contentsOf: URL(fileURLWithPath: certificate.privateKeyFile)))
    }

    /// Writes `contents` to a temporary name and renames it over `target` (atomic replacement).
    func renameOver(_ target: String, contents: Data) throws {
        let staging = "\(path)/.staging-\(UUID().uuidString)"
        try contents.write(to: URL(fileURLWithPath: staging))
        guard rename(staging, target) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
        }
    }
}
