import DigitNet
import Support
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Values in [-1, 1] from a seed.
private func values(_ n: Int, seed: UInt64) -> [Float] {
    var rng = SplitMix64(seed: seed)
    return (0..<n).map { _ in rng.nextFloat(in: -1...1) }
}

/// The layers beyond LeNet's, each against its definition computed here element by element.
@Suite struct NewLayerKernelTests {
    @Test("average pooling is the mean of each window (stride 1 and 2)")
    func avgPool() {
        let (c, h, w) = (2, 5, 4)
        let x = values(c * h * w, seed: 1)
        for (window, stride) in [(2, 2), (3, 1)] {
            let ho = (h - window) / stride + 1, wo = (w - window) / stride + 1
            var y = [Float](repeating: .nan, count: c * ho * wo)
            LayerKernels.avgPool2D(input: x, channels: c, height: h, width: w, window: window, stride: stride, output: &y)
            for ci in 0..<c {
                for oy in 0..<ho {
                    for ox in 0..<wo {
                        var sum: Double = 0
                        for dy in 0..<window {
                            for dx in 0..<window { sum += Double(x[(ci * h + oy * stride + dy) * w + ox * stride + dx]) }
                        }
                        let expected = sum / Double(window * window)
                        #expect(abs(Double(y[(ci * ho + oy) * wo + ox]) - expected) < 1e-6)
                    }
                }
            }
        }
    }

    @Test("inference batch norm is (x − running mean)/√(running var + eps)·γ + β per channel")
    func batchNorm() {
        let (c, spatial) = (3, 6)
        let x = values(c * spatial, seed: 2)
        let mean: [Float] = [0.5, -0.25, 0], variance: [Float] = [4, 0.25, 1]
        let gamma: [Float] = [1, 2, -0.5], beta: [Float] = [0, 0.5, 1]
        let eps: Float = 1e-3
        var y = [Float](repeating: .nan, count: x.count)
        LayerKernels.batchNorm(
            input: x, channels: c, spatial: spatial, mean: mean, variance: variance, weight: gamma, bias: beta, eps: eps,
            output: &y)
        for ci in 0..<c {
            for e in 0..<spatial {
                let i = ci * spatial + e
                let expected =
                    (Double(x[i]) - Double(mean[ci])) / (Double(variance[ci]) + Double(eps)).squareRoot() * Double(gamma[ci])
                    + Double(beta[ci])
                #expect(abs(Double(y[i]) - expected) < 1e-5)
            }
        }
    }

