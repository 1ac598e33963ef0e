import DigitNet

/// One trainable step of a network, flattened for the trainer. Spatial steps (convolution,
/// pooling) run per sample; dense steps run on the whole sub-batch at once.
enum PlanStep {
    /// input (C,H,W) → output (F,H',W'); weights `(F, C·K·K)` at `weight`, biases at `bias`.
    case conv(
        c: Int, h: Int, w: Int, f: Int, k: Int, stride: Int, padding: Int, ho: Int, wo: Int,
        weight: Int, bias: Int, relu: Bool)
    /// input (C,H,W) → output (C,H',W').
    case pool(c: Int, h: Int, w: Int, window: Int, stride: Int, ho: Int, wo: Int)
    /// input (In) → output (Out); weights `(Out,In)` at `weight`.
    case dense(inputs: Int, outputs: Int, weight: Int, bias: Int, relu: Bool)

    var inputCount: Int {
        switch self {
        case let .conv(c, h, w, _, _, _, _, _, _, _, _, _): return c * h * w
        case let .pool(c, h, w, _, _, _, _): return c * h * w
        case let .dense(i, _, _, _, _): return i
        }
    }

    var outputCount: Int {
        switch self {
        case let .conv(_, _, _, f, _, _, _, ho, wo, _, _, _): return f * ho * wo
        case let .pool(c, _, _, _, _, ho, wo): return c * ho * wo
        case let .dense(_, o, _, _, _): return o
        }
    }

    var isSpatial: Bool {
        if case .dense = self { return false }
        return true
    }
}
