/// A set of strings that are equal only when their UTF-8 bytes are, for finding repeated table names.
///
/// Swift's `String` equality merges canonically equivalent spellings ("é" and "e\u{301}"), which the
/// operator treats as different tables, and its `Set` pays a full SipHash per name: most of the time of a
/// 5,000-table restore went there. This set hashes the bytes with a cheap multiply-xor hash under a
/// per-process random seed, in open addressing. That hash is not built to resist chosen collisions, so
/// the set also bounds its own worst case: once one insertion has to probe `maxProbes` slots it moves
/// every name into a `Set<[UInt8]>` (SipHash, seeded by the standard library) and uses only that from
/// then on. Hostile names therefore cost at most about twice the ordinary path, never quadratic time.
struct ExactStringSet {
    private static let seed = UInt64.random(in: .min ... .max)

    /// The names in insertion order, compared byte for byte when their hashes match.
    private var names: [String] = []
    private var hashes: [UInt64] = []
    /// Open-addressing table of `names` indices plus one; zero marks an empty slot. Its size is a power
    /// of two at least twice the number of names, so the load factor stays at or under one half.
    private var slots: [Int32]
    private var fallback: Set<[UInt8]>?
    /// Longest probe sequence tolerated before falling back; at a load of one half, honest names
    /// average under two probes and 48 is all but impossible without chosen collisions.
    private let maxProbes: Int

    /// An empty set with room for `expectedCount` names before it has to grow.
    init(expectedCount: Int, maxProbes: Int = 48) {
        self.maxProbes = maxProbes
        var size = 16
        while size < 2 * expectedCount && size < 1 << 30 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        names.reserveCapacity(expectedCount)
        hashes.reserveCapacity(expectedCount)
    }

    var count: Int { fallback?.count ?? names.count }

    /// Adds `name`; false when a name with the same bytes is already in the set.
    mutating func insert(_ name: String) -> Bool {
        if fallback != nil { return fallback?.insert(Array(name.utf8)).inserted ?? false }
        let hash = Self.hash(name)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        for _ in 0..<maxProbes {
            let entry = Int(slots[slot])
            if entry == 0 {
                guard names.count < Int(Int32.max) else { break }
                names.append(name)
                hashes.append(hash)
                slots[slot] = Int32(names.count)
                if 2 * names.count > slots.count { grow() }
                return true
            }
            if hashes[entry - 1] == hash && Self.sameBytes(names[entry - 1], name) { return false }
            slot = (slot + 1) & mask
        }
        var exact = Set<[UInt8]>(minimumCapacity: names.count + 1)
        for earlier in names { exact.insert(Array(earlier.utf8)) }
        let isNew = exact.insert(Array(name.utf8)).inserted
        fallback = exact
        names = []
        hashes = []
        slots = []
        return isNew
    }

    private mutating func grow() {
        var grown = [Int32](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for (offset, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = Int32(offset + 1)
        }
        slots = grown
    }

    /// Eight bytes at a time, each word folded in with a multiply and an xorshift, from a random basis
    /// that includes the length; the last multiply-xorshift spreads every byte into the low bits, which
    /// pick the slot.
    /// Whole words are loaded at once (little-endian); the last, partial one is gathered byte by byte.
    private static func hash(_ name: String) -> UInt64 {
        let bytes = name.utf8.span
        var hash = seed ^ UInt64(truncatingIfNeeded: bytes.count)
        var index = 0
        while bytes.count - index >= 8 {
            hash = fold(hash, UInt64(littleEndian: bytes.bytes.unsafeLoadUnaligned(fromByteOffset: index, as: UInt64.self)))
            index += 8
        }
        if index < bytes.count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                word |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            hash = fold(hash, word)
        }
        hash &*= 0xD6E8_FEB8_6659_FD93
        return hash ^ (hash >> 32)
    }

    private static func fold(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
        return mixed ^ (mixed >> 29)
    }

    private static func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.utf8.span
        let right = rhs.utf8.span
        guard left.count == right.count else { return false }
        for index in left.indices where left[index] != right[index] { return false }
        return true
    }
}
