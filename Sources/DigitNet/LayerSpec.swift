/// One layer of a model description, in order and with PyTorch's meaning (the vocabulary of
/// model files: `conv2d`, `maxpool2d`, `avgpool2d`, `batchnorm2d`, `batchnorm1d`, `linear`,
/// `relu`, `tanh`, `sigmoid`, `flatten`, `dropout`, `softmax`, `log_softmax`).
///
/// A `name` of nil is filled in from the layer's type and order (`conv1`, `pool1`, `fc1`,
/// `bn1`, …).
public enum LayerSpec: Sendable, Equatable {
    /// Convolution: input (C,H,W) → (filters,H',W'), weights `NAME.weight (filters,C,kernel,kernel)`
    /// and, when `bias`, `NAME.bias (filters)`.
    case conv2d(name: LayerID? = nil, filters: Int, kernel: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true)
    /// Max pooling with a square window: (C,H,W) → (C,H',W'); `stride` nil means `kernel`.
    case maxpool2d(name: LayerID? = nil, kernel: Int, stride: Int? = nil)
    /// Average pooling with a square window (no padding): (C,H,W) → (C,H',W'); `stride` nil
    /// means `kernel`.
    case avgpool2d(name: LayerID? = nil, kernel: Int, stride: Int? = nil)
    /// Batch normalisation of feature maps (C,H,W) per channel, folded into the stage it
    /// follows; tensors `NAME.weight`, `NAME.bias`, `NAME.running_mean`, `NAME.running_var` (C).
    case batchnorm2d(name: LayerID? = nil, eps: Float = 1e-5, momentum: Float = 0.1)
    /// Batch normalisation of a vector (N) per element, folded into the stage it follows.
    case batchnorm1d(name: LayerID? = nil, eps: Float = 1e-5, momentum: Float = 0.1)
    /// Fully connected: (In) → (units), weights `NAME.weight (units,In)` and, when `bias`,
    /// `NAME.bias (units)`.
    case linear(name: LayerID? = nil, units: Int, bias: Bool = true)
    /// max(x, 0), folded into the stage it follows.
    case relu
    /// tanh(x), folded into the stage it follows.
    case tanh
    /// 1 / (1 + e^−x), folded into the stage it follows.
    case sigmoid
    /// (C,H,W) → (C·H·W), folded into the stage that follows it.
    case flatten
    /// Zeroes each value with probability `p` while training (scaling the rest by 1/(1−p));
    /// the identity at inference. Folded into the stage it follows.
    case dropout(p: Float = 0.5)
    /// Probabilities from the last layer's scores, folded into the last stage.
    case softmax
    /// The logarithm of the probabilities, folded into the last stage.
    case logSoftmax

    /// The word a model file uses for this layer type.
    public var typeName: String {
        switch self {
        case .conv2d: return "conv2d"
        case .maxpool2d: return "maxpool2d"
        case .avgpool2d: return "avgpool2d"
        case .batchnorm2d: return "batchnorm2d"
        case .batchnorm1d: return "batchnorm1d"
        case .linear: return "linear"
        case .relu: return "relu"
        case .tanh: return "tanh"
        case .sigmoid: return "sigmoid"
        case .flatten: return "flatten"
        case .dropout: return "dropout"
        case .softmax: return "softmax"
        case .logSoftmax: return "log_softmax"
        }
    }
}
