/// A small, seedable generator (Steele, Lea and Flood's SplitMix64), so generated cases repeat exactly.
/// Shared by the property tests and the fuzz targets (`Fuzz/build.sh` compiles this file into each
/// target, so it imports nothing).
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A value in `0..<bound`; `bound` is small, so the modulo bias does not matter here.
    public mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
