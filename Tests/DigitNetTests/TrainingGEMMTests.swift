import DigitNet
import Testing

/// The trainer's GEMMs with cheaper tails against their naive twins (each entry's order of
/// sums spelt out one entry at a time) and the GEMMs they replace: the bits must be equal.
@Suite struct TrainingGEMMTests {
    /// (M, N, K): every tail (rows not a multiple of 8, 4 or 2; columns not a multiple of 16
    /// or 8, with 1…7 left over; K not a multiple of 8, or below 8), and the trainer's shapes:
    /// LeNet's conv products (8×784×25, 16×100×200, 200×100×16 and dW 16×200×100,
    /// 8×25×784), its dense layers, and the PyTorch example's.
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (3, 7, 5), (8, 5, 3), (9, 12, 7), (16, 100, 200), (200, 100, 16), (8, 784, 25), (16, 200, 100),
        (8, 25, 784), (17, 23, 9), (24, 15, 0), (32, 10, 84), (32, 84, 120), (32, 120, 400), (64, 288, 676),
        (2, 9, 17), (7, 31, 13), (40, 101, 33),
    ]

    /// A (M,K) random; its transpose (K,M).
    static func matrix(_ m: Int, _ k: Int, seed: UInt64) -> (a: [Float], aT: [Float]) {
        let a = randomFloats(m * k, seed: seed)
        var aT = [Float](repeating: 0, count: m * k)
        for i in 0..<m {
            for p in 0..<k { aT[p * m + i] = a[i * k + p] }
        }
        return (a, aT)
    }

    @Test("gemm (transposed-A tail) gives the same bits as its naive twin and as GEMM.blocked", arguments: shapes)
    func gemmSameBits(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let (a, aT) = Self.matrix(m, k, seed: 31)
        let b = randomFloats(k * n, seed: 32)
        for accumulate in [false, true] {
            let start = randomFloats(m * n, seed: 33)
            var naive = start, blocked = start, fast = start
            TrainingKernels.gemmNaiveOrder(a, b, &naive, m: m, n: n, k: k, accumulate: accumulate)
            GEMM.blocked(a, b, &blocked, m: m, n: n, k: k, accumulate: accumulate)
            TrainingKernels.gemm(a, transposed: aT, b, &fast, m: m, n: n, k: k, accumulate: accumulate)
            #expect(fast.map(\.bitPattern) == naive.map(\.bitPattern), "\(m)×\(n)×\(k) accumulate \(accumulate)")
            #expect(fast.map(\.bitPattern) == blocked.map(\.bitPattern), "\(m)×\(n)×\(k) accumulate \(accumulate)")
            var plain = start
            GEMM.naive(a, b, &plain, m: m, n: n, k: k, accumulate: accumulate)
            #expect(maxDifference(fast, plain) < 1e-4 * Float(max(k, 1)))
        }
    }

    @Test("dotRows (lane sums eight at a time) gives the same bits as its naive twin and as GEMM.dotRows", arguments: shapes)
    func dotRowsSameBits(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let a = randomFloats(m * k, seed: 34), b = randomFloats(n * k, seed: 35)
        for accumulate in [false, true] {
            let start = randomFloats(m * n, seed: 36)
            var naive = start, old = start, fast = start
            TrainingKernels.dotRowsNaiveOrder(a, b, &naive, m: m, n: n, k: k, accumulate: accumulate)
            GEMM.dotRows(a, b, &old, m: m, n: n, k: k, accumulate: accumulate)
            TrainingKernels.dotRows(a, b, &fast, m: m, n: n, k: k, accumulate: accumulate)
            #expect(fast.map(\.bitPattern) == naive.map(\.bitPattern), "\(m)×\(n)×\(k) accumulate \(accumulate)")
            #expect(fast.map(\.bitPattern) == old.map(\.bitPattern), "\(m)×\(n)×\(k) accumulate \(accumulate)")
            var plain = start
            GEMM.dotRowsNaive(a, b, &plain, m: m, n: n, k: k, accumulate: accumulate)
            #expect(maxDifference(fast, plain) < 1e-4 * Float(max(k, 1)))
        }
    }

    @Test("the lane sums keep each lane's order: a sum that rounds differently in another order")
    func laneOrderMatters() {
        // 1e8 + 1 − 1e8 … in lane order gives 0 for the first entry; a tree sum would give 1.
        var a = [Float](repeating: 0, count: 2 * 8), b = [Float](repeating: 1, count: 4 * 8)
        let lanes: [Float] = [1e8, 1, -1e8, 1, 0.5, 3, -2, 7]
        for p in 0..<8 {
            a[p] = lanes[p]
            a[8 + p] = lanes[7 - p]
        }
        var fast = [Float](repeating: 0, count: 8), naive = fast
        TrainingKernels.dotRows(a, b, &fast, m: 2, n: 4, k: 8, accumulate: false)
        TrainingKernels.dotRowsNaiveOrder(a, b, &naive, m: 2, n: 4, k: 8, accumulate: false)
        #expect(fast.map(\.bitPattern) == naive.map(\.bitPattern))
        #expect(fast[0] == lanes.reduce(-0.0, +))
        #expect(fast[0] != fast[4])  // the reversed order rounds the 1 away differently
    }
}
