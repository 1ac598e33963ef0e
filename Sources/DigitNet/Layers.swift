/// A 2-D convolution with learned weights `(F,C,K,K)` and biases `(F)`.
public struct Conv2D: Sendable, Equatable {
    public var inChannels: Int
    public var filters: Int
    public var kernel: Int
    public var stride: Int
    public var padding: Int
    /// `(F,C,K,K)` row-major.
    public var weight: [Float]
    /// `(F)`.
    public var bias: [Float]

    public init(inChannels: Int, filters: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                weight: [Float]? = nil, bias: [Float]? = nil) {
        self.inChannels = inChannels
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.weight = weight ?? [Float](repeating: 0, count: filters * inChannels * kernel * kernel)
        self.bias = bias ?? [Float](repeating: 0, count: filters)
        precondition(self.weight.count == filters * inChannels * kernel * kernel && self.bias.count == filters)
    }

    /// Output shape for an input `(C,H,W)`.
    public func outputShape(_ input: [Int]) -> [Int] {
        [filters,
         Kernels.outputSize(input[1], kernel: kernel, stride: stride, padding: padding),
         Kernels.outputSize(input[2], kernel: kernel, stride: stride, padding: padding)]
    }

    /// Fan-in of one output unit (`C·K·K`).
    public var fanIn: Int { inChannels * kernel * kernel }
}

/// A fully connected layer with weights `(Out,In)` and biases `(Out)`.
public struct Dense: Sendable, Equatable {
    public var inputs: Int
    public var outputs: Int
    /// `(Out,In)` row-major.
    public var weight: [Float]
    /// `(Out)`.
    public var bias: [Float]

    public init(inputs: Int, outputs: Int, weight: [Float]? = nil, bias: [Float]? = nil) {
        self.inputs = inputs
        self.outputs = outputs
        self.weight = weight ?? [Float](repeating: 0, count: inputs * outputs)
        self.bias = bias ?? [Float](repeating: 0, count: outputs)
        precondition(self.weight.count == inputs * outputs && self.bias.count == outputs)
    }
}

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
            return [input[0],
                    Kernels.outputSize(input[1], kernel: window, stride: stride, padding: 0),
                    Kernels.outputSize(input[2], kernel: window, stride: stride, padding: 0)]
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

/// A named group of operations whose result is one recorded activation (e.g. `conv1` is
/// convolution + ReLU).
public struct Stage: Sendable, Equatable {
    /// Layer name used in traces, weights and scenes (`conv1`, `pool1`, …, `output`).
    public var name: String
    public var operations: [Operation]

    public init(name: String, operations: [Operation]) {
        self.name = name
        self.operations = operations
    }

    /// The operations joined for a label: `conv 5×5 · ReLU`.
    public var caption: String { operations.map(\.caption).joined(separator: " · ") }

    /// The stage's convolution, if any.
    public var conv: Conv2D? {
        for case let .conv2D(c) in operations { return c }
        return nil
    }

    /// The stage's dense layer, if any.
    public var dense: Dense? {
        for case let .dense(d) in operations { return d }
        return nil
    }
}
