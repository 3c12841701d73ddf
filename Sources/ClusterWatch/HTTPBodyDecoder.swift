/// Turns the raw bytes after a response head into body bytes, whatever the framing, incrementally:
/// a watch is one endless chunked body, so bytes are decoded as they arrive, split anywhere.
struct HTTPBodyDecoder {
    /// A chunk-size line is a hex number and optional extensions; servers send a few characters.
    static let maxChunkLineBytes = 1024

    private enum State: Equatable {
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailer
        case length(remaining: Int)
        case untilClose
        case complete
    }

    private var state: State
    /// Bytes of an unfinished chunk-size or trailer line.
    private var line: [UInt8] = []

    init(framing: HTTPResponseHead.Framing) {
        switch framing {
        case .chunked: state = .chunkSize
        case .length(let count): state = count == 0 ? .complete : .length(remaining: count)
        case .untilClose: state = .untilClose
        }
    }

    /// True once the framing says the body is over (never for a body that ends at close).
    var isComplete: Bool { state == .complete }

    /// Decodes `bytes`, returning the body bytes they carry; bytes after the end of the body are ignored.
    mutating func decode(_ bytes: ArraySlice<UInt8>) throws(APIServerError) -> [UInt8] {
        var body: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            switch state {
            case .complete:
                return body
            case .untilClose:
                body.append(contentsOf: bytes[index...])
                return body
            case .length(let remaining):
                let take = min(remaining, bytes.endIndex - index)
                body.append(contentsOf: bytes[index..<(index + take)])
                index += take
                state = remaining == take ? .complete : .length(remaining: remaining - take)
            case .chunkData(let remaining):
                let take = min(remaining, bytes.endIndex - index)
                body.append(contentsOf: bytes[index..<(index + take)])
                index += take
                state = remaining == take ? .chunkDataEnd : .chunkData(remaining: remaining - take)
            case .chunkSize, .chunkDataEnd, .trailer:
                let byte = bytes[index]
                index += 1
                guard byte == UInt8(ascii: "\n") else {
                    guard line.count < Self.maxChunkLineBytes else {
                        throw APIServerError.malformed("chunk header longer than \(Self.maxChunkLineBytes) bytes")
                    }
                    line.append(byte)
                    continue
                }
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                try endOfLine()
                line.removeAll(keepingCapacity: true)
            }
        }
        return body
    }

    /// Called when the connection ends: fine only where the framing allows an end here.
    func finish() throws(APIServerError) {
        switch state {
        case .complete, .untilClose:
            return
        default:
            throw APIServerError.closed
        }
    }

    private mutating func endOfLine() throws(APIServerError) {
        switch state {
        case .chunkSize:
            let digits = line.prefix { $0 != UInt8(ascii: ";") }.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
            let isHex = digits.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0) }
            guard isHex, !digits.isEmpty, digits.count <= 15, let size = Int(String(decoding: digits, as: UTF8.self), radix: 16), size >= 0 else {
                throw APIServerError.malformed("bad chunk size line")
            }
            state = size == 0 ? .trailer : .chunkData(remaining: size)
        case .chunkDataEnd:
            guard line.isEmpty else {
                throw APIServerError.malformed("chunk data longer than its size")
            }
            state = .chunkSize
        case .trailer:
            if line.isEmpty { state = .complete }
        default:
            return
        }
    }
}
