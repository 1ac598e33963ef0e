import DigitNet
import DigitTraining
import Support
import Testing

/// Backpropagation through every layer type against central finite differences, batch norm
/// across shards, running statistics, dropout masks and determinism.
@Suite struct LayerGradientTests {
    /// Every layer type in one network on 1×10×10 inputs, ten outputs.
    static let everything = Architecture(
        name: "all", inputShape: [1, 10, 10], normalization: InputNormalization(mean: 0.5, std: 0.5),
        layers: [
            .conv2d(filters: 3, kernel: 3, padding: 1, bias: false), .batchnorm2d(), .relu, .avgpool2d(kernel: 2),
            .conv2d(filters: 4, kernel: 2), .tanh, .maxpool2d(kernel: 2), .dropout(p: 0.25),
            .flatten, .linear(units: 12), .batchnorm1d(), .sigmoid, .dropout(p: 0.5),
            .linear(units: 10, bias: false), .logSoftmax,
        ])

    static func batch(_ n: Int, side: Int, seed: UInt64) -> ([Float], [UInt8]) {
        var rng = SplitMix64(seed: seed)
        let images = (0..<(n * side * side)).map { _ in rng.nextFloat(in: 0...1) }
        let labels = (0..<n).map { _ in UInt8(rng.next() % 10) }
        return (images, labels)
    }

    /// Seeded weights with non-trivial batch-norm scales and shifts.
    static func network(seed: UInt64) throws -> Network {
        let start = try Network(everything, weights: .initial(seed: seed))
        var rng = SplitMix64(seed: seed ^ 0xABCD)
        let flat = zip(start.namedParameters.flatMap { p in p.values.map { _ in p.name } }, start.flatParameters).map {
            name, value in
            name.hasPrefix("bn") ? (name.hasSuffix(".weight") ? 1 + rng.nextFloat(in: -0.5...0.5) : rng.nextFloat(in: -0.3...0.3)) : value
        }
        return start.withFlatParameters(flat)
    }

    @Test(
        "analytic gradients match central differences for conv without bias, batch norm 2d/1d, avg/max pool, tanh, sigmoid, dropout, linear"
    )
    func finiteDifferences() throws {
        var options = TrainingOptions()
        options.batchSize = 6
        options.shards = 1
        let network = try Self.network(seed: 3)
        let trainer = try Trainer(network: network, options: options)
        let (images, labels) = Self.batch(6, side: 10, seed: 12)
        let (loss, gradient) = trainer.lossAndGradient(images: images, labels: labels)
        #expect(loss.isFinite && loss > 0)
        let base = trainer.flatParameters
        var rng = SplitMix64(seed: 5)
        var offset = 0
        var checked = 0
        for (name, _, values) in network.namedParameters {
            for _ in 0..<4 {
                let i = offset + Int(rng.next() % UInt64(values.count))
                let h: Float = 2e-3
                var plus = base, minus = base
                plus[i] += h
                minus[i] -= h
                trainer.setFlatParameters(plus)
                let lp = trainer.lossAndGradient(images: images, labels: labels).loss
                trainer.setFlatParameters(minus)
                let lm = trainer.lossAndGradient(images: images, labels: labels).loss
                let numeric = (lp - lm) / Double(2 * h)
                let analytic = Double(gradient[i])
                let tolerance = 1e-3 + 0.05 * Swift.max(abs(numeric), abs(analytic))
                #expect(abs(numeric - analytic) <= tolerance, "\(name)[\(i - offset)]: numeric \(numeric), analytic \(analytic)")
                checked += 1
            }
            offset += values.count
        }
        trainer.setFlatParameters(base)
        #expect(checked == 4 * network.namedParameters.count)
    }

    @Test("batch norm uses the whole batch's statistics: two shards give one shard's gradient")
    func shardsAgree() throws {
        let network = try Self.network(seed: 4)
        let (images, labels) = Self.batch(8, side: 10, seed: 13)
        func gradient(shards: Int) throws -> [Float] {
            var o = TrainingOptions()
            o.batchSize = 8
            o.shards = shards
            return try Trainer(network: network, options: o).lossAndGradient(images: images, labels: labels).gradient
        }
        let one = try gradient(shards: 1), two = try gradient(shards: 2)
        let largest = one.map(abs).max() ?? 0
        #expect(largest > 1e-3)
        #expect(zip(one, two).map { abs($0 - $1) }.max() ?? 1 < 1e-5 * Swift.max(largest, 1))
    }

    @Test("dropout masks come from the sample keys: same keys same loss, other keys another; p of the values dropped")
    func dropoutMasks() throws {
        let arch = Architecture(
            name: "d", inputShape: [1, 10, 10], layers: [.flatten, .linear(units: 400), .dropout(p: 0.3), .linear(units: 10)])
        var o = TrainingOptions()
        o.batchSize = 4
        o.shards = 1
        let trainer = try Trainer(network: Network(arch, weights: .initial(seed: 1)), options: o)
        let (images, labels) = Self.batch(4, side: 10, seed: 14)
        let a = trainer.lossAndGradient(images: images, labels: labels, keys: [1, 2, 3, 4])
        let b = trainer.lossAndGradient(images: images, labels: labels, keys: [1, 2, 3, 4])
        let c = trainer.lossAndGradient(images: images, labels: labels, keys: [5, 6, 7, 8])
        #expect(a.loss == b.loss && a.gradient == b.gradient)
        #expect(a.loss != c.loss)
        // fc2's weight gradient is zero in exactly the columns dropped for every sample; with
        // one sample, the dropped share of fc1's 400 outputs is about p.
        let one = trainer.lossAndGradient(images: Array(images.prefix(100)), labels: [labels[0]], keys: [9])
        let fc2 = one.gradient[(400 * 100 + 400)...].prefix(10 * 400)
        let dropped = (0..<400).filter { column in (0..<10).allSatisfy { fc2[fc2.startIndex + $0 * 400 + column] == 0 } }.count
        #expect(dropped > 80 && dropped < 160, "\(dropped) of 400 dropped")
    }

