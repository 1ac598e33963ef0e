import DigitNet
import DigitTraining
import Support
import Testing

/// Finite-difference checks of every layer's backpropagated gradient.
@Suite struct GradientTests {
    /// Random images in [0,1] and labels from a seed.
    static func batch(_ n: Int, seed: UInt64) -> ([Float], [UInt8]) {
        var rng = SplitMix64(seed: seed)
        let images = (0..<(n * 784)).map { _ in rng.nextFloat(in: 0...1) }
        let labels = (0..<n).map { _ in UInt8(rng.next() % 10) }
        return (images, labels)
    }

    @Test("analytic gradient matches central differences in every layer")
    func finiteDifferences() throws {
        var options = TrainingOptions()
        options.batchSize = 3
        options.shards = 1
        let trainer = try Trainer(network: Network(.lenet, weights: .initial(seed: 7)), options: options)
        let (images, labels) = Self.batch(3, seed: 11)
        let (_, gradient) = trainer.lossAndGradient(images: images, labels: labels)
        let base = trainer.flatParameters
        // Probe a few parameters of every tensor (weights and biases of all five layers).
        var offset = 0
        var rng = SplitMix64(seed: 3)
        var checked = 0
        for (name, _, values) in try Network(.lenet, weights: .zeros).namedParameters {
            for _ in 0..<4 {
                let i = offset + Int(rng.next() % UInt64(values.count))
                let h: Float = 1e-3
                var plus = base, minus = base
                plus[i] += h
                minus[i] -= h
                trainer.setFlatParameters(plus)
                let lp = trainer.lossAndGradient(images: images, labels: labels).loss
                trainer.setFlatParameters(minus)
                let lm = trainer.lossAndGradient(images: images, labels: labels).loss
                let numeric = (lp - lm) / Double(2 * h)
                let analytic = Double(gradient[i])
                let tolerance = 2e-3 + 0.05 * Swift.max(abs(numeric), abs(analytic))
                #expect(abs(numeric - analytic) <= tolerance, "\(name)[\(i - offset)]: numeric \(numeric), analytic \(analytic)")
                checked += 1
            }
            offset += values.count
        }
        trainer.setFlatParameters(base)
        #expect(checked == 40)
    }

    @Test("the same seed gives the same weights; another seed does not")
    func determinism() throws {
        var options = TrainingOptions()
        options.batchSize = 8
        options.epochs = 1
        let (images, labels) = Self.batch(32, seed: 5)
        let pixels = images.map { UInt8(($0 * 255).rounded()) }
        let set = MNISTSet(pixels: pixels, labels: labels)
        func run(_ seed: UInt64) throws -> [Float] {
            var o = options
            o.seed = seed
            let t = try Trainer(network: Network(.lenet, weights: .initial(seed: seed)), options: o)
            try t.trainEpoch(1, data: set)
            return t.flatParameters
        }
        let a = try run(1), b = try run(1), c = try run(2)
        #expect(a == b)
        #expect(a != c)
    }

    @Test("sharding a batch over threads gives the gradient of the whole batch")
    func shardsAgree() throws {
        let (images, labels) = Self.batch(32, seed: 9)
        let set = MNISTSet(pixels: images.map { UInt8(($0 * 255).rounded()) }, labels: labels)
        func run(shards: Int) throws -> [Float] {
            var o = TrainingOptions()
            o.batchSize = 16
            o.shards = shards
            o.augmentation = nil
            let t = try Trainer(network: Network(.lenet, weights: .initial(seed: 4)), options: o)
            try t.trainEpoch(1, data: set)
            return t.flatParameters
        }
        let one = try run(shards: 1), two = try run(shards: 2)
        let maxDiff = zip(one, two).map { abs($0 - $1) }.max() ?? 0
        #expect(maxDiff < 1e-4)
    }
}
