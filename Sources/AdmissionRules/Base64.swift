/// Standard base64 (RFC 4648 §4, `=` padding), appended to a byte buffer, so the patch of a mutating answer
/// goes straight into the response body without a `Data` and a `String` in between.
enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The length of the encoding of `byteCount` bytes, for reserving the buffer up front.
    static func encodedCount(of byteCount: Int) -> Int {
        (byteCount + 2) / 3 * 4
    }

    /// Appends the encoding of `bytes` to `output`, through an `OutputSpan` over capacity reserved once,
    /// so each byte costs a bounds check instead of `Array.append`'s uniqueness and growth checks.
    static func encode(_ bytes: [UInt8], into output: inout [UInt8]) {
        let alphabet = Self.alphabet.span
        let input = bytes.span
        output.append(addingCapacity: encodedCount(of: input.count)) { encoded in
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
