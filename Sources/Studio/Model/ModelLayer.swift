import DigitNet

/// One layer as a model file writes it: every type of the model-file contract.
/// ``ModelFile/architecture()`` turns them into DigitNet's `LayerSpec`.
public enum ModelLayer: Sendable, Equatable {
    case conv2d(name: String?, filters: Int, kernel: Int, stride: Int, padding: Int, bias: Bool)
    case maxpool2d(name: String?, kernel: Int, stride: Int?)
    case avgpool2d(name: String?, kernel: Int, stride: Int?)
    case batchnorm2d(name: String?, eps: Double, momentum: Double)
    case batchnorm1d(name: String?, eps: Double, momentum: Double)
    case linear(name: String?, units: Int, bias: Bool)
    case relu(name: String?)
    case tanh(name: String?)
    case sigmoid(name: String?)
    case flatten(name: String?)
    case dropout(name: String?, p: Double)
    case softmax(name: String?)
    case logSoftmax(name: String?)

    /// Every word a model file may use for a layer type.
    public static let typeNames = [
        "conv2d", "maxpool2d", "avgpool2d", "batchnorm2d", "batchnorm1d", "linear", "relu", "tanh", "sigmoid",
        "flatten", "dropout", "softmax", "log_softmax",
    ]

    /// The word the model file used.
    public var typeName: String {
        switch self {
        case .conv2d: "conv2d"
        case .maxpool2d: "maxpool2d"
        case .avgpool2d: "avgpool2d"
        case .batchnorm2d: "batchnorm2d"
        case .batchnorm1d: "batchnorm1d"
        case .linear: "linear"
        case .relu: "relu"
        case .tanh: "tanh"
        case .sigmoid: "sigmoid"
        case .flatten: "flatten"
        case .dropout: "dropout"
        case .softmax: "softmax"
        case .logSoftmax: "log_softmax"
        }
    }

    /// DigitNet's layer (names become `LayerID`s; parameterless layers drop theirs, since
    /// they fold into the stage they follow).
    public var layerSpec: LayerSpec {
        func id(_ name: String?) -> LayerID? { name.map { LayerID($0) } }
        switch self {
        case let .conv2d(name, filters, kernel, stride, padding, bias):
            return .conv2d(name: id(name), filters: filters, kernel: kernel, stride: stride, padding: padding, bias: bias)
        case let .maxpool2d(name, kernel, stride): return .maxpool2d(name: id(name), kernel: kernel, stride: stride)
        case let .avgpool2d(name, kernel, stride): return .avgpool2d(name: id(name), kernel: kernel, stride: stride)
        case let .batchnorm2d(name, eps, momentum): return .batchnorm2d(name: id(name), eps: Float(eps), momentum: Float(momentum))
        case let .batchnorm1d(name, eps, momentum): return .batchnorm1d(name: id(name), eps: Float(eps), momentum: Float(momentum))
        case let .linear(name, units, bias): return .linear(name: id(name), units: units, bias: bias)
        case .relu: return .relu
        case .tanh: return .tanh
        case .sigmoid: return .sigmoid
        case .flatten: return .flatten
        case let .dropout(_, p): return .dropout(p: Float(p))
        case .softmax: return .softmax
        case .logSoftmax: return .logSoftmax
        }
    }
}