    @Test("tanh, sigmoid (also at ±100) and log-softmax match their formulas")
    func elementWise() {
        var x = values(50, seed: 3).map { $0 * 6 } + [100, -100]
        let original = x
        LayerKernels.tanh(&x, count: x.count)
        for (a, b) in zip(x, original) { #expect(abs(Double(a) - libcTanh(Double(b))) < 1e-6) }
        x = original
        LayerKernels.sigmoid(&x, count: x.count)
        for (a, b) in zip(x, original) { #expect(abs(Double(a) - 1 / (1 + exp(-Double(b)))) < 1e-6) }
        #expect(x.allSatisfy { $0.isFinite })
        let logits: [Float] = [1, 2, 3, 1000]
        var out = [Float](repeating: 0, count: 4)
        LayerKernels.logSoftmax(logits, count: 4, output: &out)
        #expect(out.allSatisfy { $0.isFinite })
        #expect(abs(out[3]) < 1e-6)
        let small: [Float] = [0, 0.5, -1]
        LayerKernels.logSoftmax(small, count: 3, output: &out)
        let total = small.map { exp(Double($0)) }.reduce(0, +)
        for i in 0..<3 { #expect(abs(Double(out[i]) - (Double(small[i]) - log(total))) < 1e-6) }
    }
}

private func libcTanh(_ x: Double) -> Double { tanh(x) }

/// Networks built from the layers beyond LeNet's: folding, tensors, forward.
@Suite struct LayerNetworkTests {
    /// Every layer type in one small network on 1×10×10 inputs, with three labels.
    static let everything = Architecture(
        name: "all", inputShape: [1, 10, 10], labels: ["a", "b", "c"],
        layers: [
            .conv2d(filters: 4, kernel: 3, padding: 1, bias: false), .batchnorm2d(eps: 1e-3), .relu,
            .avgpool2d(kernel: 2),
            .conv2d(name: "features.3", filters: 6, kernel: 2), .tanh, .maxpool2d(kernel: 2), .dropout(p: 0.3),
            .flatten, .linear(units: 8), .batchnorm1d(name: "features.6"), .sigmoid, .dropout(),
            .linear(name: "head", units: 3, bias: false), .logSoftmax,
        ])

    /// The network with every tensor (running statistics included) drawn from `seed`,
    /// variances positive.
    static func seeded(_ seed: UInt64) throws -> Network {
        let zero = try Network(everything, weights: .zeros)
        var tensors: [String: Tensor] = [:]
        for (i, t) in zero.namedState.enumerated() {
            var data = values(t.values.count, seed: seed &+ UInt64(i))
            if t.name.hasSuffix("running_var") { data = data.map { $0 * $0 + 0.5 } }
            tensors[t.name] = Tensor(shape: t.shape, data: data)
        }
        return try Network(everything, weights: .tensors(tensors, source: "seeded"))
    }

    @Test("batch norms, activations and dropout fold into the stage they follow; unnamed norms are bn1, bn2")
    func folding() throws {
        let net = try Network(Self.everything, weights: .zeros)
        #expect(net.stages.map(\.name) == ["conv1", "pool1", "features.3", "pool2", "fc1", "head"])
        #expect(
            net.stages.map(\.caption) == [
                "conv 3×3 · batch norm · ReLU", "avg-pool 2×2", "conv 2×2 · tanh", "max-pool 2×2 · dropout",
                "flatten · dense · batch norm · sigmoid · dropout", "dense · log-softmax",
            ])
        #expect(net.batchNorms.map(\.name) == ["bn1", "features.6"])
        #expect(net.shapes.map { $0 } == [[1, 10, 10], [4, 10, 10], [4, 5, 5], [6, 4, 4], [6, 2, 2], [8], [3]])
    }

    @Test("tensors carry PyTorch's names: no bias tensor with bias: false, batch norms with running statistics")
    func tensorNames() throws {
        let net = try Network(Self.everything, weights: .zeros)
        #expect(
            net.namedParameters.map(\.name) == [
                "conv1.weight", "bn1.weight", "bn1.bias", "features.3.weight", "features.3.bias", "fc1.weight", "fc1.bias",
                "features.6.weight", "features.6.bias", "head.weight",
            ])
        #expect(
            net.namedState.map(\.name).filter { $0.contains("running") } == [
                "bn1.running_mean", "bn1.running_var", "features.6.running_mean", "features.6.running_var",
            ])
        #expect(net.parameterCount == 36 + 8 + 96 + 6 + 24 * 8 + 8 + 16 + 24)
    }

