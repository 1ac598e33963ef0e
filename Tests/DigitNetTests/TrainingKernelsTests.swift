import DigitNet
import Testing

/// The trainer's element-wise, pooling and unfolding kernels against the kernels it used
/// before (or their naive twins): the bits must be equal, not just close, so trained weights
/// stay byte-identical.
@Suite struct TrainingKernelsTests {
    /// Conv shapes (C, H, W, K, stride, padding): LeNet's two convolutions, the PyTorch
    /// example's, odd sizes with padding, and a stride-2 fallback.
    static let convShapes: [(Int, Int, Int, Int, Int, Int)] = [
        (1, 28, 28, 5, 1, 2), (8, 14, 14, 5, 1, 0), (1, 28, 28, 3, 1, 0), (32, 26, 26, 3, 1, 0), (3, 7, 9, 3, 1, 1),
        (2, 5, 6, 5, 1, 2), (2, 9, 9, 3, 2, 1),
    ]

    /// Random values with some exact zeros, negative zeros and repeats (ties for the pooling).
    static func values(_ n: Int, seed: UInt64) -> [Float] {
        randomFloats(n, seed: seed).enumerated().map { i, v in
            switch i % 11 {
            case 3: return 0
            case 7: return -0.0
            case 9: return 0.25
            default: return v
            }
        }
    }

    @Test("addRowSums gives the same bits as the row-by-row sums", arguments: [(1, 5), (4, 784), (7, 100), (8, 784), (16, 100), (9, 17)])
    func rowSums(shape: (Int, Int)) {
        let (rows, length) = shape
        let x = randomFloats(rows * length, seed: 41)
        var fast = randomFloats(rows, seed: 42), naive = fast
        TrainingKernels.addRowSums(x, count: rows, length: length, into: &fast)
        TrainingKernels.addRowSumsNaive(x, count: rows, length: length, into: &naive)
        #expect(fast.map(\.bitPattern) == naive.map(\.bitPattern))
        // The naive sums are the definition: each row's plain sum.
        let start = randomFloats(rows, seed: 42)
        for r in 0..<rows {
            var sum: Float = 0
            for e in 0..<length { sum += x[r * length + e] }
            #expect(naive[r] == start[r] + sum)
        }
    }

    @Test("relu and its backward give the same bits as the copy-then-ReLU and the scalar mask", arguments: [1, 7, 8, 100, 6272])
    func relu(count: Int) {
        var x = Self.values(count, seed: 43)
        if count > 2 { x[1] = .nan }
        var reference = x
        Kernels.relu(&reference, count: count)
        var y = [Float](repeating: 9, count: count)
        TrainingKernels.relu(x, &y, count: count)
        #expect(y.map(\.bitPattern) == reference.map(\.bitPattern))
        let dy = Self.values(count, seed: 44)
        var dx = [Float](repeating: 9, count: count)
        TrainingKernels.reluBackward(y, dy, &dx, count: count)
        let expected = (0..<count).map { y[$0] > 0 ? dy[$0] : 0 }
        #expect(dx.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    @Test(
        "2×2 max pooling gives the same values and arg-maxes as the general kernel",
        arguments: [(8, 28, 28), (16, 10, 10), (64, 24, 24), (3, 7, 9)])
    func maxPool(shape: (Int, Int, Int)) {
        let (c, h, w) = shape
        var x = Self.values(c * h * w, seed: 45)
        x[0] = -.infinity
        x[1] = -.infinity
        x[w] = -.infinity
        x[w + 1] = -.infinity  // a window of −∞: index stays at the start value
        let count = c * (h / 2) * (w / 2)
        var y1 = [Float](repeating: 9, count: count), y2 = y1
        var a1 = [Int32](repeating: -1, count: count), a2 = a1
        Kernels.maxPool2D(input: x, channels: c, height: h, width: w, window: 2, stride: 2, output: &y1, argmax: &a1)
        TrainingKernels.maxPool2x2(input: x, channels: c, height: h, width: w, output: &y2, argmax: &a2)
        #expect(y1.map(\.bitPattern) == y2.map(\.bitPattern))
        #expect(a1 == a2)
    }

