import Foundation
import TestSupport
import Testing

/// `poster --layer` takes the stage names of the model in use, not LeNet's.
@Suite("poster --layer from the model", .requiresCNNVizBinary)
struct PosterLayerCLITests {
    @Test("a model's own stage names are accepted, others refused with the list")
    func layerNamesComeFromTheModel() throws {
        let scratch = try ScratchFolder("cli-poster-layers")
        defer { scratch.remove() }
        let model = try TestArchitectures.writeModel(TestArchitectures.pytorchExample, stem: "example", in: scratch.url)
        let out = scratch.file("conv2.png").path
        let ok = try CNNVizBinary.run(
            ["poster", "sample:7", "--model", model, "--layer", "conv2", "-o", out, "--size", "640x452"])
        #expect(ok.status == 0, "\(ok)")
        #expect(FileManager.default.fileExists(atPath: out))
        // pool2 is LeNet's, not this model's (it has conv1, conv2, pool1, fc1, fc2).
        let bad = try CNNVizBinary.run(
            ["poster", "sample:7", "--model", model, "--layer", "pool2", "-o", scratch.file("x.png").path])
        #expect(bad.status == 64, "\(bad)")
        #expect(bad.stderr.contains("conv1, conv2, pool1, fc1, fc2, all"), "\(bad)")
        #expect(!FileManager.default.fileExists(atPath: scratch.file("x.png").path))
    }
}
