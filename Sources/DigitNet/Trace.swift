/// Every layer's activations for one input, in data-flow order.
///
/// `input` is the image in [0,1] as it was given (what pictures show); `normalizedInput` is
/// the same image after the network's `InputNormalization` (what the first stage read);
/// the last activation holds what the last layer computes (probabilities after `softmax`,
/// log-probabilities after `log_softmax`, scores otherwise); `logits` the values before any
/// softmax, and ``probabilities`` always their softmax.
public struct Trace: Sendable, Equatable {
    public var activations: [Activation]
    /// The input after normalisation, shaped like the input.
    public var normalizedInput: Tensor
    /// Pre-softmax scores of the last layer.
    public var logits: [Float]

    public init(activations: [Activation], normalizedInput: Tensor, logits: [Float]) {
        self.activations = activations
        self.normalizedInput = normalizedInput
        self.logits = logits
    }

    /// The activation of layer `id`, if recorded.
    public subscript(id: LayerID) -> Tensor? {
        activations.first { $0.name == id }?.tensor
    }

    /// Layers in data-flow order.
    public var names: [LayerID] { activations.map(\.name) }

    /// The class probabilities: the softmax of ``logits`` (the last activation itself after
    /// a `softmax` layer, computed the same way).
    public var probabilities: [Float] {
        var p = [Float](repeating: 0, count: logits.count)
        Kernels.softmax(logits, count: logits.count, output: &p)
        return p
    }

    /// The predicted class.
    public var prediction: Int { activations.last?.tensor.argmax ?? 0 }

    /// The two most probable classes, best first, with their probabilities.
    public var top2: [(digit: Int, probability: Float)] {
        let ranked = probabilities.enumerated().sorted { $0.element > $1.element || ($0.element == $1.element && $0.offset < $1.offset) }
        return ranked.prefix(2).map { ($0.offset, $0.element) }
    }
}
