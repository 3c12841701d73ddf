@testable import AdmissionRules
import Testing

/// The duplicate finder behind `spec.tables`: byte equality, growth, and the SipHash fallback that
/// bounds its worst case, each checked against a plain `Set` of byte arrays.
@Suite struct ExactStringSetTests {
    /// Names with repeats, near misses, canonically equivalent spellings and every length around a word.
    static let names: [String] = {
        var names = ["users", "orders", "users", "é", "e\u{301}", "é", "K", "\u{212A}", "", ""]
        for length in 0...17 {
            names.append(String(repeating: "a", count: length))
            names.append(String(repeating: "a", count: length) + "b")
            names.append(String(repeating: "a", count: length))
        }
        names += (0..<3000).map { "table_\($0 % 2500)" }
        return names
    }()

    /// What each insertion should answer: true the first time a byte sequence is seen.
    static let expected: [Bool] = {
        var seen = Set<[UInt8]>()
        return names.map { seen.insert(Array($0.utf8)).inserted }
    }()

    @Test(arguments: [0, 4, 10_000])
    func answersAsASetOfBytes(expectedCount: Int) {
        var set = ExactStringSet(expectedCount: expectedCount)
        let answers = Self.names.map { set.insert($0) }
        #expect(answers == Self.expected)
        #expect(set.count == Self.expected.filter { $0 }.count)
    }

    /// `maxProbes: 0` falls back on the first insertion, `1` as soon as two names share a slot; the
    /// answers must not change when the set switches over, including for names inserted before.
    @Test(arguments: [0, 1, 2])
    func fallbackAnswersTheSame(maxProbes: Int) {
        var set = ExactStringSet(expectedCount: Self.names.count, maxProbes: maxProbes)
        let answers = Self.names.map { set.insert($0) }
        #expect(answers == Self.expected)
        #expect(set.count == Self.expected.filter { $0 }.count)
    }

    @Test func canonicallyEquivalentSpellingsStayApart() {
        var set = ExactStringSet(expectedCount: 2)
        let answers = ["\u{E9}", "e\u{301}", "e\u{301}", "\u{212A}", "K"].map { set.insert($0) }
        #expect(answers == [true, true, false, true, true])
    }
}
