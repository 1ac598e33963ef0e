import DigitNet
import Foundation
import Studio
import TestSupport
import Testing

@Suite("Model files")
struct ModelFileTests {
    static let lenetPath = Fixtures.repositoryRoot.appendingPathComponent("Scenes/models/lenet.yaml").path

    /// A folder holding `files` (name → text), removed after `body`.
    static func inFolder<T>(_ files: [String: [UInt8]], _ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("modelfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        return try body(folder)
    }

    static func lenetWeights() throws -> [UInt8] {
        try Network(.lenet, weights: .bundled).safetensorsBytes(extra: [:])
    }

    @Test("the shipped Scenes/models/lenet.yaml is exactly Architecture.lenet, with the bundled weights")
    func shippedLenet() throws {
        let file = try ModelFile.load(path: Self.lenetPath)
        #expect(try file.architecture() == Architecture.lenet)
        #expect(file.weights.hasSuffix("Sources/DigitNet/Resources/lenet.safetensors"))
        let fromFile = try NetworkSource(model: Self.lenetPath).load()
        let bundled = try NetworkSource().load()
        #expect(fromFile.stages == bundled.stages)
    }

    @Test("the default network is the bundled model file beside its weights, the same layers as Scenes/models/lenet.yaml")
    func bundledModelFile() throws {
        let url = try #require(WeightsSource.bundledModelFile)
        let bundled = try ModelFile.load(path: url.path)
        #expect(try bundled.architecture() == Architecture.lenet)
        #expect(URL(fileURLWithPath: bundled.weights).lastPathComponent == "lenet.safetensors")
        #expect(FileManager.default.fileExists(atPath: bundled.weights))
        #expect(try NetworkSource().modelFile() == bundled)
        #expect(bundled.layers == (try ModelFile.load(path: Self.lenetPath)).layers)
    }

    @Test("the shipped PyTorch MNIST example parses to its documented architecture")
    func shippedExample() throws {
        let path = Self.lenetPath.replacingOccurrences(of: "lenet.yaml", with: "pytorch-mnist-example.yaml")
        let architecture = try ModelFile.load(path: path).architecture()
        let network = try Network(architecture, weights: .zeros)
        #expect(network.parameterCount == 1_199_882)
        #expect(
            network.stages.map(\.caption) == [
                "conv 3×3 · ReLU", "conv 3×3 · ReLU", "max-pool 2×2 · dropout", "flatten · dense · ReLU · dropout", "dense · softmax",
            ])
    }

