/// What every fuzz target shares: checks that print their message before trapping (a `precondition`
/// says nothing in an optimised build, and a crash artifact without its reason is slow to triage), and
/// a hash of the input that seeds whatever a target draws, so a crash reproduces from its file alone.

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
