import DigitNet
import DigitTraining
import Foundation
import TestSupport
import Testing

@Suite struct IDXTests {
    /// A well-formed IDX image file of `n` 28×28 images.
    static func idxImages(_ n: Int) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 8, 3, 0, 0, 0, UInt8(n), 0, 0, 0, 28, 0, 0, 0, 28]
        bytes += [UInt8](repeating: 7, count: n * 784)
        return bytes
    }

    @Test("a valid IDX header is parsed")
    func parses() throws {
        let r = try MNIST.parseIDX(Self.idxImages(2), file: "x", magic: 2051, dims: 3)
        #expect(r.dims == [2, 28, 28])
        #expect(r.data.count == 2 * 784)
    }

    @Test("wrong magic, short files and size mismatches are errors naming the file")
    func rejects() {
        var bad = Self.idxImages(1)
        bad[3] = 1
        #expect(throws: MNISTError.badMagic(file: "f.idx", expected: 2051, found: 2049)) {
            try MNIST.parseIDX(bad, file: "f.idx", magic: 2051, dims: 3)
        }
        #expect(throws: MNISTError.self) { try MNIST.parseIDX([0, 0, 8], file: "f.idx", magic: 2051, dims: 3) }
        #expect(throws: MNISTError.self) { try MNIST.parseIDX(Array(Self.idxImages(2).dropLast()), file: "f.idx", magic: 2051, dims: 3) }
    }

    @Test("a folder without MNIST files is a clear error")
    func missingFolder() {
        do {
            _ = try MNIST.load(directory: "/nonexistent", split: .test)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("/nonexistent/t10k-images-idx3-ubyte.gz"))
        }
    }

    @Test("corrupt gzip data is an error, not a crash")
    func corruptGzip() {
        let bytes: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5]
        #expect(throws: MNISTError.self) { try MNIST.gunzip(bytes, file: "g.gz") }
    }
}

@Suite(.serialized) struct MNISTDataTests {
    @Test("the canonical files load with the documented first labels", .requiresMNIST)
    func canonicalFiles() throws {
        let test = try MNIST.load(directory: MNISTFixture.requiredDirectory(), split: .test)
        #expect(test.count == 10_000)
        #expect(test.labels.prefix(10).map(Int.init) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
        #expect(test.pixels.max() == 255)
    }

    @Test("a short training run on 3,000 images clearly raises accuracy", .requiresMNIST)
    func shortTrainingRun() throws {
        let train = try MNIST.load(directory: MNISTFixture.requiredDirectory(), split: .train).prefix(3_000)
        let test = try MNIST.load(directory: MNISTFixture.requiredDirectory(), split: .test).prefix(1_000)
        var options = TrainingOptions()
        options.epochs = 2
        let trainer = try Trainer(network: Network(.lenet, weights: .initial(seed: 1)), options: options)
        let before = Evaluator.evaluate(trainer.network, on: test).accuracy
        for epoch in 1...2 { try trainer.trainEpoch(epoch, data: train) }
        let after = Evaluator.evaluate(trainer.network, on: test).accuracy
        #expect(before < 0.3)
        #expect(after > 0.85, "accuracy after 2 epochs on 3,000 images: \(after)")
    }

    @Test("the bundled weights reach 99.39% on the test set (99.40% committed)", .requiresMNIST)
    func bundledAccuracy() throws {
        let test = try MNIST.load(directory: MNISTFixture.requiredDirectory(), split: .test)
        let report = Evaluator.evaluate(try Fixtures.network(), on: test)
        #expect(report.accuracy >= 0.9939, "accuracy \(report.accuracy)")
        #expect(report.confusion.flatMap { $0 }.reduce(0, +) == 10_000)
    }
}
