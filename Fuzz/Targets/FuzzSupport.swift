/// What every fuzz target shares: checks that print their message before trapping (a `precondition`
/// says nothing in an optimised build, and a crash artifact without its reason is slow to triage), and
/// a hash of the input that seeds whatever a target draws (split points, limits, policies), so a crash
/// reproduces from its file alone.

/// Traps with `message` unless `condition` holds.
func check(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) {
    if !condition { fatalError(message(), file: file, line: line) }
}

/// FNV-1a over the input: the seed for everything a target draws.
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return hash
}

/// `bytes` cut at points drawn from `random`: mostly small pieces, sometimes single bytes, sometimes
/// large runs, as reads from a socket arrive.
func randomPieces(of bytes: [UInt8], using random: inout SplitMix64) -> [ArraySlice<UInt8>] {
    var pieces: [ArraySlice<UInt8>] = []
    var start = 0
    while start < bytes.count {
        let length = switch random.next(below: 4) {
        case 0: 1
        case 1: 1 + random.next(below: 8)
        case 2: 1 + random.next(below: 64)
        default: 1 + random.next(below: max(1, bytes.count))
        }
        let end = min(bytes.count, start + length)
        pieces.append(bytes[start..<end])
        start = end
    }
    return pieces
}
