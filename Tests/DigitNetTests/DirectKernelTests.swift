import DigitNet
import Support
import Testing

/// The direct convolutions and the batched evaluation path against their naive references,
/// and the bit-identity the evaluation relies on (batched = traced forward pass).
@Suite struct DirectKernelTests {
    /// (C, H, W, F, K, stride, padding)
    typealias ConvShape = (Int, Int, Int, Int, Int, Int, Int)

    func convolve(_ s: ConvShape, seed: UInt64, kernel run: (Conv2D, [Float], inout [Float]) -> Void) -> ([Float], [Float]) {
        let (c, h, w, f, k, stride, padding) = s
        let conv = Conv2D(
            inChannels: c, filters: f, kernel: k, stride: stride, padding: padding,
            weight: randomFloats(f * c * k * k, seed: seed), bias: randomFloats(f, seed: seed + 1))
        let input = randomFloats(c * h * w, seed: seed + 2)
        let ho = Kernels.outputSize(h, kernel: k, stride: stride, padding: padding)
        let wo = Kernels.outputSize(w, kernel: k, stride: stride, padding: padding)
        var naive = [Float](repeating: 0, count: f * ho * wo), fast = naive
        Kernels.conv2DNaive(
            input: input, channels: c, height: h, width: w, weight: conv.weight, bias: conv.bias, filters: f,
            kernel: k, stride: stride, padding: padding, output: &naive)
        run(conv, input, &fast)
        return (naive, fast)
    }

    @Test(
        "packed direct convolution equals the naive one",
        arguments: [
            (8, 14, 14, 16, 5, 1, 0), (3, 9, 7, 4, 3, 2, 1), (2, 6, 6, 5, 1, 1, 0), (4, 11, 11, 3, 4, 3, 2),
            (1, 28, 28, 8, 5, 1, 2), (5, 10, 9, 24, 3, 1, 1), (3, 7, 8, 17, 3, 1, 0), (32, 12, 12, 64, 3, 1, 0),
        ] as [ConvShape])
    func packedMatchesNaive(shape: ConvShape) {
        let (c, h, w, _, _, stride, padding) = shape
        let (naive, fast) = convolve(shape, seed: 20) { conv, input, out in
            var scratch = [Float](repeating: 0, count: Swift.max(1, c * (h + 2 * padding) * (w + 2 * padding)))
            Kernels.conv2DPacked(
                input: input, channels: c, height: h, width: w, packed: conv.packed, stride: stride, padding: padding,
                output: &out, scratch: &scratch)
        }
        #expect(maxDifference(naive, fast) < 1e-5 * Float(shape.0 * shape.4 * shape.4))
    }

    @Test(
        "single-channel direct convolution equals the naive one",
        arguments: [
            (1, 28, 28, 8, 5, 1, 2), (1, 28, 28, 32, 3, 1, 0), (1, 12, 9, 3, 3, 1, 1), (1, 8, 8, 1, 1, 1, 0),
            (1, 20, 30, 5, 7, 1, 3), (1, 10, 17, 2, 2, 1, 0),
        ] as [ConvShape])
    func singleChannelMatchesNaive(shape: ConvShape) {
        let (_, h, w, f, k, _, padding) = shape
        let (naive, fast) = convolve(shape, seed: 30) { conv, input, out in
            var scratch = [Float](repeating: 0, count: (h + 2 * padding) * (w + 2 * padding))
            Kernels.conv2DSingleChannel(
                input: input, height: h, width: w, weight: conv.weight, bias: conv.bias, filters: f, kernel: k,
                padding: padding, output: &out, scratch: &scratch)
        }
        #expect(maxDifference(naive, fast) < 1e-5 * Float(k * k))
    }

    @Test("both direct kernels sum in the same order: bit-identical on one channel")
    func kernelsAgreeExactly() {
        let shape: ConvShape = (1, 28, 28, 8, 5, 1, 2)
        let (_, single) = convolve(shape, seed: 40) { conv, input, out in
            var scratch = [Float](repeating: 0, count: 32 * 32)
            Kernels.conv2DSingleChannel(
                input: input, height: 28, width: 28, weight: conv.weight, bias: conv.bias, filters: 8, kernel: 5,
                padding: 2, output: &out, scratch: &scratch)
        }
        let (_, packed) = convolve(shape, seed: 40) { conv, input, out in
            var scratch = [Float](repeating: 0, count: 32 * 32)
            Kernels.conv2DPacked(
                input: input, channels: 1, height: 28, width: 28, packed: conv.packed, stride: 1, padding: 2,
                output: &out, scratch: &scratch)
        }
        #expect(single == packed)
    }

