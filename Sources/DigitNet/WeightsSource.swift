import Foundation

/// Where a network's learned values come from when it is built (`Network(_:weights:)`).
public enum WeightsSource: Sendable, Equatable {
    /// The trained LeNet weights committed with cnnviz (`Resources/lenet.safetensors`).
    case bundled
    /// A safetensors file.
    case file(URL)
    /// Safetensors bytes; `source` names them in errors.
    case bytes([UInt8], source: String)
    /// Tensors by name (`conv1.weight`, …); `source` names them in errors.
    case tensors([String: Tensor], source: String)
    /// He-uniform weights drawn from `seed` and zero biases: the start of a training run.
    case initial(seed: UInt64)
    /// All zeros.
    case zeros

    /// The file at `path`, or the bundled weights when `path` is nil (what `--weights` means).
    public init(path: String?) {
        self = path.map { .file(URL(fileURLWithPath: $0)) } ?? .bundled
    }

    /// The bundled LeNet's model file (`Resources/lenet.yaml`, beside `lenet.safetensors`), the
    /// network cnnviz runs when no model file is given; nil if the resource is missing.
    public static var bundledModelFile: URL? { Bundle.module.url(forResource: "lenet", withExtension: "yaml") }

    /// The named tensors to load, or nil for the generated sources (`initial`, `zeros`).
    func tensors() throws(WeightsError) -> (tensors: [String: Tensor], source: String)? {
        switch self {
        case .bundled:
            guard let url = Bundle.module.url(forResource: "lenet", withExtension: "safetensors") else {
                throw .unreadable(file: "lenet.safetensors", reason: "the bundled weights resource is missing from the build")
            }
            return (try SafeTensors.readWeights(contentsOf: url), url.path)
        case let .file(url):
            return (try SafeTensors.readWeights(contentsOf: url), url.path)
        case let .bytes(bytes, source):
            return (try SafeTensors.readWeights(bytes: bytes, source: source), source)
        case let .tensors(tensors, source):
            return (tensors, source)
        case .initial, .zeros:
            return nil
        }
    }
}
