extension Span<UInt8> {
    /// The first position from `start` on whose byte is not printable ASCII other than `"` and `\`.
    /// Such runs are nearly all of a Kubernetes object's text, and of the strings we write, so it tests
    /// eight bytes at a time, marking the high bit of each byte that is below 0x20, at or above 0x80,
    /// `"` or `\`. The subtractions can mark a byte wrongly only through a borrow from a truly marked
    /// byte before it (the word is read little-endian), so the lowest mark is always the first byte
    /// that stops the run.
    @inline(__always)
    func endOfPlainASCII(from start: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let words = self.bytes
        var position = start
        while count - position >= 8 {
            let word = UInt64(littleEndian: words.unsafeLoadUnaligned(fromByteOffset: position, as: UInt64.self))
            let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
            let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
            // High bit of a byte: a zero byte of `quotes`/`backslashes`, a byte below 0x20, or one at or above 0x80.
            let stops = ((quotes &- ones) & ~quotes | (backslashes &- ones) & ~backslashes | (word &- ones &* 0x20) | word) & highBits
            if stops != 0 { return position + stops.trailingZeroBitCount / 8 }
            position += 8
        }
        while position < count {
            let byte = self[position]
            guard byte >= 0x20 && byte < 0x80 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") else { break }
            position += 1
        }
        return position
    }
}
