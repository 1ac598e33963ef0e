import DigitNet
import Foundation
import Support

/// Which network a job runs: a model file (`--model FILE.yaml`, `model:` in a scene), or the
/// bundled LeNet's model file (`lenet.yaml`, a DigitNet resource beside its weights), each
/// with its own weights unless `weights` overrides them. Every command reaches the network
/// through this one value.
public struct NetworkSource: Sendable, Hashable {
    /// A model file (YAML), or nil for the bundled LeNet.
    public var model: String?
    /// A safetensors weights file overriding the model's own, or nil for the model's weights
    /// (the bundled trained weights when there is no model file).
    public var weights: String?

    /// The bundled network, or the model file `model`, with `weights` overriding its weights.
    public init(model: String? = nil, weights: String? = nil) {
        self.model = model
        self.weights = weights
    }

    /// The model file in use: `model`, or the bundled LeNet's.
    public func modelFile() throws -> ModelFile {
        if let model { return try ModelFile.load(path: model) }
        guard let url = WeightsSource.bundledModelFile else {
            throw ModelFileError(
                location: FileLocation(file: "lenet.yaml"), keyPath: "", message: "the bundled model file is missing from the build")
        }
        return try ModelFile.load(path: url.path)
    }

    /// The architecture without its weights, from the model file (checked).
    public func architecture() throws -> Architecture {
        try modelFile().architecture()
    }

    /// The weights in use, for messages: the override, the model file's, or the bundled ones.
    public func weightsDescription() throws -> String {
        if let weights { return weights }
        guard let model else { return "the bundled weights" }
        return try ModelFile.load(path: model).weights
    }

    /// Builds the network through DigitNet's one path (`Network(_:weights:)`). A missing or
    /// corrupt weights file is an error naming it, never a silent stand-in.
    public func load() throws -> Network {
        let file = try modelFile()
        let architecture = try file.architecture()
        let source = try weights.map { WeightsSource.file(URL(fileURLWithPath: $0)) } ?? file.weightsSource()
        return try Network(architecture, weights: source)
    }
}
