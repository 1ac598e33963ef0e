/// One named activation recorded during a forward pass.
public struct Activation: Sendable, Equatable {
    /// Stage name: `input`, `conv1`, `pool1`, `conv2`, `pool2`, `fc1`, `fc2`, `output`.
    public var name: String
    /// The values, `(C,H,W)` for maps and `(N)` for vectors.
    public var tensor: Tensor
}

/// Every layer's activations for one input, in data-flow order.
///
/// `input` is the image in [0,1] as the network saw it before normalisation; `output` holds
/// the ten softmax probabilities; `logits` the values before softmax.
public struct Trace: Sendable, Equatable {
    public var activations: [Activation]
    /// Pre-softmax scores of the last layer.
    public var logits: [Float]

    public init(activations: [Activation], logits: [Float]) {
        self.activations = activations
        self.logits = logits
    }

    /// The activation named `name`, if recorded.
    public subscript(name: String) -> Tensor? {
        activations.first { $0.name == name }?.tensor
    }

    /// Names in data-flow order.
    public var names: [String] { activations.map(\.name) }

    /// The ten class probabilities (the last activation).
    public var probabilities: [Float] { activations.last?.tensor.data ?? [] }

    /// The predicted class.
    public var prediction: Int { activations.last?.tensor.argmax ?? 0 }

    /// The two most probable classes, best first, with their probabilities.
    public var top2: [(digit: Int, probability: Float)] {
        let ranked = probabilities.enumerated().sorted { $0.element > $1.element || ($0.element == $1.element && $0.offset < $1.offset) }
        return ranked.prefix(2).map { ($0.offset, $0.element) }
    }
}
