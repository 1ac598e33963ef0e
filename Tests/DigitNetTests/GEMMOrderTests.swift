import DigitNet
import Testing

/// The cache-blocked GEMMs visit entries in another order than the kernels the trainer used
/// before, but sum each entry in the same order: the bits must be equal, not just close.
@Suite struct GEMMOrderTests {
    /// Shapes with every tail: rows not a multiple of 4 or 2, columns not a multiple of 16 or
    /// 8, K not a multiple of 8; plus the trainer's real shapes (LeNet and the PyTorch example).
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (3, 7, 5), (4, 16, 3), (5, 17, 9), (6, 25, 784), (8, 784, 25), (16, 100, 200), (13, 33, 64),
        (120, 400, 32), (32, 120, 400), (64, 576, 288), (288, 676, 32), (2, 9, 17), (7, 31, 13),
    ]

    @Test("blocked (column strips outermost) gives the same bits as blockedByRows", arguments: shapes)
    func blockedSameBits(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let a = randomFloats(m * k, seed: 21), b = randomFloats(k * n, seed: 22)
        for accumulate in [false, true] {
            var c1 = randomFloats(m * n, seed: 23), c2 = c1
            GEMM.blockedByRows(a, b, &c1, m: m, n: n, k: k, accumulate: accumulate)
            GEMM.blocked(a, b, &c2, m: m, n: n, k: k, accumulate: accumulate)
            #expect(c1.map(\.bitPattern) == c2.map(\.bitPattern), "\(m)×\(n)×\(k) accumulate \(accumulate)")
            var c3 = randomFloats(m * n, seed: 23)
            GEMM.naive(a, b, &c3, m: m, n: n, k: k, accumulate: accumulate)
            #expect(maxDifference(c2, c3) < 1e-4 * Float(k))
        }
    }

    @Test("dotRows (2×4 blocks, B blocks outermost) gives the same bits as dotRowsByRow", arguments: shapes)
    func dotRowsSameBits(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let a = randomFloats(m * k, seed: 24), b = randomFloats(n * k, seed: 25)
        for accumulate in [false, true] {
            var c1 = randomFloats(m * n, seed: 26), c2 = c1
            GEMM.dotRowsByRow(a, b, &c1, m: m, n: n, k: k, accumulate: accumulate)
            GEMM.dotRows(a, b, &c2, m: m, n: n, k: k, accumulate: accumulate)
            #expect(c1.map(\.bitPattern) == c2.map(\.bitPattern), "\(m)×\(n)×\(k) accumulate \(accumulate)")
            var c3 = randomFloats(m * n, seed: 26)
            GEMM.dotRowsNaive(a, b, &c3, m: m, n: n, k: k, accumulate: accumulate)
            #expect(maxDifference(c2, c3) < 1e-4 * Float(k))
        }
    }
}
