import JSONModel

/// Rule 13: a field the resource does not define is ignored by the operator, so a typo such as
/// `restoreMod` would silently change the restore's meaning. Each gets a warning, with a suggestion
/// when a known field is close.
extension RestoreValidator {
    /// At most this many unknown fields are named per object; the rest are counted in one more warning,
    /// so a hostile object cannot produce an unbounded list of warnings.
    static let maxUnknownFieldWarnings = 10
    /// Longer field names are shortened in warnings (they must fit in 120 characters).
    static let maxWarnedFieldNameLength = 40

    func warnAboutUnknownFields(in object: JSONObject, known: [String], at path: JSONPath, into result: inout ValidationResult) {
        var unknownCount = 0
        for key in object.members.lazy.map(\.key) where !known.contains(key) {
            unknownCount += 1
            guard unknownCount <= Self.maxUnknownFieldWarnings else { continue }
            let shown =
                key.unicodeScalars.count > Self.maxWarnedFieldNameLength
                ? String(String.UnicodeScalarView(key.unicodeScalars.prefix(Self.maxWarnedFieldNameLength))) + "..." : key
            let message =
                Self.closestField(to: key, in: known).map { "unknown field (did you mean \($0)?); the operator ignores it" }
                ?? "unknown field; the operator ignores it"
            result.warn(message, at: path.appending(shown))
        }
        if unknownCount > Self.maxUnknownFieldWarnings {
            result.warn("\(unknownCount - Self.maxUnknownFieldWarnings) more unknown fields; the operator ignores them", at: path)
        }
    }

    /// A known field within two edits of `key`, or equal to it but for case.
    static func closestField(to key: String, in known: [String]) -> String? {
        let typed = Array(key.lowercased().unicodeScalars)
        guard typed.count >= 3, typed.count <= 32 else { return nil }
        var best: (field: String, distance: Int)?
        for field in known {
            let distance = editDistance(typed, Array(field.lowercased().unicodeScalars))
            if distance <= 2, distance < (best?.distance ?? Int.max) {
                best = (field, distance)
            }
        }
        return best?.field
    }

    /// Levenshtein distance over short inputs (at most 32 scalars each, so the table is tiny).
    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where i <= a.count {
            current[0] = i
            for j in 1...max(b.count, 1) where j <= b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
