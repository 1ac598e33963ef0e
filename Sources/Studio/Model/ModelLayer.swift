import DigitNet

/// One layer as a model file writes it: every type of the model-file contract, including
/// those cnnviz's engine does not run yet (``isSupported``). ``ModelFile/architecture()``
/// turns the supported ones into DigitNet's `LayerSpec`.
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

    /// DigitNet's layer, or nil when the engine does not run this layer yet (the reason in
    /// ``unsupportedReason``).
    public var layerSpec: LayerSpec? {
        switch self {
        case let .conv2d(name, filters, kernel, stride, padding, bias):
            guard bias else { return nil }
            return .conv2d(name: name.map { LayerID($0) }, filters: filters, kernel: kernel, stride: stride, padding: padding)
        case let .maxpool2d(name, kernel, stride):
            return .maxpool2d(name: name.map { LayerID($0) }, kernel: kernel, stride: stride)
        case let .linear(name, units, bias):
            guard bias else { return nil }
            return .linear(name: name.map { LayerID($0) }, units: units)
        case .relu: return .relu
        case .flatten: return .flatten
        case .softmax: return .softmax
        case .avgpool2d, .batchnorm2d, .batchnorm1d, .tanh, .sigmoid, .dropout, .logSoftmax: return nil
        }
    }

    /// What the engine cannot run yet, e.g. `avgpool2d` or `conv2d without bias`.
    public var unsupportedFeature: String {
        switch self {
        case .conv2d, .linear: "\(typeName) with bias: false"
        default: typeName
        }
    }
}
