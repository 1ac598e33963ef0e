import DigitNet
import Foundation
import TestSupport
import Testing

/// `cnnviz train --elastic ALPHA,SIGMA`: bad values are refused before any data is read; a run
/// with it is deterministic, differs from the affine-only run and says so in its metadata.
@Suite("cnnviz train --elastic", .requiresCNNVizBinary)
struct ElasticCLITests {
    @Test(
        "bad elastic strengths are refused before any data is read",
        arguments: [
            (["--elastic", "12"], "--elastic: expected two numbers ALPHA,SIGMA (e.g. 12,4), not '12'"),
            (["--elastic", "12,4,1"], "expected two numbers ALPHA,SIGMA"),
            (["--elastic", "x,4"], "expected two numbers ALPHA,SIGMA (e.g. 12,4), not 'x,4'"),
            (["--elastic=-3,4"], "--elastic: the elastic strength alpha must be between 0 and 100 pixels, not -3.0"),
            (["--elastic", "12,0"], "--elastic: the elastic smoothing sigma must be between 0.5 and 10 pixels, not 0.0"),
            (
                ["--elastic", "12,4", "--no-augment"],
                "--elastic bends the affine distortion's resampling; it cannot be combined with --no-augment"
            ),
        ])
    func refuses(_ extra: [String], _ message: String) throws {
        let run = try CNNVizBinary.run(["train", "--mnist", "/nonexistent-mnist", "-o", "/tmp/never.safetensors"] + extra)
        #expect(run.status != 0, "\(run)")
        #expect(run.stderr.contains(message), "\(run)")
        #expect(!run.stderr.contains("nonexistent-mnist"), "\(run)")
    }

    @Test("--help describes --elastic")
    func help() throws {
        let run = try CNNVizBinary.run(["train", "--help"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("--elastic <alpha,sigma>"), "\(run.stdout)")
        let text = run.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        #expect(text.contains("smoothed by a Gaussian of SIGMA pixels and scaled by ALPHA"), "\(text)")
    }

    @Test("an elastic run writes the same bytes twice, not the affine run's, and names its augmentation", .requiresMNIST)
    func deterministicRun() throws {
        let directory = try MNISTFixture.requiredDirectory()
        let folder = try ScratchFolder("train-elastic")
        defer { folder.remove() }
        func train(_ output: String, _ extra: [String]) throws -> [UInt8] {
            let path = folder.url.appendingPathComponent(output).path
            let run = try CNNVizBinary.run(
                ["train", "--mnist", directory, "--limit", "600", "--holdout", "200", "--epochs", "1", "--seed", "3", "-o", path] + extra)
            #expect(run.status == 0, "\(run)")
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        let first = try train("a.safetensors", ["--elastic", "12,4"])
        let second = try train("b.safetensors", ["--elastic", "12,4"])
        let affine = try train("c.safetensors", [])
        #expect(first == second, "the same seed and build must write the same bytes")
        #expect(first != affine)
        let header = String(decoding: first.prefix(4096), as: UTF8.self)
        #expect(header.contains("\"augmentation\":\"affine + elastic alpha 12.0 sigma 4.0\""), "\(header)")
        #expect(String(decoding: affine.prefix(4096), as: UTF8.self).contains("\"augmentation\":\"affine\""))
    }
}