    @Test(
        "ReLU + 2×2 max pooling and its backward give the same bits as the three separate passes (NaN windows too)",
        arguments: [(8, 28, 28), (16, 10, 10), (3, 7, 9)])
    func reluMaxPool(shape: (Int, Int, Int)) {
        let (c, h, w) = shape
        var x = Self.values(c * h * w, seed: 49)
        // A window of NaNs (its arg-max stays at index 0, outside it) and one of negatives.
        x[2 * w + 2] = .nan
        x[2 * w + 3] = .nan
        x[3 * w + 2] = .nan
        x[3 * w + 3] = .nan
        x[0] = -0.5
        x[1] = -0.25
        x[w] = -1
        x[w + 1] = -0.0
        let count = c * (h / 2) * (w / 2)
        // Reference: ReLU copy, general pooling, zero fill and scatter, ReLU mask.
        var r = x
        Kernels.relu(&r, count: r.count)
        var y1 = [Float](repeating: 9, count: count), a1 = [Int32](repeating: -1, count: count)
        Kernels.maxPool2D(input: r, channels: c, height: h, width: w, window: 2, stride: 2, output: &y1, argmax: &a1)
        var y2 = [Float](repeating: 9, count: count), a2 = [Int32](repeating: -1, count: count)
        TrainingKernels.reluMaxPool2x2(input: x, channels: c, height: h, width: w, output: &y2, argmax: &a2)
        #expect(y1.map(\.bitPattern) == y2.map(\.bitPattern))
        #expect(a1 == a2)
        #expect(a1.contains(0) && a1[0] == 0)

        var dy = Self.values(count, seed: 50)
        dy[3] = -0.0
        var scattered = [Float](repeating: 0, count: x.count)
        for o in 0..<count { scattered[Int(a1[o])] += dy[o] }
        let expected = (0..<x.count).map { r[$0] > 0 ? scattered[$0] : 0 }
        var dx = [Float](repeating: 9, count: x.count)
        TrainingKernels.reluMaxPool2x2Backward(dy, argmax: a2, input: x, channels: c, height: h, width: w, into: &dx)
        #expect(dx.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    @Test("im2col gives the same columns as Kernels.im2col", arguments: convShapes)
    func im2col(shape: (Int, Int, Int, Int, Int, Int)) {
        let (c, h, w, k, stride, padding) = shape
        let x = Self.values(c * h * w, seed: 46)
        let ho = Kernels.outputSize(h, kernel: k, stride: stride, padding: padding)
        let wo = Kernels.outputSize(w, kernel: k, stride: stride, padding: padding)
        var reference = [Float](repeating: 9, count: c * k * k * ho * wo), fast = reference
        var padded = [Float](repeating: 9, count: c * (h + 2 * padding) * (w + 2 * padding))
        Kernels.im2col(input: x, channels: c, height: h, width: w, kernel: k, stride: stride, padding: padding, columns: &reference)
        TrainingKernels.im2col(
            input: x, channels: c, height: h, width: w, kernel: k, stride: stride, padding: padding, columns: &fast, padded: &padded)
        #expect(fast.map(\.bitPattern) == reference.map(\.bitPattern))
    }

    @Test(
        "col2imNarrow (rows in registers) gives the same sums as Kernels.col2im; NaNs in its slack are ignored",
        arguments: [
            (8, 14, 14, 5, 0), (1, 28, 16, 5, 2), (3, 7, 9, 3, 1), (2, 5, 6, 5, 2), (1, 16, 16, 3, 1), (2, 3, 3, 5, 2),
            (4, 10, 1, 1, 0), (2, 6, 12, 7, 3),
        ])
    func col2imNarrow(shape: (Int, Int, Int, Int, Int)) {
        let (c, h, w, k, padding) = shape
        #expect(TrainingKernels.col2imNarrowFits(width: w, stride: 1, padding: padding))
        let ho = Kernels.outputSize(h, kernel: k, stride: 1, padding: padding)
        let wo = Kernels.outputSize(w, kernel: k, stride: 1, padding: padding)
        var columns = Self.values(c * k * k * ho * wo, seed: 51)
        columns[0] = -0.0
        let count = columns.count
        columns += [Float](repeating: .nan, count: TrainingKernels.col2imSlack)
        var reference = [Float](repeating: 9, count: c * h * w), fast = reference
        Kernels.col2im(
            columns: Array(columns.prefix(count)), channels: c, height: h, width: w, kernel: k, stride: 1, padding: padding,
            input: &reference)
        TrainingKernels.col2imNarrow(columns: columns, channels: c, height: h, width: w, kernel: k, padding: padding, input: &fast)
        #expect(fast.map(\.bitPattern) == reference.map(\.bitPattern), "\(shape)")
        #expect(!fast.contains { $0.isNaN })
    }

    @Test("col2im gives the same sums as Kernels.col2im", arguments: convShapes)
    func col2im(shape: (Int, Int, Int, Int, Int, Int)) {
        let (c, h, w, k, stride, padding) = shape
        let ho = Kernels.outputSize(h, kernel: k, stride: stride, padding: padding)
        let wo = Kernels.outputSize(w, kernel: k, stride: stride, padding: padding)
        let columns = Self.values(c * k * k * ho * wo, seed: 47)
        var reference = [Float](repeating: 9, count: c * h * w), fast = reference
        Kernels.col2im(columns: columns, channels: c, height: h, width: w, kernel: k, stride: stride, padding: padding, input: &reference)
        TrainingKernels.col2im(
            columns: columns, channels: c, height: h, width: w, kernel: k, stride: stride, padding: padding, input: &fast)
        #expect(fast.map(\.bitPattern) == reference.map(\.bitPattern))
        // col2im is the adjoint of im2col: ⟨im2col(x), cols⟩ = ⟨x, col2im(cols)⟩ (up to rounding).
        let x = randomFloats(c * h * w, seed: 48)
        var unfolded = [Float](repeating: 0, count: columns.count)
        Kernels.im2col(input: x, channels: c, height: h, width: w, kernel: k, stride: stride, padding: padding, columns: &unfolded)
        let left = zip(unfolded, columns).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let right = zip(x, fast).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        #expect(abs(left - right) < 1e-3 * max(1, abs(left)))
    }
}