    @Test("bare words and one-key maps; defaults as in the contract")
    func defaults() throws {
        let yaml = """
            input: { channels: 1, height: 12, width: 12 }
            weights: w.safetensors
            layers:
              - conv2d: { filters: 2, kernel: 3 }
              - relu
              - maxpool2d: { kernel: 2 }
              - dropout
              - flatten
              - linear: { units: 10 }
            """
        let file = try ModelFile.parse(yaml: yaml, file: "/tmp/m/model.yaml")
        #expect(file.name == "model")
        #expect(file.weights == "/tmp/m/w.safetensors")
        #expect(file.labels == Architecture.digitLabels)
        #expect(file.normalization == .identity)
        #expect(
            file.layers == [
                .conv2d(name: nil, filters: 2, kernel: 3, stride: 1, padding: 0, bias: true), .relu(name: nil),
                .maxpool2d(name: nil, kernel: 2, stride: nil), .dropout(name: nil, p: 0.5), .flatten(name: nil),
                .linear(name: nil, units: 10, bias: true),
            ])
    }

    @Test("every layer type of the contract is parsed with its parameters")
    func everyType() throws {
        let yaml = """
            format: 1
            input: { channels: 1, height: 28, width: 28 }
            weights: w.safetensors
            layers:
              - conv2d: { name: c, filters: 4, kernel: 3, stride: 2, padding: 1, bias: false }
              - batchnorm2d: { name: bn, eps: 0.001, momentum: 0.2 }
              - tanh
              - avgpool2d: { kernel: 2, stride: 1 }
              - sigmoid
              - flatten
              - batchnorm1d
              - dropout: { p: 0.25 }
              - linear: { name: out, units: 10, bias: false }
              - log_softmax
            """
        let file = try ModelFile.parse(yaml: yaml, file: "m.yaml")
        #expect(
            file.layers == [
                .conv2d(name: "c", filters: 4, kernel: 3, stride: 2, padding: 1, bias: false),
                .batchnorm2d(name: "bn", eps: 0.001, momentum: 0.2), .tanh(name: nil),
                .avgpool2d(name: nil, kernel: 2, stride: 1), .sigmoid(name: nil), .flatten(name: nil),
                .batchnorm1d(name: nil, eps: 1e-5, momentum: 0.1), .dropout(name: nil, p: 0.25),
                .linear(name: "out", units: 10, bias: false), .logSoftmax(name: nil),
            ])
    }

    /// A mistaken model file and the start of the error it must get (file:line: key: message).
    static let mistakes: [(String, String)] = [
        ("input: {channels: 1, height: 28, width: 28}\nweights: w.st\nlayers: [relu]\ncolour: red\n", "m.yaml:4: colour: unknown key"),
        (
            "input: {channels: 1, height: 28, width: 28}\nweights: w.st\nlayers:\n  - conv2d: {filters: 8, kernal: 5}\n",
            "m.yaml:4: layers[0].conv2d.kernal: unknown key (did you mean 'kernel'?)"
        ),
        (
            "input: {channels: 1, height: 28, width: 28}\nweights: w.st\nlayers:\n  - conv2d: {filters: eight, kernel: 5}\n",
            "m.yaml:4: layers[0].conv2d.filters: expected a positive integer"
        ),
        (
            "input: {channels: 1, height: 28, width: 28}\nweights: w.st\nlayers:\n  - conv2d: {filters: -3, kernel: 5}\n",
            "m.yaml:4: layers[0].conv2d.filters: expected a positive integer"
        ),
        (
            "input: {channels: 1, height: 28, width: 28}\nweights: w.st\nlayers:\n  - linear: {units: 99999999999999999999}\n",
            "m.yaml:4: layers[0].linear.units: expected a positive integer (at most 268435456 elements in one tensor)"
        ),
        (
            "input: {channels: 1, height: 28, width: 28}\nweights: w.st\nlayers:\n  - convolution\n",
            "m.yaml:4: layers[0]: unknown layer type 'convolution'"
        ),
        (
            "input: {channels: 1, height: 28, width: 28}\nweights: w.st\nlayers:\n  - conv2d\n",
            "m.yaml:4: layers[0]: conv2d needs 'filters'"
        ),
        (
            "input: {channels: 1, height: 28, width: 28}\nweights: w.st\nlayers:\n  - relu: {}\n    linear: {units: 3}\n",
            "m.yaml:4: layers[0]: each layer is one bare word"
        ),
        ("input: {channels: 1, height: 28}\nweights: w.st\nlayers: [relu]\n", "m.yaml:1: input: needs channels, height and width"),
        (
            "input: {channels: 1, height: 28, width: 40000}\nweights: w.st\nlayers: [relu]\n",
            "m.yaml:1: input.width: expected a positive integer (at most 32767"
        ),
        (
            "input: {channels: 1, height: 28, width: 28, std: 0}\nweights: w.st\nlayers: [relu]\n",
            "m.yaml:1: input.std: expected a positive number"
        ),
        ("input: {channels: 1, height: 28, width: 28}\nlayers: [relu]\n", "m.yaml:1: weights: missing"),
        ("format: 2\ninput: {channels: 1, height: 28, width: 28}\nweights: w.st\nlayers: [relu]\n", "m.yaml:1: format: expected 1"),
        ("input: {channels: 1, height: 28, width: 28}\nweights: w.st\nlabels: a\nlayers: [relu]\n", "m.yaml:3: labels: expected a list"),
        (
            "input: {channels: 1, height: 28, width: 28}\nweights: w.st\nlayers:\n  - dropout: {p: 1.5}\n",
            "m.yaml:4: layers[0].dropout.p: expected a probability"
        ),
        (
            "input: {channels: 1, height: 28, width: 28}\nweights: w.st\nlayers:\n  - linear: {units: 3, bias: maybe}\n",
            "m.yaml:4: layers[0].linear.bias: expected true or false"
        ),
        ("input: {channels: 1, height: 28, width: 28\nweights: w.st\n", "m.yaml:"),
        ("", "m.yaml: the model file is empty"),
    ]

    @Test("each mistake is an error naming the file, line and key", arguments: mistakes.indices)
    func mistake(_ index: Int) {
        let (yaml, expected) = Self.mistakes[index]
        #expect {
            _ = try ModelFile.parse(yaml: yaml, file: "m.yaml")
        } throws: { error in
            let text = "\(error)"
            return error is ModelFileError && text.hasPrefix(expected)
        }
    }

    /// A LeNet-like model file with `layers` replaced.
    static func lenetText(replacing old: String, with new: String) throws -> String {
        let text = try String(contentsOfFile: lenetPath, encoding: .utf8)
        return text.replacingOccurrences(of: old, with: new)
            .replacingOccurrences(of: "../../Sources/DigitNet/Resources/lenet.safetensors", with: "w.safetensors")
    }

    /// The error building the network from `yaml` (with LeNet's weights beside it) gives.
    static func buildError(_ yaml: String, weights: [UInt8]? = nil) throws -> String {
        let bytes = try weights ?? lenetWeights()
        return try inFolder(["model.yaml": Array(yaml.utf8), "w.safetensors": bytes]) { folder in
            do {
                _ = try NetworkSource(model: folder.appendingPathComponent("model.yaml").path).load()
                return "no error"
            } catch {
                return "\(error)".replacingOccurrences(of: folder.path + "/", with: "")
            }
        }
    }

    @Test("every layer type builds: parameterless ones run on LeNet's weights, bias: false drops a tensor, a batch norm needs its four")
    func everyTypeBuilds() throws {
        let tanh = try Self.lenetText(replacing: "  - relu\n  - maxpool2d: { name: pool1", with: "  - tanh\n  - maxpool2d: { name: pool1")
        #expect(try Self.buildError(tanh) == "no error")
        let extra = try Self.lenetText(replacing: "  - flatten\n", with: "  - dropout: { p: 0.3 }\n  - flatten\n  - sigmoid\n")
        #expect(try Self.buildError(extra) == "no error")
        let noBias = try Self.lenetText(replacing: "units: 84 }", with: "units: 84, bias: false }")
        #expect(try Self.buildError(noBias) == "no error")
        let norm = try Self.lenetText(
            replacing: "  - relu\n  - maxpool2d: { name: pool1", with: "  - batchnorm2d\n  - maxpool2d: { name: pool1")
        #expect(try Self.buildError(norm) == "w.safetensors: tensor 'bn1.weight' is missing")
    }

    @Test("a shape that disagrees with the weights names the tensor, the expected and the found shape")
    func shapeMismatch() throws {
        let yaml = try Self.lenetText(replacing: "filters: 16", with: "filters: 12")
        #expect(try Self.buildError(yaml) == "w.safetensors: tensor 'conv2.weight' has shape [16, 8, 5, 5], expected [12, 8, 5, 5]")
    }

    @Test("sizes that do not fit together are errors at the layer's line")
    func sizes() throws {
        let yaml = try Self.lenetText(replacing: "units: 10 }", with: "units: 11 }")
        let text = try Self.buildError(yaml)
        #expect(text.hasPrefix("model.yaml:8: layers: the last layer has 11 outputs but there are 10 labels"), "\(text)")
        let huge = try Self.lenetText(replacing: "kernel: 5, padding: 2", with: "kernel: 500, padding: 2")
        let hugeText = try Self.buildError(huge)
        #expect(hugeText.hasPrefix("model.yaml:9: layers[0]: conv2d kernel 500 is larger than its padded input"), "\(hugeText)")
    }

    @Test("a missing weights file is an error at the weights line; --weights overrides it")
    func missingWeights() throws {
        let yaml = try Self.lenetText(replacing: "name: LeNet", with: "name: LeNet").replacingOccurrences(
            of: "w.safetensors", with: "gone.safetensors")
        let weights = try Self.lenetWeights()
        try Self.inFolder(["model.yaml": Array(yaml.utf8), "w.safetensors": weights]) { folder in
            let model = folder.appendingPathComponent("model.yaml").path
            #expect {
                _ = try NetworkSource(model: model).load()
            } throws: { error in
                "\(error)".hasPrefix("\(model):6: weights: the weights file '\(folder.path)/gone.safetensors' does not exist")
            }
            let network = try NetworkSource(model: model, weights: folder.appendingPathComponent("w.safetensors").path).load()
            #expect(network.stages == (try Network(.lenet, weights: .bundled)).stages)
        }
    }

    @Test("a scene's model: key is resolved against the scene file's folder")
    func sceneModel() throws {
        let scene = try SceneDescription.parse(yaml: "input: sample:7\nmodel: models/lenet.yaml\n", file: "/work/Scenes/s.yaml")
        #expect(scene.model == "/work/Scenes/models/lenet.yaml")
        #expect(try SceneDescription.parse(yaml: "input: sample:7\n", file: "s.yaml").model == nil)
        let relative = try SceneDescription.parse(yaml: "input: sample:7\nmodel: models/m.yaml\n", file: "Scenes/s.yaml")
        #expect(relative.model == "Scenes/models/m.yaml")
    }

    @Test("a scene whose model file is broken fails at the scene's model: line, quoting the model file's error")
    func sceneWithBrokenModel() throws {
        let model = "input: {channels: 1, height: 28, width: 28}\nweights: w.st\nlayers:\n  - conv2d: {filters: 8}\n"
        let scene = "input: sample:7\nmodel: m.yaml\noutputs:\n  - preprocess: { file: out.png }\n"
        try Self.inFolder(["m.yaml": Array(model.utf8), "s.yaml": Array(scene.utf8)]) { folder in
            let path = folder.appendingPathComponent("s.yaml").path
            #expect {
                _ = try SceneRenderJob.run(path: path)
            } throws: { error in
                let text = "\(error)"
                return error is SceneFileError && text.hasPrefix("\(path):2: model: \(folder.path)/m.yaml:4: layers[0].conv2d")
            }
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.png").path))
        }
    }
}
