import DigitNet

/// One step of a network flattened for the trainer, reading the previous step's output (the
/// input images for the first) for every sample of a sub-batch, laid out `(n, inputCount)`.
/// Convolutions and pooling run one sample at a time, dense layers on the whole sub-batch,
/// element-wise steps on everything at once. Parameter offsets index the flat vector in
/// `namedParameters` order; `running` indexes the batch norms' running statistics.
enum PlanStep: Sendable {
    /// input (C,H,W) → output (F,H',W'); weights `(F, C·K·K)` at `weight`, biases at `bias`
    /// (nil without bias).
    case conv(Conv)
    /// input (C,H,W) → output (C,H',W'), the largest value of each window.
    case maxPool(Pool)
    /// input (C,H,W) → output (C,H',W'), the mean of each window.
    case avgPool(Pool)
    /// input (In) → output (Out); weights `(Out,In)` at `weight`, biases at `bias` (nil without).
    case dense(Linear)
    /// input (C, spatial) → same shape, normalised with the batch's statistics per channel.
    case batchNorm(Norm)
    /// Element-wise max(x, 0) over `count` values per sample.
    case relu(count: Int)
    /// Element-wise tanh over `count` values per sample.
    case tanh(count: Int)
    /// Element-wise logistic sigmoid over `count` values per sample.
    case sigmoid(count: Int)
    /// Zeroes each of `count` values per sample with probability `p`, scaling the rest by
    /// 1/(1−p); the mask is drawn from the sample's key.
    case dropout(p: Float, count: Int)

    struct Conv: Sendable {
        var c, h, w, f, k, stride, padding, ho, wo: Int
        var weight: Int
        var bias: Int?
        /// Floats of one sample's im2col columns, `(C·K·K, H'·W')`.
        var columnCount: Int { c * k * k * ho * wo }
    }

    struct Pool: Sendable {
        var c, h, w, window, stride, ho, wo: Int
    }

    struct Linear: Sendable {
        var inputs, outputs: Int
        var weight: Int
        var bias: Int?
    }

    struct Norm: Sendable {
        var channels: Int
        /// Values per channel in one sample: H·W for feature maps, 1 for vectors.
        var spatial: Int
        var weight: Int
        var bias: Int
        var eps: Float
        var momentum: Float
        /// Offset of the running mean `(C)`; the running variance `(C)` follows it.
        var running: Int
    }

    var inputCount: Int {
        switch self {
        case let .conv(s): return s.c * s.h * s.w
        case let .maxPool(s), let .avgPool(s): return s.c * s.h * s.w
        case let .dense(s): return s.inputs
        case let .batchNorm(s): return s.channels * s.spatial
        case let .relu(n), let .tanh(n), let .sigmoid(n), let .dropout(_, n): return n
        }
    }

    var outputCount: Int {
        switch self {
        case let .conv(s): return s.f * s.ho * s.wo
        case let .maxPool(s), let .avgPool(s): return s.c * s.ho * s.wo
        case let .dense(s): return s.outputs
        case .batchNorm, .relu, .tanh, .sigmoid, .dropout: return inputCount
        }
    }
}
