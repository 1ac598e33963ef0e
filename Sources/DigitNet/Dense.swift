/// A fully connected layer with weights `(Out,In)` and biases `(Out)` (all zero, and not a
/// learned tensor, when `hasBias` is false).
public struct Dense: Sendable, Equatable {
    public var inputs: Int
    public var outputs: Int
    /// Whether `bias` is learned (PyTorch's `bias=True`); when false it stays zero.
    public var hasBias: Bool
    /// `(Out,In)` row-major.
    public var weight: [Float]
    /// `(Out)`.
    public var bias: [Float]

    public init(inputs: Int, outputs: Int, hasBias: Bool = true, weight: [Float]? = nil, bias: [Float]? = nil) {
        self.hasBias = hasBias
        self.inputs = inputs
        self.outputs = outputs
        self.weight = weight ?? [Float](repeating: 0, count: inputs * outputs)
        self.bias = bias ?? [Float](repeating: 0, count: outputs)
        precondition(self.weight.count == inputs * outputs && self.bias.count == outputs)
    }
}
