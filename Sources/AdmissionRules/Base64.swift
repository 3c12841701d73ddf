/// Standard base64 (RFC 4648 §4, `=` padding), appended to a byte buffer, so the patch of a mutating answer
/// goes straight into the response body without a `Data` and a `String` in between.
enum Base64 {
    /// 64 entries, so indexing it with a 6-bit value needs no bounds check at run time. Read through its
    /// `span`: indexing the `InlineArray` itself inside the closure copies all 64 bytes onto the stack for
    /// every character (75 instructions per 3 bytes instead of 35).
    private static let alphabet: InlineArray<64, UInt8> = [
        65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90,  // A-Z
        97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122,  // a-z
        48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 43, 47,  // 0-9 + /
    ]

    /// The length of the encoding of `byteCount` bytes, for reserving the buffer up front.
    static func encodedCount(of byteCount: Int) -> Int {
        (byteCount + 2) / 3 * 4
    }

    /// Appends the encoding of `bytes` to `output`, through an `OutputSpan` over capacity reserved once,
    /// so each byte costs a bounds check instead of `Array.append`'s uniqueness and growth checks.
    static func encode(_ bytes: [UInt8], into output: inout [UInt8]) {
        let input = bytes.span
        output.append(addingCapacity: encodedCount(of: input.count)) { encoded in
            let alphabet = Self.alphabet.span
            var index = 0
            while input.count - index >= 3 {
                let group = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
                encoded.append(alphabet[Int(group >> 18)])
                encoded.append(alphabet[Int(group >> 12 & 0x3F)])
                encoded.append(alphabet[Int(group >> 6 & 0x3F)])
                encoded.append(alphabet[Int(group & 0x3F)])
                index += 3
            }
            let remaining = input.count - index
            guard remaining > 0 else { return }
            let second = remaining == 2 ? UInt32(input[index + 1]) : 0
            let group = UInt32(input[index]) << 16 | second << 8
            encoded.append(alphabet[Int(group >> 18)])
            encoded.append(alphabet[Int(group >> 12 & 0x3F)])
            encoded.append(remaining == 2 ? alphabet[Int(group >> 6 & 0x3F)] : UInt8(ascii: "="))
            encoded.append(UInt8(ascii: "="))
        }
    }
}
