import DigitNet

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
                    steps.append(
                        .conv(
                            c: shape[0], h: shape[1], w: shape[2], f: c.filters, k: c.kernel,
                            stride: c.stride, padding: c.padding, ho: out[1], wo: out[2],
                            weight: offset, bias: offset + c.weight.count, relu: reluFollows))
                    offset += c.weight.count + c.bias.count
                case let .maxPool2D(window, stride):
                    guard !sawDense else { throw .unsupportedNetwork("pooling after a dense layer") }
                    let out = op.outputShape(shape)
                    steps.append(.pool(c: shape[0], h: shape[1], w: shape[2], window: window, stride: stride, ho: out[1], wo: out[2]))
                case let .dense(d):
                    sawDense = true
                    steps.append(
                        .dense(
                            inputs: d.inputs, outputs: d.outputs, weight: offset,
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
