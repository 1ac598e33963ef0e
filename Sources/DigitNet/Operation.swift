/// One operation of a network stage.
public enum Operation: Sendable, Equatable {
    case conv2D(Conv2D)
    case relu
    case maxPool2D(window: Int, stride: Int)
    case flatten
    case dense(Dense)
    case softmax

    /// Shape produced from an input shape.
    public func outputShape(_ input: [Int]) -> [Int] {
        switch self {
        case let .conv2D(c): return c.outputShape(input)
        case .relu, .softmax: return input
        case let .maxPool2D(window, stride):
            return [
                input[0],
                Kernels.outputSize(input[1], kernel: window, stride: stride, padding: 0),
                Kernels.outputSize(input[2], kernel: window, stride: stride, padding: 0),
            ]
        case .flatten: return [input.reduce(1, *)]
        case let .dense(d): return [d.outputs]
        }
    }

    /// Short human description, e.g. `conv 5×5`, `max-pool 2×2`.
    public var caption: String {
        switch self {
        case let .conv2D(c): return "conv \(c.kernel)×\(c.kernel)"
        case .relu: return "ReLU"
        case let .maxPool2D(window, _): return "max-pool \(window)×\(window)"
        case .flatten: return "flatten"
        case .dense: return "dense"
        case .softmax: return "softmax"
        }
    }
}
