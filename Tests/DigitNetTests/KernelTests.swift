import DigitNet
import Support
import Testing

/// Random floats in [-1, 1] from a seed.
func randomFloats(_ n: Int, seed: UInt64) -> [Float] {
    var rng = SplitMix64(seed: seed)
    return (0..<n).map { _ in rng.nextFloat(in: -1...1) }
}

/// Largest absolute difference of two equally long arrays.
func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count)
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

@Suite struct GEMMTests {
    @Test(
        "blocked GEMM equals the naive triple loop",
        arguments: [
            (1, 1, 1), (4, 16, 3), (5, 17, 9), (8, 784, 25), (16, 100, 200), (3, 7, 1), (13, 33, 64), (120, 9, 400),
        ])
    func blockedMatchesNaive(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let a = randomFloats(m * k, seed: 1), b = randomFloats(k * n, seed: 2)
        for accumulate in [false, true] {
            var c1 = randomFloats(m * n, seed: 3), c2 = c1
            GEMM.naive(a, b, &c1, m: m, n: n, k: k, accumulate: accumulate)
            GEMM.blocked(a, b, &c2, m: m, n: n, k: k, accumulate: accumulate)
            #expect(maxDifference(c1, c2) < 1e-4 * Float(k))
        }
    }

    @Test("dotRows equals A·Bᵀ computed naively", arguments: [(1, 1, 1), (3, 5, 7), (8, 25, 784), (32, 120, 400), (2, 9, 17)])
    func dotRowsMatchesNaive(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let a = randomFloats(m * k, seed: 4), b = randomFloats(n * k, seed: 5)
        for accumulate in [false, true] {
            var c1 = randomFloats(m * n, seed: 6), c2 = c1
            GEMM.dotRowsNaive(a, b, &c1, m: m, n: n, k: k, accumulate: accumulate)
            GEMM.dotRows(a, b, &c2, m: m, n: n, k: k, accumulate: accumulate)
            #expect(maxDifference(c1, c2) < 1e-4 * Float(k))
        }
    }

    @Test("a 2×2 product computed by hand")
    func handComputed() {
        let a: [Float] = [1, 2, 3, 4]  // [[1,2],[3,4]]
        let b: [Float] = [5, 6, 7, 8]  // [[5,6],[7,8]]
        var c = [Float](repeating: 0, count: 4)
        GEMM.blocked(a, b, &c, m: 2, n: 2, k: 2, accumulate: false)
        #expect(c == [19, 22, 43, 50])
    }
}

@Suite struct LayerKernelTests {
    @Test(
        "im2col convolution equals direct convolution",
        arguments: [
            (1, 28, 28, 8, 5, 1, 2), (8, 14, 14, 16, 5, 1, 0), (3, 9, 7, 4, 3, 2, 1), (2, 6, 6, 5, 1, 1, 0), (4, 11, 11, 3, 4, 3, 2),
        ])
    func convMatchesNaive(shape: (Int, Int, Int, Int, Int, Int, Int)) {
        let (c, h, w, f, k, stride, padding) = shape
        let input = randomFloats(c * h * w, seed: 7), weight = randomFloats(f * c * k * k, seed: 8), bias = randomFloats(f, seed: 9)
        let ho = Kernels.outputSize(h, kernel: k, stride: stride, padding: padding)
        let wo = Kernels.outputSize(w, kernel: k, stride: stride, padding: padding)
        var naive = [Float](repeating: 0, count: f * ho * wo), fast = naive
        var scratch = [Float](repeating: 0, count: c * k * k * ho * wo)
        Kernels.conv2DNaive(
            input: input, channels: c, height: h, width: w, weight: weight, bias: bias, filters: f,
            kernel: k, stride: stride, padding: padding, output: &naive)
        Kernels.conv2D(
            input: input, channels: c, height: h, width: w, weight: weight, bias: bias, filters: f,
            kernel: k, stride: stride, padding: padding, output: &fast, scratch: &scratch)
        #expect(maxDifference(naive, fast) < 1e-4)
    }

    @Test("col2im is the adjoint of im2col: ⟨im2col(x), y⟩ = ⟨x, col2im(y)⟩")
    func col2imAdjoint() {
        let (c, h, w, k, stride, padding) = (3, 7, 6, 3, 2, 1)
        let ho = Kernels.outputSize(h, kernel: k, stride: stride, padding: padding)
        let wo = Kernels.outputSize(w, kernel: k, stride: stride, padding: padding)
        let x = randomFloats(c * h * w, seed: 10), y = randomFloats(c * k * k * ho * wo, seed: 11)
        var cols = [Float](repeating: 0, count: y.count), back = [Float](repeating: 0, count: x.count)
        Kernels.im2col(input: x, channels: c, height: h, width: w, kernel: k, stride: stride, padding: padding, columns: &cols)
        Kernels.col2im(columns: y, channels: c, height: h, width: w, kernel: k, stride: stride, padding: padding, input: &back)
        let lhs = zip(cols, y).reduce(0) { $0 + Double($1.0 * $1.1) }
        let rhs = zip(x, back).reduce(0) { $0 + Double($1.0 * $1.1) }
        #expect(abs(lhs - rhs) < 1e-3)
    }

