/// A small, fast, seedable generator (SplitMix64) so weights, shuffles and drawn samples are
/// reproducible: the same seed gives the same sequence on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Starts the sequence at `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform float in `range`, from the top 24 bits.
    public mutating func nextFloat(in range: ClosedRange<Float>) -> Float {
        let u = Float(next() >> 40) / Float(1 << 24)
        return range.lowerBound + (range.upperBound - range.lowerBound) * u
    }

    /// Uniform double in `lo..<hi`, from the top 53 bits.
    public mutating func uniform(_ lo: Double, _ hi: Double) -> Double {
        lo + (hi - lo) * Double(next() >> 11) / Double(1 << 53)
    }

    /// Uniform integer in `0..<n` (0 when `n` ≤ 1).
    public mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}
