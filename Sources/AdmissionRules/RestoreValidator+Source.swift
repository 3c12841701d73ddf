import JSONModel

/// `spec.source` (rules 2, 4, 5, 6): where the backup is, and which one.
extension RestoreValidator {
    static let maxBackupIDLength = 200

    func validateSource(_ spec: JSONObject, into result: inout ValidationResult) {
        let path = JSONPath("spec", "source")
        guard let source = Self.requiredObject(spec["source"], at: path, into: &result) else { return }
        warnAboutUnknownFields(in: source, known: ["backupId", "location", "credentialsSecret"], at: path, into: &result)
        validateBackupID(source, at: path.appending("backupId"), into: &result)
        validateLocation(source, at: path.appending("location"), into: &result)
        validateCredentialsSecret(source, at: path.appending("credentialsSecret"), into: &result)
    }

    /// `^[A-Za-z0-9._-]+$`, no `..`, at most 200 characters: the id names one backup inside the location,
    /// and the operator reads a file derived from it before checking it, so it must never be able to leave.
    private func validateBackupID(_ source: JSONObject, at path: JSONPath, into result: inout ValidationResult) {
        guard let backupID = Self.requiredString(source, "backupId", at: path, into: &result) else { return }
        if Self.isPlainBackupID(backupID) { return }
        if backupID.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            result.add(.required(detail: "must not be blank"), at: path)
            return
        }
        let value = JSONValue.string(backupID)
        if backupID.unicodeScalars.count > Self.maxBackupIDLength {
            result.add(.invalid(value, detail: KubernetesName.maxLengthMessage(Self.maxBackupIDLength)), at: path)
        }
        if !backupID.utf8.allSatisfy(Self.isBackupIDByte) {
            result.add(
                .invalid(value, detail: "must consist of letters, digits, '.', '_' or '-' (regex used for validation is '^[A-Za-z0-9._-]+$')"),
                at: path)
        }
        if backupID.contains("..") {
            result.add(.invalid(value, detail: "must not contain '..': a backup id names one backup inside spec.source.location"), at: path)
        }
    }

    /// The usual id, which every check below would pass, decided in one pass over the bytes: not empty,
    /// not too long, only allowed bytes, no `..`. Anything else takes the checks that say what is wrong.
    private static func isPlainBackupID(_ backupID: String) -> Bool {
        let bytes = backupID.utf8.span
        guard !bytes.isEmpty, bytes.count <= maxBackupIDLength else { return false }
        var previous: UInt8 = 0
        for index in bytes.indices {
            let byte = bytes[index]
            guard isBackupIDByte(byte), !(byte == UInt8(ascii: ".") && previous == UInt8(ascii: ".")) else { return false }
            previous = byte
        }
        return true
    }

    private static func isBackupIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    private func validateLocation(_ source: JSONObject, at path: JSONPath, into result: inout ValidationResult) {
        guard let location = Self.requiredString(source, "location", at: path, into: &result) else { return }
        switch BackupLocation.classify(location) {
        case .s3:
            break
        case .file where policy.fileLocations == .deny:
            result.add(
                .forbidden(detail: "file:// locations are for testing only and are denied here (--file-locations=deny): use an s3:// location"),
                at: path)
        case .file:
            result.warn("file:// locations are for testing only; use s3:// in production", at: path)
        case .invalid(let detail):
            result.add(.invalid(.string(location), detail: detail), at: path)
        }
    }

    private func validateCredentialsSecret(_ source: JSONObject, at path: JSONPath, into result: inout ValidationResult) {
        guard let value = Self.present(source, "credentialsSecret") else { return }
        guard case .object(let secret) = value else {
            result.add(.typeInvalid(value, detail: "must be an object such as {\"name\": \"backup-credentials\"}"), at: path)
            return
        }
        warnAboutUnknownFields(in: secret, known: ["name"], at: path, into: &result)
        let namePath = path.appending("name")
        guard let name = Self.requiredString(secret, "name", at: namePath, into: &result) else { return }
        for problem in KubernetesName.subdomainProblems(name) {
            result.add(.invalid(.string(name), detail: problem), at: namePath)
        }
    }
}
