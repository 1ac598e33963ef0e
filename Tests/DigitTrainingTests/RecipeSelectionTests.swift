import DigitNet
import DigitTraining
import Support
import Testing

/// What choosing a recipe without the test set rests on: the hold-out split of the training
/// images, and the weight averages over several windows compared in one run (which must
/// change nothing the run trains).
@Suite struct RecipeSelectionTests {
    @Test("holdingOut(last:) keeps the first images for training and the last ones apart, in order")
    func holdout() throws {
        let set = TrainerKernelTests.set(10, seed: 41)
        let (training, holdout) = try set.holdingOut(last: 3)
        #expect(training.count == 7 && holdout.count == 3)
        #expect(training.labels == Array(set.labels[0..<7]))
        #expect(holdout.labels == Array(set.labels[7..<10]))
        #expect(training.pixels == Array(set.pixels[0..<(7 * 784)]))
        #expect(holdout.pixels == Array(set.pixels[(7 * 784)...]))
        #expect(training.pixels + holdout.pixels == set.pixels)
    }

    @Test("an empty hold-out, or one that leaves nothing to train on, is an error")
    func holdoutRange() {
        let set = TrainerKernelTests.set(5, seed: 42)
        #expect(throws: TrainingError.emptyData("a hold-out needs at least 1 image, not 0")) { try set.holdingOut(last: 0) }
        #expect(throws: TrainingError.emptyData("a hold-out of 5 images leaves none to train on (the set has 5)")) {
            try set.holdingOut(last: 5)
        }
        #expect(throws: TrainingError.self) { try set.holdingOut(last: -1) }
        #expect((try? set.holdingOut(last: 4))?.training.count == 1)
    }

    /// Options for `epochs` epochs of two steps each over a 32-image set, averaging the last 3.
    func options(epochs: Int, compared: [Int]) -> TrainingOptions {
        var o = TrainingOptions()
        o.epochs = epochs
        o.batchSize = 16
        o.augmentation = nil
        o.averageEpochs = 3
        o.comparedAverageEpochs = compared
        return o
    }

    @Test("compared windows: each is the mean of the weights after every step of its last K epochs")
    func comparedWindows() throws {
        let data = TrainerKernelTests.set(32, seed: 43)  // two steps per epoch
        let t = try Trainer(network: Network(.lenet, weights: .initial(seed: 6)), options: options(epochs: 4, compared: [3, 1]))
        var afterEpoch: [[Float]] = []  // weights after epochs 2, 3 and 4
        try t.trainEpoch(1, data: data)
        #expect(t.comparedAverage(lastEpochs: 3) == nil, "the 3-epoch window starts with epoch 2")
        #expect(t.comparedAverage(lastEpochs: 1) == nil)
        #expect(t.comparedAverage(lastEpochs: 2) == nil, "2 is not a compared window")
        for e in 2...4 {
            try t.trainEpoch(e, data: data)
            afterEpoch.append(t.flatParameters)
        }
        // The widest window sums exactly what --average-epochs 3 sums: the same bits.
        let widest = try #require(t.comparedAverage(lastEpochs: 3))
        #expect(widest.flatParameters == t.finalNetwork.flatParameters)
        #expect(widest.flatParameters != t.flatParameters)
        // The 1-epoch window is the mean of the weights after epoch 4's two steps: within an
        // Adam step (< 1e-3 here) of the range between the weights after epochs 3 and 4, and
        // not the 3-epoch average.
        let last = try #require(t.comparedAverage(lastEpochs: 1)).flatParameters
        #expect(last != widest.flatParameters)
        let third = afterEpoch[1], fourth = afterEpoch[2]
        var outside = 0
        for i in last.indices {
            let lo = Swift.min(third[i], fourth[i]) - 1e-3, hi = Swift.max(third[i], fourth[i]) + 1e-3
            if last[i] < lo || last[i] > hi { outside += 1 }
        }
        #expect(outside < last.count / 100, "\(outside) of \(last.count) averaged weights lie outside their last epoch's range")
    }

    @Test("compared windows with one step per epoch: the 1-epoch window is the last step's weights")
    func oneStepWindows() throws {
        let data = TrainerKernelTests.set(16, seed: 44)  // one step per epoch
        let t = try Trainer(network: Network(.lenet, weights: .initial(seed: 7)), options: options(epochs: 3, compared: [1, 2]))
        var states: [[Float]] = []
        for e in 1...3 {
            try t.trainEpoch(e, data: data)
            states.append(t.flatParameters)
        }
        let one = try #require(t.comparedAverage(lastEpochs: 1)).flatParameters
        let two = try #require(t.comparedAverage(lastEpochs: 2)).flatParameters
        for i in one.indices {
            #expect(abs(one[i] - states[2][i]) <= 1e-6 * Swift.max(1, abs(states[2][i])))
            let mean = Float((Double(states[1][i]) + Double(states[2][i])) / 2)
            #expect(two[i] == mean)
        }
    }

    @Test("comparing windows changes nothing the run trains or writes")
    func windowsChangeNothing() throws {
        let data = TrainerKernelTests.set(40, seed: 45)
        func run(_ compared: [Int]) throws -> [UInt8] {
            let t = try Trainer(network: Network(.lenet, weights: .initial(seed: 8)), options: options(epochs: 4, compared: compared))
            for e in 1...4 { try t.trainEpoch(e, data: data) }
            return t.finalNetwork.safetensorsBytes(batchesTracked: t.batchesTracked)
        }
        let plain = try run([]), compared = try run([1, 2, 4])
        #expect(plain == compared)
        #expect(plain != (try Network(.lenet, weights: .initial(seed: 8)).safetensorsBytes(batchesTracked: 12)))
    }
}
