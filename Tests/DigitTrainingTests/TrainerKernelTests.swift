import DigitNet
import DigitTraining
import Support
import Testing

/// The trainer's fast path (cache-blocked GEMMs, one phase per stretch between batch norms,
/// vectorised Adam and shard sums) against its order reference (the previous kernels, scalar
/// Adam and sums): hundreds of steps must give the same bytes. And weight averaging.
@Suite struct TrainerKernelTests {
    /// A small MNIST-like set of `n` random digits.
    static func set(_ n: Int, side: Int = 28, seed: UInt64) -> MNISTSet {
        var rng = SplitMix64(seed: seed)
        let pixels = (0..<(n * 784)).map { _ in UInt8(rng.next() % 256) }
        let labels = (0..<n).map { _ in UInt8(rng.next() % 10) }
        return MNISTSet(pixels: pixels, labels: labels)
    }

    /// PyTorch's MNIST example scaled down (same layer kinds and tails: 3×3 convolutions,
    /// dropout) plus batch norms, so every phase split of the pipeline runs.
    static let exampleLike = Architecture(
        name: "example-like", inputShape: [1, 28, 28], normalization: InputNormalization(mean: 0.1307, std: 0.3081),
        layers: [
            .conv2d(filters: 6, kernel: 3), .relu, .conv2d(filters: 12, kernel: 3), .batchnorm2d(), .relu,
            .maxpool2d(kernel: 2), .dropout(p: 0.25), .flatten, .linear(units: 36), .batchnorm1d(), .relu,
            .dropout(p: 0.5), .linear(units: 10), .logSoftmax,
        ])

    func train(_ architecture: Architecture, reference: Bool, epochs: Int, data: MNISTSet) throws -> [UInt8] {
        var o = TrainingOptions()
        o.epochs = epochs
        o.batchSize = 16
        o.seed = 3
        let t = try Trainer(network: Network(architecture, weights: .initial(seed: 3)), options: o, referenceKernels: reference)
        for e in 1...epochs { try t.trainEpoch(e, data: data) }
        return t.network.safetensorsBytes(batchesTracked: t.batchesTracked)
    }

    @Test("LeNet: 300 steps (augmented, 2 shards, last batch short) give the same bytes as the order reference")
    func lenetSameBytes() throws {
        let data = Self.set(1_000, seed: 31)  // 63 batches per epoch, the last one of 8
        let fast = try train(.lenet, reference: false, epochs: 5, data: data)
        let reference = try train(.lenet, reference: true, epochs: 5, data: data)
        #expect(fast == reference)
        #expect(fast != (try Network(.lenet, weights: .initial(seed: 3)).safetensorsBytes()))
    }

    @Test("batch norms and dropout: 200 steps give the same bytes as the order reference")
    func exampleLikeSameBytes() throws {
        let data = Self.set(800, seed: 32)
        let fast = try train(Self.exampleLike, reference: false, epochs: 4, data: data)
        let reference = try train(Self.exampleLike, reference: true, epochs: 4, data: data)
        #expect(fast == reference)
    }

    @Test("weight averaging: the final network is the mean of the weights after each averaged step")
    func averaging() throws {
        let data = Self.set(16, seed: 33)  // one batch per epoch: one step per epoch
        var o = TrainingOptions()
        o.epochs = 3
        o.batchSize = 16
        o.augmentation = nil
        o.averageEpochs = 2
        let t = try Trainer(network: Network(.lenet, weights: .initial(seed: 5)), options: o)
        try t.trainEpoch(1, data: data)
        #expect(t.averagedNetwork == nil)
        #expect(t.finalNetwork.flatParameters == t.flatParameters)
        try t.trainEpoch(2, data: data)
        let second = t.flatParameters
        #expect(t.averagedNetwork?.flatParameters == second)
        try t.trainEpoch(3, data: data)
        let third = t.flatParameters
        let expected = zip(second, third).map { Float((Double($0) + Double($1)) / 2) }
        #expect(t.finalNetwork.flatParameters == expected)
        #expect(expected != third)

        o.averageEpochs = 0
        let plain = try Trainer(network: Network(.lenet, weights: .initial(seed: 5)), options: o)
        for e in 1...3 { try plain.trainEpoch(e, data: data) }
        #expect(plain.averagedNetwork == nil)
        #expect(plain.finalNetwork.flatParameters == third)
    }

    @Test("a resampling plan gives the same image as the one-off resize")
    func resizePlan() {
        let image = (0..<784).map { Float($0 % 29) / 29 }
        let plan = DigitResize.Plan(sourceHeight: 28, sourceWidth: 28, height: 20, width: 36)
        #expect(plan.apply(image) == DigitResize.area(image, from: (28, 28), to: [1, 20, 36]))
        #expect(MNISTSet.resizePlan(to: [1, 28, 28]) == nil)
        #expect(MNISTSet.resizePlan(to: [1, 32, 32])?.width == 32)
    }
}