    @Test("packed weights follow the layer's weights when they change")
    func repackOnChange() {
        var conv = Conv2D(inChannels: 2, filters: 3, kernel: 1)
        conv.weight = [1, 2, 3, 4, 5, 6]  // (3,2,1,1)
        conv.bias = [7, 8, 9]
        // (C·K·K, 8): tap 0 holds filters' first weights, tap 1 their second.
        #expect(Array(conv.packed.weight[0..<3]) == [1, 3, 5])
        #expect(Array(conv.packed.weight[8..<11]) == [2, 4, 6])
        #expect(Array(conv.packed.bias) == [7, 8, 9, 0, 0, 0, 0, 0])
    }

    @Test("batched dense rows are bit-identical to the one-image kernel", arguments: [(400, 120), (120, 84), (84, 10), (3, 5), (17, 1)])
    func denseBatchMatchesDense(shape: (Int, Int)) {
        let (i, o) = shape
        let images = 7
        let x = randomFloats(images * i, seed: 50), w = randomFloats(i * o, seed: 51), b = randomFloats(o, seed: 52)
        var batched = [Float](repeating: 0, count: images * o)
        Kernels.denseBatch(input: x, count: images, inputs: i, weight: w, bias: b, outputs: o, output: &batched)
        for r in 0..<images {
            var one = [Float](repeating: 0, count: o)
            Kernels.dense(input: Array(x[(r * i)..<((r + 1) * i)]), inputs: i, weight: w, bias: b, outputs: o, output: &one)
            #expect(Array(batched[(r * o)..<((r + 1) * o)]) == one)
        }
    }

    @Test("batched evaluation gives exactly the traced forward pass's probabilities")
    func batchedEqualsForward() throws {
        let net = try Network(.lenet, weights: .bundled)
        let count = 37
        let images = (0..<count).map { Tensor(shape: [1, 28, 28], data: randomFloats(784, seed: 60 + UInt64($0)).map { abs($0) }) }
        let engine = try #require(BatchedInference(network: net, batch: 16))
        var probabilities = [Float](repeating: 0, count: count * 10)
        var predicted = [Int](repeating: -1, count: count)
        let flat = images.flatMap(\.data)
        engine.probabilities(flat, count: count, into: &probabilities)
        engine.predictions(flat, count: count, into: &predicted)
        for (i, image) in images.enumerated() {
            let trace = net.forward(image)
            #expect(Array(probabilities[(i * 10)..<((i + 1) * 10)]) == trace.probabilities)
            #expect(predicted[i] == trace.prediction)
        }
    }

    @Test("the traced forward pass stays within float tolerance of the naive kernels")
    func forwardMatchesReference() throws {
        let net = try Network(.lenet, weights: .bundled)
        for seed in 0..<4 {
            let image = Tensor(shape: [1, 28, 28], data: randomFloats(784, seed: 70 + UInt64(seed)).map { abs($0) })
            let fast = net.forward(image), slow = net.forwardReference(image)
            for (a, b) in zip(fast.activations, slow.activations) {
                #expect(a.name == b.name)
                #expect(maxDifference(a.tensor.data, b.tensor.data) < 1e-4)
            }
        }
    }
}

@Suite struct ReLUKernelTests {
    @Test("vector ReLU equals the scalar rule, −0 and NaN kept", arguments: [0, 1, 7, 8, 37])
    func matchesScalar(count: Int) {
        var x = randomFloats(count, seed: 80)
        if count > 2 {
            x[0] = -0.0
            x[1] = .nan
        }
        let expected = x.map { $0 < 0 ? 0 : $0 }
        Kernels.relu(&x, count: count)
        #expect(x.map(\.bitPattern) == expected.map(\.bitPattern))
    }
}
