/// Cuts a stream of concatenated JSON objects (a watch body: one event object after another,
/// newline-separated by the API server, split across chunks at any byte) into one byte array per
/// object, so each can be parsed whole by `JSONParser`.
///
/// It only tracks nesting, strings and escapes; the parser judges everything else. Any byte
/// other than whitespace between objects is an error, as is an object larger than `maxObjectBytes`.
struct JSONStreamFramer {
    let maxObjectBytes: Int
    private var current: [UInt8] = []
    private var depth = 0
    private var isInString = false
    private var isEscaped = false

    init(maxObjectBytes: Int) {
        self.maxObjectBytes = maxObjectBytes
    }

    /// Appends `bytes` and returns every object they complete, in order.
    mutating func append(_ bytes: some Collection<UInt8>) throws(APIServerError) -> [[UInt8]] {
        var objects: [[UInt8]] = []
        for byte in bytes {
            if depth == 0 {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                    continue
                case UInt8(ascii: "{"):
                    depth = 1
                    current.append(byte)
                    continue
                default:
                    throw APIServerError.malformed("watch stream: expected an event object, found byte 0x\(String(byte, radix: 16))")
                }
            }
            guard current.count < maxObjectBytes else {
                throw APIServerError.malformed("watch event larger than \(maxObjectBytes) bytes")
            }
            current.append(byte)
            if isInString {
                if isEscaped {
                    isEscaped = false
                } else if byte == UInt8(ascii: "\\") {
                    isEscaped = true
                } else if byte == UInt8(ascii: "\"") {
                    isInString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                isInString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    objects.append(current)
                    current.removeAll(keepingCapacity: true)
                }
            default:
                break
            }
        }
        return objects
    }

    /// True between objects: a stream that ends here lost nothing.
    var isBetweenObjects: Bool { depth == 0 }
}
