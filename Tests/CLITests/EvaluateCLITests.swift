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
