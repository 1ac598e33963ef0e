import Foundation
import TestSupport
import Testing

/// `--model FILE.yaml` and `cnnviz describe`.
@Suite("cnnviz --model and describe", .requiresCNNVizBinary)
struct ModelCLITests {
    @Test("predict --model Scenes/models/lenet.yaml prints exactly what the bundled default prints")
    func predictSameAsDefault() throws {
        let plain = try CNNVizBinary.run(["predict", "--json", "sample:7", "sample:2"])
        let model = try CNNVizBinary.run(["predict", "--json", "--model", "Scenes/models/lenet.yaml", "sample:7", "sample:2"])
        #expect(plain.status == 0 && model.status == 0, "\(plain)\n\(model)")
        #expect(!plain.stdout.isEmpty)
        #expect(model.stdout == plain.stdout)
    }

    @Test("a broken model file fails with status 1 and names the file and line")
    func brokenModel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("modelcli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bad.yaml").path
        try Data("input: {channels: 1, height: 28, width: 28}\nweights: w.st\nlayers:\n  - conv2d: {filters: 8}\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let run = try CNNVizBinary.run(["predict", "--model", path, "sample:7"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("\(path):4: layers[0].conv2d: conv2d needs 'kernel'"), "\(run)")
    }

    @Test("describe --json parses, with LeNet's stages, shapes, parameters and receptive fields")
    func describeJSON() throws {
        let run = try CNNVizBinary.run(["describe", "--json", "--model", "Scenes/models/lenet.yaml"])
        #expect(run.status == 0, "\(run)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
        #expect(object["name"] as? String == "LeNet")
        #expect(object["parameters"] as? Int == 62_558)
        let stages = try #require(object["stages"] as? [[String: Any]])
        #expect(stages.compactMap { $0["stage"] as? String } == ["conv1", "pool1", "conv2", "pool2", "fc1", "fc2", "output"])
        #expect(stages.compactMap { $0["output_shape"] as? [Int] }.first == [8, 28, 28])
        #expect(stages.compactMap { $0["parameters"] as? Int }.first == 208)
        #expect(stages.compactMap { $0["receptive_field"] as? Int } == [5, 6, 14, 16])
        #expect(stages.last?["receptive_field"] as? String == "whole input")
    }

    @Test("describe prints the text table")
    func describeText() throws {
        let run = try CNNVizBinary.run(["describe"])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdoutLines
        #expect(lines.first == "LeNet: input 1×28×28, 10 labels")
        #expect(lines.contains { $0.hasPrefix("conv2") && $0.contains("16×10×10") && $0.hasSuffix("14×14") }, "\(run)")
        #expect(lines.last == "total parameters: 62558")
    }
}
