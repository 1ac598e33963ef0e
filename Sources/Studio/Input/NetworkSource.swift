import DigitNet
import DigitTraining

/// Which network a job runs: the bundled trained LeNet, or its architecture with the weights
/// in `weights`. The own-network issue adds a model file (`--model FILE.yaml`) here, beside
/// the weights; every command reaches the network through this one value.
public struct NetworkSource: Sendable, Equatable {
    /// A safetensors weights file, or nil for the bundled trained weights.
    public var weights: String?

    /// The bundled network, or its architecture with `weights`.
    public init(weights: String? = nil) {
        self.weights = weights
    }

    /// Loads the network. A missing or corrupt weights file is an error naming it, never a
    /// silent stand-in.
    public func load() throws -> Network {
        try TrainingJobs.loadNetwork(weights)
    }
}
