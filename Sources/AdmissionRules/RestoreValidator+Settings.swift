import JSONModel

/// `spec.tables`, `spec.restoreMode`, `spec.restoreTimeout`, `spec.backoffLimit` (rules 7-10): what is
/// restored, how, for how long, and how often it is retried.
extension RestoreValidator {
    static let maxTableNameLength = 255

    /// Checks every entry in one pass with a set for duplicates, so 20,000 tables cost linear time.
    /// Returns whether the list names at least one table (for the `overwrite` warning).
    func validateTables(_ spec: JSONObject, into result: inout ValidationResult) -> Bool {
        let path = JSONPath("spec", "tables")
        guard let value = Self.present(spec, "tables") else { return false }
        guard case .array(let tables) = value else {
            result.add(.typeInvalid(value, detail: "must be a list of table names, such as [\"users\"]"), at: path)
            return true
        }
        // Compared as bytes, as the operator does: Swift's String equality would merge canonically
        // equivalent spellings that are different table names ("K" and the Kelvin sign, "é" and "e\u{301}").
        var seen = ExactStringSet(expectedCount: tables.count)
        for (index, entry) in tables.enumerated() {
            guard case .string(let name) = entry else {
                result.add(.typeInvalid(entry, detail: "must be a string"), at: path.appending(index: index))
                continue
            }
            if name.isEmpty {
                result.add(
                    .required(detail: "table names must not be empty: the operator drops empty entries, so [\"\"] restores every table"),
                    at: path.appending(index: index))
                continue
            }
            if let problem = Self.tableNameProblem(name) {
                result.add(.invalid(entry, detail: problem), at: path.appending(index: index))
                continue
            }
            if !seen.insert(name) {
                result.add(.duplicate(entry), at: path.appending(index: index))
            }
        }
        return !tables.isEmpty
    }

    private static func tableNameProblem(_ name: String) -> String? {
        if isPlainASCIITableName(name) { return nil }
        let scalars = name.unicodeScalars
        if scalars.count > maxTableNameLength {
            return KubernetesName.maxLengthMessage(maxTableNameLength)
        }
        if scalars.first?.properties.isWhitespace == true || scalars.last?.properties.isWhitespace == true {
            return "must not start or end with whitespace"
        }
        if scalars.contains(",") {
            return "must not contain ',': the operator passes the tables to its CLI joined by ','"
        }
        if scalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "must not contain control characters"
        }
        return nil
    }

    /// The common case, decided from the bytes alone: printable ASCII without ',', not starting or ending
    /// with a space, short enough. Unicode property lookups cost most of the time of 20,000 tables otherwise.
    /// Whole words are tested at once: the high bit of a byte below 0x20 or at or above 0x80, or of a zero
    /// byte of the word xor-ed with DEL or with ','. A borrow can set another byte's high bit only next to a
    /// byte that is itself such a byte, so a word with none set holds only plain bytes.
    private static func isPlainASCIITableName(_ name: String) -> Bool {
        let bytes = name.utf8.span
        guard !bytes.isEmpty, bytes.count <= maxTableNameLength, bytes[0] != UInt8(ascii: " "),
            bytes[bytes.count - 1] != UInt8(ascii: " ")
        else {
            return false
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        var index = 0
        while bytes.count - index >= 8 {
            let word = UInt64(littleEndian: bytes.bytes.unsafeLoadUnaligned(fromByteOffset: index, as: UInt64.self))
            let deletes = word ^ (ones &* 0x7F)
            let commas = word ^ (ones &* UInt64(UInt8(ascii: ",")))
            let marks = (word &- ones &* 0x20) | word | (deletes &- ones) & ~deletes | (commas &- ones) & ~commas
            if marks & (ones &* 0x80) != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: ",") { return false }
            index += 1
        }
        return true
    }

    func validateRestoreMode(_ spec: JSONObject, listsTables: Bool, into result: inout ValidationResult) {
        let path = JSONPath("spec", "restoreMode")
        let supported = RestoreMode.allCases.map(\.rawValue)
        switch Self.present(spec, "restoreMode") {
        case nil, .string("")?:
            return
        case .string(let mode)?:
            switch RestoreMode(rawValue: mode) {
            case .overwrite?:
                result.warn("overwrite drops and recreates existing tables (destructive)", at: path)
                if !listsTables {
                    result.warn("none listed, so overwrite replaces every table of the cluster", at: JSONPath("spec", "tables"))
                }
            case .failIfExists?, .skipIfExists?:
                return
            case nil:
                result.add(.notSupported(.string(mode), supported: supported), at: path)
            }
        case let other?:
            result.add(
                .typeInvalid(other, detail: "must be a string: one of " + supported.map(GoQuote.quote).joined(separator: ", ")),
                at: path)
        }
    }

    func validateRestoreTimeout(_ spec: JSONObject, into result: inout ValidationResult) {
        let path = JSONPath("spec", "restoreTimeout")
        guard let value = Self.present(spec, "restoreTimeout") else { return }
        guard case .string(let text) = value else {
            result.add(.typeInvalid(value, detail: "must be a string: use a duration string such as \"2h\""), at: path)
            return
        }
        guard let nanoseconds = GoDuration.nanoseconds(parsing: text) else {
            result.add(
                .invalid(value, detail: "must be a Go duration such as \"2h\", \"1h30m\", \"1.5h\" or \"90m\" (units ns, us, ms, s, m, h)"),
                at: path)
            return
        }
        if nanoseconds < GoDuration.nanosecondsPerSecond {
            result.add(.invalid(value, detail: "must be at least 1s"), at: path)
        }
    }

    func validateBackoffLimit(_ spec: JSONObject, into result: inout ValidationResult) {
        let path = JSONPath("spec", "backoffLimit")
        guard let value = Self.present(spec, "backoffLimit") else { return }
        guard case .number(let number) = value, number.isInteger else {
            result.add(.typeInvalid(value, detail: "must be an integer such as 3 (no quotes, no fraction)"), at: path)
            return
        }
        // An integer beyond 64 bits is out of range on the side of its sign.
        let isNegative = number.int64Value.map { $0 < 0 } ?? number.isNegative
        let isTooLarge = number.int64Value.map { $0 > Int64(Int32.max) } ?? !number.isNegative
        if isNegative {
            result.add(.invalid(value, detail: "must be greater than or equal to 0"), at: path)
        } else if isTooLarge {
            result.add(.invalid(value, detail: "must be less than or equal to \(Int32.max)"), at: path)
        }
    }
}
