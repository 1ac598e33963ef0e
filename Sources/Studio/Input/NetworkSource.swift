import DigitNet
import Foundation

/// Which network a job runs: the bundled trained LeNet, or a model file (`--model FILE.yaml`,
/// `model:` in a scene), each with its own weights unless `weights` overrides them. Every
/// command reaches the network through this one value.
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

    /// The architecture without its weights: the model file's (checked), or `Architecture.lenet`.
    public func architecture() throws -> Architecture {
        guard let model else { return .lenet }
        return try ModelFile.load(path: model).architecture()
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
        guard let model else { return try Network(.lenet, weights: WeightsSource(path: weights)) }
        let file = try ModelFile.load(path: model)
        let architecture = try file.architecture()
        let source = try weights.map { WeightsSource.file(URL(fileURLWithPath: $0)) } ?? file.weightsSource()
        return try Network(architecture, weights: source)
    }
}
