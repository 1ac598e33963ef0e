import DigitTraining
import Foundation
import TestSupport
import Testing

/// `cnnviz evaluate --json`: one object with `accuracy` as a fraction 0–1, `count` and
/// `confusion[true][predicted]`, 10×10, summing to `count`.
@Suite("cnnviz evaluate --json", .requiresCNNVizBinary, .requiresMNIST)
struct EvaluateCLITests {
    struct Report: Decodable {
        var accuracy: Double
        var count: Int
        var confusion: [[Int]]
    }

    @Test("accuracy is a fraction, the confusion matrix is [true][predicted] and sums to count")
    func report() throws {
        let directory = try MNISTFixture.requiredDirectory()
        let run = try CNNVizBinary.run(["evaluate", "--mnist", directory, "--json"])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdoutLines
        try #require(lines.count == 1, "expected one JSON object: \(run)")
        let report = try JSONDecoder().decode(Report.self, from: Data(lines[0].utf8))
        #expect(report.count == 10_000)
        #expect(report.accuracy >= 0 && report.accuracy <= 1, "accuracy \(report.accuracy) is not a fraction")
        #expect(report.accuracy >= 0.99, "bundled weights: accuracy \(report.accuracy)")
        try #require(report.confusion.count == 10 && report.confusion.allSatisfy { $0.count == 10 })
        #expect(report.confusion.joined().reduce(0, +) == report.count)
        let correct = (0..<10).map { report.confusion[$0][$0] }.reduce(0, +)
        #expect(abs(Double(correct) / Double(report.count) - report.accuracy) <= 0.00005 + 1e-12)
        // Rows are true digits: each row sums to how many test images carry that label.
        let labels = try MNIST.load(directory: directory, split: .test).labels
        let perLabel = (0..<10).map { digit in labels.filter { Int($0) == digit }.count }
        #expect(report.confusion.map { $0.reduce(0, +) } == perLabel)
    }
}

/// `cnnviz train --model` and `evaluate --model` with a model whose input is not 28×28 and
/// that has a batch norm: PyTorch names, I64 `num_batches_tracked`, the same bytes twice.
@Suite("cnnviz train --model", .requiresCNNVizBinary, .requiresMNIST)
struct TrainModelCLITests {
    static let model = """
        name: small
        input: { channels: 1, height: 14, width: 14, mean: 0.1307, std: 0.3081 }
        weights: small.safetensors
        layers:
          - conv2d: { name: features.0, filters: 4, kernel: 3, bias: false }
          - batchnorm2d: { name: features.1 }
          - relu
          - maxpool2d: { kernel: 2 }
          - dropout: { p: 0.2 }
          - flatten
          - linear: { name: classifier, units: 10 }
          - log_softmax
        """

    @Test("trains a 14×14 model with a batch norm, writes PyTorch's names, evaluates it, same bytes twice")
    func trainAndEvaluate() throws {
        let directory = try MNISTFixture.requiredDirectory()
        let folder = try ScratchFolder("train-model")
        defer { folder.remove() }
        let yaml = folder.url.appendingPathComponent("small.yaml")
        try Data(Self.model.utf8).write(to: yaml)
        func train(_ output: String) throws -> [UInt8] {
            let path = folder.url.appendingPathComponent(output).path
            let run = try CNNVizBinary.run([
                "train", "--model", yaml.path, "--mnist", directory, "--epochs", "1", "--limit", "6000", "--seed", "3", "--no-augment",
                "--learning-rate", "1e-2",
                "-o", path,
            ])
            #expect(run.status == 0, "\(run)")
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        let first = try train("small.safetensors"), second = try train("again.safetensors")
        #expect(first == second, "the same seed and build must write the same bytes")
        let header = String(decoding: first[8..<(8 + Int(first[0]) + Int(first[1]) << 8)], as: UTF8.self)
        for name in [
            "features.0.weight", "features.1.weight", "features.1.bias", "features.1.running_mean", "features.1.running_var",
            "classifier.weight", "classifier.bias",
        ] {
            #expect(header.contains("\"\(name)\":{\"dtype\":\"F32\""), "\(name) in \(header)")
        }
        #expect(header.contains("\"features.1.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[]"))
        #expect(!header.contains("features.0.bias"))
        let run = try CNNVizBinary.run(["evaluate", "--mnist", directory, "--model", yaml.path, "--json"])
        #expect(run.status == 0, "\(run)")
        let report = try JSONDecoder().decode(EvaluateCLITests.Report.self, from: Data(run.stdout.utf8))
        #expect(report.count == 10_000)
        #expect(report.accuracy > 0.6, "a 14×14 model after 6,000 images: \(report.accuracy)")
    }
}
