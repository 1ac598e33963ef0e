import DigitNet

/// One trainable step of a network, flattened for the trainer. Spatial steps (convolution,
/// pooling) run per sample; dense steps run on the whole sub-batch at once.
enum PlanStep {
    /// input (C,H,W) → output (F,H',W'); weights `(F, C·K·K)` at `weight`, biases at `bias`.
    case conv(c: Int, h: Int, w: Int, f: Int, k: Int, stride: Int, padding: Int, ho: Int, wo: Int,
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

/// Errors about networks the trainer cannot handle.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedNetwork(String)
    case emptyData(String)

    public var description: String {
        switch self {
        case let .unsupportedNetwork(r): return "cannot train this network: \(r)"
        case let .emptyData(r): return "no training data: \(r)"
        }
    }
}

/// The network compiled into steps over one flat parameter vector (in `namedParameters` order).
struct TrainingPlan {
    var steps: [PlanStep]
    var parameterCount: Int
    var inputCount: Int
    var classes: Int

    init(_ network: Network) throws(TrainingError) {
        var steps: [PlanStep] = []
        var offset = 0
        var shape = network.inputShape
        var sawDense = false
        for stage in network.stages {
            let ops = stage.operations
            for (i, op) in ops.enumerated() {
                let reluFollows = i + 1 < ops.count && ops[i + 1] == .relu
                switch op {
                case let .conv2D(c):
                    guard !sawDense else { throw .unsupportedNetwork("convolution after a dense layer") }
                    let out = c.outputShape(shape)
                    steps.append(.conv(c: shape[0], h: shape[1], w: shape[2], f: c.filters, k: c.kernel,
                                       stride: c.stride, padding: c.padding, ho: out[1], wo: out[2],
                                       weight: offset, bias: offset + c.weight.count, relu: reluFollows))
                    offset += c.weight.count + c.bias.count
                case let .maxPool2D(window, stride):
                    guard !sawDense else { throw .unsupportedNetwork("pooling after a dense layer") }
                    let out = op.outputShape(shape)
                    steps.append(.pool(c: shape[0], h: shape[1], w: shape[2], window: window, stride: stride, ho: out[1], wo: out[2]))
                case let .dense(d):
                    sawDense = true
                    steps.append(.dense(inputs: d.inputs, outputs: d.outputs, weight: offset,
                                        bias: offset + d.weight.count, relu: reluFollows))
                    offset += d.weight.count + d.bias.count
                case .relu, .flatten, .softmax:
                    break
                }
                shape = op.outputShape(shape)
            }
        }
        guard case let .dense(_, classes, _, _, relu)? = steps.last, !relu else {
            throw .unsupportedNetwork("the last layer must be dense without ReLU (softmax cross-entropy follows)")
        }
        guard offset == network.parameterCount else { throw .unsupportedNetwork("parameter layout mismatch") }
        self.steps = steps
        self.parameterCount = offset
        self.inputCount = network.inputShape.reduce(1, *)
        self.classes = classes
    }

    /// Index of the first dense step.
    var firstDense: Int { steps.firstIndex { !$0.isSpatial } ?? steps.count }
}

extension Network {
    /// All learned values concatenated in `namedParameters` order.
    public var flatParameters: [Float] { namedParameters.flatMap(\.values) }

    /// A copy with learned values taken from a flat vector in `namedParameters` order.
    public func withFlatParameters(_ flat: [Float]) -> Network {
        var tensors: [String: Tensor] = [:]
        var offset = 0
        for (name, shape, values) in namedParameters {
            tensors[name] = Tensor(shape: shape, data: Array(flat[offset..<(offset + values.count)]))
            offset += values.count
        }
        var copy = self
        // Names and shapes come from `self`, so loading cannot fail.
        try? copy.load(tensors, source: "flat parameters")
        return copy
    }
}