    @Test("a 3×3 convolution with padding computed by hand")
    func convHandComputed() {
        // input 1@3×3 = 1…9, kernel all ones, padding 1: each output sums its 3×3 neighbourhood.
        let input: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
        var out = [Float](repeating: 0, count: 9), scratch = [Float](repeating: 0, count: 81)
        Kernels.conv2D(
            input: input, channels: 1, height: 3, width: 3, weight: [Float](repeating: 1, count: 9), bias: [0.5],
            filters: 1, kernel: 3, stride: 1, padding: 1, output: &out, scratch: &scratch)
        #expect(out == [12, 21, 16, 27, 45, 33, 24, 39, 28].map { $0 + 0.5 })
    }

    @Test("max-pool picks each window's maximum and remembers where it was")
    func maxPoolHandComputed() {
        let input: [Float] = [
            1, 5, 2, 0,
            3, 4, 8, 1,
            0, 0, -1, -2,
            9, 0, -3, -4,
        ]
        var out = [Float](repeating: 0, count: 4)
        var arg = [Int32](repeating: 0, count: 4)
        Kernels.maxPool2D(input: input, channels: 1, height: 4, width: 4, window: 2, stride: 2, output: &out, argmax: &arg)
        #expect(out == [5, 8, 9, -1])
        #expect(arg == [1, 6, 12, 10])
    }

    @Test("dense SIMD kernel equals the naive loop", arguments: [(400, 120), (120, 84), (84, 10), (3, 5), (17, 1)])
    func denseMatchesNaive(shape: (Int, Int)) {
        let (i, o) = shape
        let x = randomFloats(i, seed: 12), w = randomFloats(i * o, seed: 13), b = randomFloats(o, seed: 14)
        var y1 = [Float](repeating: 0, count: o), y2 = y1
        Kernels.denseNaive(input: x, inputs: i, weight: w, bias: b, outputs: o, output: &y1)
        Kernels.dense(input: x, inputs: i, weight: w, bias: b, outputs: o, output: &y2)
        #expect(maxDifference(y1, y2) < 1e-4)
    }

    @Test("dense, ReLU and softmax by hand")
    func elementwiseHandComputed() {
        var y = [Float](repeating: 0, count: 2)
        Kernels.dense(input: [1, 2, 3], inputs: 3, weight: [1, 0, -1, 2, 2, 2], bias: [0.5, -1], outputs: 2, output: &y)
        #expect(y == [-1.5, 11])
        Kernels.relu(&y, count: 2)
        #expect(y == [0, 11])
        var p = [Float](repeating: 0, count: 3)
        Kernels.softmax([0, 0, 0.693_147_18], count: 3, output: &p)
        #expect(maxDifference(p, [0.25, 0.25, 0.5]) < 1e-6)
    }
}

@Suite struct NetworkTests {
    @Test("the optimized forward pass equals the reference one, layer by layer")
    func forwardMatchesReference() throws {
        let net = try Network(.lenet, weights: .initial(seed: 3))
        let image = Tensor(shape: [1, 28, 28], data: randomFloats(784, seed: 15).map { abs($0) })
        let fast = net.forward(image), slow = net.forwardReference(image)
        #expect(fast.names == ["input", "conv1", "pool1", "conv2", "pool2", "fc1", "fc2", "output"])
        for (a, b) in zip(fast.activations, slow.activations) {
            #expect(a.tensor.shape == b.tensor.shape)
            #expect(maxDifference(a.tensor.data, b.tensor.data) < 1e-3, "\(a.name)")
        }
        let total = fast.probabilities.reduce(0, +)
        #expect(abs(total - 1) < 1e-5)
        #expect(fast.top2.count == 2 && fast.top2[0].digit == fast.prediction)
    }
}

@Suite struct PoolFastPathTests {
    @Test("the 2×2 inference pooling equals the general kernel", arguments: [(8, 28, 28), (16, 10, 10), (3, 7, 9), (2, 6, 40), (1, 4, 17)])
    func matchesGeneral(shape: (Int, Int, Int)) {
        let (c, h, w) = shape
        let input = randomFloats(c * h * w, seed: 21)
        let n = c * (h / 2) * (w / 2)
        var general = [Float](repeating: 0, count: n), fast = general
        var arg = [Int32](repeating: 0, count: n)
        Kernels.maxPool2D(input: input, channels: c, height: h, width: w, window: 2, stride: 2, output: &general, argmax: &arg)
        Kernels.maxPool2x2(input: input, channels: c, height: h, width: w, output: &fast)
        #expect(general == fast)
    }
}
