/// One operation of a network stage.
public enum Operation: Sendable, Equatable {
    case conv2D(Conv2D)
    case relu
    case tanh
    case sigmoid
    case maxPool2D(window: Int, stride: Int)
    case avgPool2D(window: Int, stride: Int)
    case batchNorm(BatchNorm)
    /// Identity at inference; the trainer zeroes values with probability `p`.
    case dropout(p: Float)
    case flatten
    case dense(Dense)
    case softmax
    case logSoftmax

    /// Shape produced from an input shape.
    public func outputShape(_ input: [Int]) -> [Int] {
        switch self {
        case let .conv2D(c): return c.outputShape(input)
        case .relu, .tanh, .sigmoid, .batchNorm, .dropout, .softmax, .logSoftmax: return input
        case let .maxPool2D(window, stride), let .avgPool2D(window, stride):
            return [
                input[0],
                Kernels.outputSize(input[1], kernel: window, stride: stride, padding: 0),
                Kernels.outputSize(input[2], kernel: window, stride: stride, padding: 0),
            ]
        case .flatten: return [input.reduce(1, *)]
        case let .dense(d): return [d.outputs]
        }
    }

    /// Short human description, e.g. `conv 5×5`, `max-pool 2×2`, `batch norm`.
    public var caption: String {
        switch self {
        case let .conv2D(c): return "conv \(c.kernel)×\(c.kernel)"
        case .relu: return "ReLU"
        case .tanh: return "tanh"
        case .sigmoid: return "sigmoid"
        case let .maxPool2D(window, _): return "max-pool \(window)×\(window)"
        case let .avgPool2D(window, _): return "avg-pool \(window)×\(window)"
        case .batchNorm: return "batch norm"
        case .dropout: return "dropout"
        case .flatten: return "flatten"
        case .dense: return "dense"
        case .softmax: return "softmax"
        case .logSoftmax: return "log-softmax"
        }
    }

    /// True for operations that change nothing at inference (dropout).
    public var isInferenceIdentity: Bool {
        if case .dropout = self { return true }
        return false
    }
}
