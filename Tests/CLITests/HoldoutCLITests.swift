import DigitNet
import Foundation
import TestSupport
import Testing

/// `cnnviz train --holdout N` (and `--compare-averages`, `--final-learning-rate`): the last N
/// training images are measured instead of the test set; mistakes are refused before training.
@Suite("cnnviz train --holdout", .requiresCNNVizBinary)
struct HoldoutCLITests {
    @Test(
        "bad hold-out and window arguments are refused before any data is read",
        arguments: [
            (
                ["--holdout", "500", "--limit", "500"],
                "--holdout must be between 1 and 499 images (training uses the first 500 with --limit), not 500"
            ),
            (["--holdout", "0"], "--holdout must be between 1 and 59999 images (training uses all 60,000), not 0"),
            (["--holdout", "60000"], "--holdout must be between 1 and 59999"),
            (["--compare-averages", "1,2"], "--compare-averages needs --holdout"),
            (
                ["--holdout", "10", "--epochs", "3", "--compare-averages", "1,4"],
                "'4' is not a number of epochs between 1 and --epochs (3)"
            ),
            (["--holdout", "10", "--compare-averages", "1,,2"], "'' is not a number of epochs"),
            (["--holdout", "10", "--compare-averages", "x"], "'x' is not a number of epochs"),
            (["--final-learning-rate", "0.5"], "--final-learning-rate must be between 0 and --learning-rate"),
        ])
    func refuses(_ extra: [String], _ message: String) throws {
        // The folder does not exist: the arguments must be refused before it is looked at.
        let run = try CNNVizBinary.run(["train", "--mnist", "/nonexistent-mnist", "-o", "/tmp/never.safetensors"] + extra)
        #expect(run.status != 0, "\(run)")
        #expect(run.stderr.contains(message), "\(run)")
        #expect(!run.stderr.contains("nonexistent-mnist"), "\(run)")
    }

    @Test("--help describes the hold-out, the compared averages and the final learning rate")
    func help() throws {
        let run = try CNNVizBinary.run(["train", "--help"])
        #expect(run.status == 0, "\(run)")
        for option in ["--holdout <n>", "--compare-averages <k,k,...>", "--final-learning-rate"] {
            #expect(run.stdout.contains(option), "\(option) in \(run.stdout)")
        }
        // Help text is wrapped: compare with runs of spaces and line breaks as one space.
        let text = run.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        #expect(text.contains("report their accuracy after every epoch instead of the test set's, which is then not read"), "\(text)")
    }

    @Test(
        "a hold-out run trains on the first images (of --limit), reports the last ones (never the test set), and writes the same bytes twice",
        .requiresMNIST)
    func holdoutRun() throws {
        let directory = try MNISTFixture.requiredDirectory()
        let folder = try ScratchFolder("train-holdout")
        defer { folder.remove() }
        func train(_ output: String) throws -> (CLIRun, [UInt8]) {
            let path = folder.url.appendingPathComponent(output).path
            let run = try CNNVizBinary.run([
                "train", "--mnist", directory, "--limit", "3000", "--holdout", "1000", "--epochs", "2", "--seed", "3", "--no-augment",
                "--average-epochs", "2", "--compare-averages", "1,2", "--final-learning-rate", "1e-4", "-o", path,
            ])
            #expect(run.status == 0, "\(run)")
            return (run, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        let (run, first) = try train("a.safetensors")
        let (_, second) = try train("b.safetensors")
        #expect(first == second, "the same seed and build must write the same bytes")
        let lines = run.stdoutLines
        #expect(!run.stdout.contains(" test "), "a hold-out run must not report the test set: \(run.stdout)")
        let epochs = lines.filter { $0.hasPrefix("epoch ") }
        try #require(epochs.count == 2, "\(run)")
        #expect(epochs.allSatisfy { $0.contains(" holdout ") && $0.contains(" average ") })
        // After epoch 2 both windows have run; the 2-epoch window is the written average.
        let windows = try #require(lines.first { $0.contains("averages after epoch 2:") }, "\(run)")
        #expect(windows.contains("last 1: ") && windows.contains("/1000)"), "\(windows)")
        let tokens = epochs[1].split(separator: " ").map(String.init)
        let index = try #require(tokens.firstIndex(of: "average"), "\(epochs[1])")
        let average = tokens[index + 1]
        #expect(average.hasSuffix("%"), "\(epochs[1])")
        #expect(windows.contains("last 2: \(average) ("), "\(windows) vs \(epochs[1])")
        #expect(lines.last?.contains("(holdout accuracy \(average),") == true, "\(run)")
        // Metadata: what was trained on and measured.
        let headerSize = first[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let header = String(decoding: first[8..<(8 + headerSize)], as: UTF8.self)
        #expect(header.contains("\"train_images\":\"2000\""), "\(header)")
        #expect(header.contains("\"holdout_images\":\"1000\""), "\(header)")
        #expect(header.contains("\"holdout_accuracy\":\"0."), "\(header)")
        #expect(header.contains("cosine to 0.0001"), "\(header)")
        #expect(!header.contains("test_accuracy"), "\(header)")
    }
}
