/// A tight loop of independent fused multiply-adds, compiled like the engine's kernels: the
/// machine's peak single-precision FMA rate for this build, against which the benchmarks
/// state what fraction of it inference reaches.
public enum PeakRate {
    /// Floating-point operations one call of `fmaLoop(iterations:)` performs (2 per FMA lane).
    public static func flops(iterations: Int) -> Double { Double(iterations) * 12 * 8 * 2 }

    /// `iterations` × twelve independent 8-lane FMAs (enough chains in flight to cover the
    /// FMA latency on two ports). Returns a value derived from every accumulator, so the
    /// loop cannot be removed.
    @inline(never)
    public static func fmaLoop(iterations: Int, seed: Float = 1) -> Float {
        let m = SIMD8<Float>(repeating: 0.999_999), a = SIMD8<Float>(repeating: 1e-7)
        var s0 = SIMD8<Float>(repeating: seed), s1 = s0 + 1, s2 = s0 + 2, s3 = s0 + 3
        var s4 = s0 + 4, s5 = s0 + 5, s6 = s0 + 6, s7 = s0 + 7, s8 = s0 + 8, s9 = s0 + 9
        var s10 = s0 + 10, s11 = s0 + 11
        for _ in 0..<iterations {
            s0 = madd(a, s0, m); s1 = madd(a, s1, m); s2 = madd(a, s2, m); s3 = madd(a, s3, m)
            s4 = madd(a, s4, m); s5 = madd(a, s5, m); s6 = madd(a, s6, m); s7 = madd(a, s7, m)
            s8 = madd(a, s8, m); s9 = madd(a, s9, m); s10 = madd(a, s10, m); s11 = madd(a, s11, m)
        }
        let total = (s0 + s1 + s2 + s3) + (s4 + s5 + s6 + s7) + (s8 + s9 + s10 + s11)
        return total.sum()
    }
}