    @Test("running statistics move by the momentum towards the batch's mean and unbiased variance")
    func runningStatistics() throws {
        let arch = Architecture(
            name: "bn", inputShape: [1, 6, 6],
            layers: [.conv2d(filters: 2, kernel: 3), .batchnorm2d(momentum: 0.25), .flatten, .linear(units: 10)])
        let network = try Network(arch, weights: .initial(seed: 2))
        let (images, labels) = Self.batch(5, side: 28, seed: 15)
        let set = MNISTSet(pixels: images.map { UInt8(($0 * 255).rounded()) }, labels: labels)
        var o = TrainingOptions()
        o.batchSize = 5
        o.epochs = 1
        o.augmentation = nil
        let trainer = try Trainer(network: network, options: o)
        try trainer.trainEpoch(1, data: set)
        #expect(trainer.batchesTracked == 1)
        // The batch statistics of conv1's output, by hand, on the digits as the trainer saw them.
        let conv = try #require(network.stages[0].conv)
        var perChannel: [[Double]] = [[], []]
        for i in 0..<5 {
            let image = network.normalized(set.image(i, shape: [1, 6, 6]))
            var y = [Float](repeating: 0, count: 2 * 16)
            Kernels.conv2DNaive(
                input: image.data, channels: 1, height: 6, width: 6, weight: conv.weight, bias: conv.bias, filters: 2,
                kernel: 3, stride: 1, padding: 0, output: &y)
            for e in 0..<32 { perChannel[e / 16].append(Double(y[e])) }
        }
        let bn = try #require(trainer.network.batchNorms.first)
        for c in 0..<2 {
            let m = Double(perChannel[c].count)
            let mean = perChannel[c].reduce(0, +) / m
            let unbiased = perChannel[c].map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (m - 1)
            #expect(abs(Double(bn.runningMean[c]) - 0.25 * mean) < 1e-4)
            #expect(abs(Double(bn.runningVar[c]) - (0.75 + 0.25 * unbiased)) < 1e-3)
        }
    }

    @Test("training any architecture is deterministic: the same seed writes the same bytes")
    func sameBytes() throws {
        let (images, labels) = Self.batch(24, side: 28, seed: 16)
        let set = MNISTSet(pixels: images.map { UInt8(($0 * 255).rounded()) }, labels: labels)
        func run(_ seed: UInt64) throws -> [UInt8] {
            var o = TrainingOptions()
            o.batchSize = 8
            o.epochs = 1
            o.seed = seed
            let t = try Trainer(network: Network(Self.everything, weights: .initial(seed: seed)), options: o)
            try t.trainEpoch(1, data: set)
            return t.network.safetensorsBytes(batchesTracked: t.batchesTracked)
        }
        let a = try run(1), b = try run(1), c = try run(2)
        #expect(a == b)
        #expect(a != c)
    }

    @Test("a network the trainer cannot feed is refused")
    func refused() throws {
        let three = Architecture(name: "rgb", inputShape: [3, 28, 28], layers: [.flatten, .linear(units: 10)])
        #expect(throws: TrainingError.self) { try Trainer(network: Network(three, weights: .zeros), options: TrainingOptions()) }
        let few = Architecture(name: "few", inputShape: [1, 28, 28], labels: ["a", "b"], layers: [.flatten, .linear(units: 2)])
        #expect(throws: TrainingError.self) { try Trainer(network: Network(few, weights: .zeros), options: TrainingOptions()) }
    }
}

/// Area resampling of MNIST digits for inputs that are not 28×28.
@Suite struct DigitResizeTests {
    @Test("a constant stays constant, 28 → 28 is the identity, and the mean ink is kept at any size")
    func preserves() {
        var rng = SplitMix64(seed: 1)
        let image = (0..<784).map { _ in rng.nextFloat(in: 0...1) }
        #expect(DigitResize.area(image, from: (28, 28), to: [1, 28, 28]) == image)
        for side in [7, 14, 20, 32, 56, 13] {
            let constant = DigitResize.area([Float](repeating: 0.5, count: 784), from: (28, 28), to: [1, side, side])
            #expect(constant.allSatisfy { abs($0 - 0.5) < 1e-5 }, "side \(side)")
            let resized = DigitResize.area(image, from: (28, 28), to: [1, side, side])
            let meanIn = image.reduce(0, +) / 784, meanOut = resized.reduce(0, +) / Float(side * side)
            #expect(abs(meanIn - meanOut) < 1e-4, "side \(side)")
        }
    }

    @Test("halving averages 2×2 blocks; a non-square target resamples each axis")
    func blocks() {
        var rng = SplitMix64(seed: 2)
        let image = (0..<784).map { _ in rng.nextFloat(in: 0...1) }
        let half = DigitResize.area(image, from: (28, 28), to: [1, 14, 14])
        for y in 0..<14 {
            for x in 0..<14 {
                let expected =
                    (image[(2 * y) * 28 + 2 * x] + image[(2 * y) * 28 + 2 * x + 1] + image[(2 * y + 1) * 28 + 2 * x]
                        + image[(2 * y + 1) * 28 + 2 * x + 1]) / 4
                #expect(abs(half[y * 14 + x] - expected) < 1e-5)
            }
        }
        let wide = DigitResize.area(image, from: (28, 28), to: [1, 28, 56])
        for y in 0..<28 { for x in 0..<56 { #expect(wide[y * 56 + x] == image[y * 28 + x / 2]) } }
    }
}