    @Test("the forward pass is each layer's definition in turn; dropout is the identity; probabilities are softmax(logits)")
    func forward() throws {
        let net = try Self.seeded(5)
        let image = Tensor(shape: [1, 10, 10], data: values(100, seed: 9).map { abs($0) })
        let trace = net.forward(image)
        let reference = net.forwardReference(image)
        #expect(trace.names == reference.names)
        for (a, b) in zip(trace.activations, reference.activations) {
            #expect(zip(a.tensor.data, b.tensor.data).allSatisfy { abs($0 - $1) < 1e-4 }, "\(a.name)")
        }
        // Stage 1 by hand: conv (no bias) → batch norm with running statistics → ReLU.
        guard case let .conv2D(conv) = net.stages[0].operations[0], case let .batchNorm(bn) = net.stages[0].operations[1] else {
            Issue.record("unexpected stage 1")
            return
        }
        #expect(conv.bias == [0, 0, 0, 0])
        var y = [Float](repeating: 0, count: 400)
        Kernels.conv2DNaive(
            input: image.data, channels: 1, height: 10, width: 10, weight: conv.weight, bias: conv.bias, filters: 4,
            kernel: 3, stride: 1, padding: 1, output: &y)
        for i in 0..<400 {
            let c = i / 100
            let expected = max(0, (y[i] - bn.runningMean[c]) / (bn.runningVar[c] + bn.eps).squareRoot() * bn.weight[c] + bn.bias[c])
            #expect(abs(trace["conv1"]!.data[i] - expected) < 1e-5)
        }
        // The last stage holds log-probabilities; probabilities are their exponentials.
        let last = trace.activations.last!.tensor.data
        for (l, p) in zip(last, trace.probabilities) { #expect(abs(exp(l) - p) < 1e-6) }
        #expect(abs(trace.probabilities.reduce(0, +) - 1) < 1e-5)
        // Without the dropouts the trace is the same.
        var plain = Self.everything
        plain.layers.removeAll { if case .dropout = $0 { return true } else { return false } }
        let tensors = Dictionary(uniqueKeysWithValues: net.namedState.map { ($0.name, Tensor(shape: $0.shape, data: $0.values)) })
        let withoutDropout = try Network(plain, weights: .tensors(tensors, source: "t"))
        #expect(withoutDropout.forward(image).logits == trace.logits)
    }

    @Test("weights round-trip through safetensors with running statistics and I64 num_batches_tracked")
    func safetensors() throws {
        let net = try Self.seeded(6)
        let bytes = net.safetensorsBytes(batchesTracked: 937)
        let decoded = try SafeTensors.decode(bytes, source: "m")
        #expect(decoded.skipped == ["bn1.num_batches_tracked": "I64", "features.6.num_batches_tracked": "I64"])
        #expect(try Network(Self.everything, weights: .bytes(bytes, source: "m")) == net)
        // The I64 scalar holds the count, little-endian.
        let header = Int(bytes[0]) | Int(bytes[1]) << 8
        let text = String(decoding: bytes[8..<(8 + header)], as: UTF8.self)
        #expect(text.contains("\"bn1.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[]"))
        let tail = bytes.suffix(8)
        #expect(tail.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) } == 937)
    }

    @Test("a missing running statistic or a negative variance is an error naming the tensor")
    func badStatistics() throws {
        let net = try Self.seeded(7)
        var tensors = Dictionary(uniqueKeysWithValues: net.namedState.map { ($0.name, Tensor(shape: $0.shape, data: $0.values)) })
        tensors["bn1.running_var"]!.data[2] = -1
        #expect(throws: ModelError.weights(.corrupt(file: "w", reason: "tensor 'bn1.running_var' holds a negative variance (element 2)"))) {
            try Network(Self.everything, weights: .tensors(tensors, source: "w"))
        }
        tensors["bn1.running_var"] = nil
        #expect(throws: ModelError.weights(.missingTensor(file: "w", name: "bn1.running_var"))) {
            try Network(Self.everything, weights: .tensors(tensors, source: "w"))
        }
    }

    @Test(
        "new layers that do not fit are errors naming the layer",
        arguments: [
            ([LayerSpec.flatten, .batchnorm2d(), .linear(units: 10)], "layer 2: batchnorm2d needs feature maps"),
            ([.conv2d(filters: 2, kernel: 3), .batchnorm1d()], "layer 2: batchnorm1d needs a vector"),
            ([.conv2d(filters: 2, kernel: 3), .batchnorm2d(eps: 0)], "layer 2: batchnorm2d needs a positive eps"),
            ([.conv2d(filters: 2, kernel: 3), .dropout(p: 1)], "layer 2: dropout needs a probability"),
            ([.avgpool2d(kernel: 29)], "layer 1: avgpool2d kernel 29 is larger"),
            ([.flatten, .linear(units: 10), .logSoftmax, .relu], "layer 3: log_softmax must be the last layer"),
            ([.conv2d(name: "bn1", filters: 2, kernel: 3), .batchnorm2d()], "layer 2: the name 'bn1' is used twice"),
        ])
    func invalid(layers: [LayerSpec], message: String) {
        do {
            _ = try Network(Architecture(name: "bad.yaml", inputShape: [1, 28, 28], layers: layers), weights: .zeros)
            Issue.record("expected an error containing '\(message)'")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }
}
