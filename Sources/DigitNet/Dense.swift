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
