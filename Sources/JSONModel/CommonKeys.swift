/// Object keys that the caller's documents repeat (`JSONParser(commonKeys:)`), each made into a `String`
/// once, so the reader hands out that string instead of decoding the same bytes again: a `String` from
/// bytes costs a few hundred instructions, and an AdmissionReview keeps dozens of keys.
///
/// A key of up to 16 bytes is compared as two 64-bit words, so a lookup is a couple of loads and a short
/// scan of the keys of the same length; anything else (longer keys, escapes, a key too close to the end
/// of the input to load 16 bytes) is decoded as before. Each key also has a number (`Match.id`), which
/// lets `SkippedMemberTrie` follow a key with one array read instead of comparing strings.
struct CommonKeys: Sendable {
    /// A key found in the table.
    struct Match {
        let key: String
        /// The key's number, below `count`: equal for equal keys, different for different ones.
        let id: Int
    }

    private struct Entry: Sendable {
        let words: (UInt64, UInt64)
        let match: Match
    }

    static let maxLength = 16

    /// `entries[n]`: the keys of `n` bytes.
    private let entries: [[Entry]]
    /// How many keys the table holds; their numbers are `0..<count`.
    let count: Int

    /// Keys longer than `maxLength` bytes, and repeats, are left out: they are decoded as any other.
    init(_ keys: [String]) {
        var entries = [[Entry]](repeating: [], count: Self.maxLength + 1)
        var count = 0
        for key in keys {
            let bytes = Array(key.utf8)
            guard (1...Self.maxLength).contains(bytes.count), !entries[bytes.count].contains(where: { $0.match.key == key }) else {
                continue
            }
            let padded = bytes + [UInt8](repeating: 0, count: Self.maxLength - bytes.count)
            let words = (Self.word(padded[0..<8]), Self.word(padded[8..<16]))
            entries[bytes.count].append(Entry(words: words, match: Match(key: key, id: count)))
            count += 1
        }
        self.entries = entries
        self.count = count
    }

    /// The common key whose UTF-8 is `bytes[range]`, or `nil`.
    func match(in bytes: Span<UInt8>, range: Range<Int>) -> Match? {
        let length = range.count
        guard length > 0 && length <= Self.maxLength && bytes.count - range.lowerBound >= Self.maxLength else { return nil }
        let raw = bytes.bytes
        var low = UInt64(littleEndian: raw.unsafeLoadUnaligned(fromByteOffset: range.lowerBound, as: UInt64.self))
        var high = UInt64(littleEndian: raw.unsafeLoadUnaligned(fromByteOffset: range.lowerBound + 8, as: UInt64.self))
        if length < 8 {
            low &= (1 << (8 * UInt64(length))) - 1
            high = 0
        } else if length < 16 {
            high &= (1 << (8 * UInt64(length - 8))) - 1
        }
        for entry in entries[length] where entry.words.0 == low && entry.words.1 == high {
            return entry.match
        }
        return nil
    }

    /// The number `match` gives `key`, or `nil` when the table does not hold it.
    func id(of key: String) -> Int? {
        let length = key.utf8.count
        guard (1...Self.maxLength).contains(length) else { return nil }
        return entries[length].first { $0.match.key == key }?.match.id
    }

    /// Eight bytes as a little-endian word, as `match(in:range:)` loads them.
    private static func word(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
}
