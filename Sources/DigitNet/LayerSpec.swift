/// One layer of a model description, in order and with PyTorch's meaning (the vocabulary of
/// model files: `conv2d`, `maxpool2d`, `linear`, `relu`, `flatten`, `softmax`).
///
/// A `name` of nil is filled in from the layer's type and order (`conv1`, `pool1`, `fc1`, …).
public enum LayerSpec: Sendable, Equatable {
    /// Convolution: input (C,H,W) → (filters,H',W'), weights `NAME.weight (filters,C,kernel,kernel)`
    /// and `NAME.bias (filters)`.
    case conv2d(name: LayerID? = nil, filters: Int, kernel: Int, stride: Int = 1, padding: Int = 0)
    /// Max pooling with a square window: (C,H,W) → (C,H',W'); `stride` nil means `kernel`.
    case maxpool2d(name: LayerID? = nil, kernel: Int, stride: Int? = nil)
    /// Fully connected: (In) → (units), weights `NAME.weight (units,In)` and `NAME.bias (units)`.
    case linear(name: LayerID? = nil, units: Int)
    /// max(x, 0), folded into the stage it follows.
    case relu
    /// (C,H,W) → (C·H·W), folded into the stage that follows it.
    case flatten
    /// Probabilities from the last layer's scores, folded into the last stage.
    case softmax

    /// The word a model file uses for this layer type.
    public var typeName: String {
        switch self {
        case .conv2d: return "conv2d"
        case .maxpool2d: return "maxpool2d"
        case .linear: return "linear"
        case .relu: return "relu"
        case .flatten: return "flatten"
        case .softmax: return "softmax"
        }
    }
}
