import DigitNet

/// The network compiled into steps over one flat parameter vector (in `namedParameters`
/// order) and one vector of running statistics (each batch norm's mean then variance, in
/// `batchNorms` order). `flatten` needs no step (the layout is already flat); `softmax` and
/// `log_softmax` become the loss.
struct TrainingPlan: Sendable {
    var steps: [PlanStep]
    var parameterCount: Int
    var runningCount: Int
    var inputCount: Int
    var classes: Int

    init(_ network: Network) throws(TrainingError) {
        var steps: [PlanStep] = []
        var offset = 0
        var running = 0
        var shape = network.inputShape
        for stage in network.stages {
            for op in stage.operations {
                let count = shape.reduce(1, *)
                let out = op.outputShape(shape)
                switch op {
                case let .conv2D(c):
                    let bias = c.hasBias ? offset + c.weight.count : nil
                    steps.append(
                        .conv(
                            .init(
                                c: shape[0], h: shape[1], w: shape[2], f: c.filters, k: c.kernel, stride: c.stride,
                                padding: c.padding, ho: out[1], wo: out[2], weight: offset, bias: bias)))
                    offset += c.weight.count + (c.hasBias ? c.bias.count : 0)
                case let .maxPool2D(window, stride):
                    steps.append(
                        .maxPool(.init(c: shape[0], h: shape[1], w: shape[2], window: window, stride: stride, ho: out[1], wo: out[2])))
                case let .avgPool2D(window, stride):
                    steps.append(
                        .avgPool(.init(c: shape[0], h: shape[1], w: shape[2], window: window, stride: stride, ho: out[1], wo: out[2])))
                case let .dense(d):
                    let bias = d.hasBias ? offset + d.weight.count : nil
                    steps.append(.dense(.init(inputs: d.inputs, outputs: d.outputs, weight: offset, bias: bias)))
                    offset += d.weight.count + (d.hasBias ? d.bias.count : 0)
                case let .batchNorm(b):
                    steps.append(
                        .batchNorm(
                            .init(
                                channels: b.channels, spatial: count / b.channels, weight: offset, bias: offset + b.channels,
                                eps: b.eps, momentum: b.momentum, running: running)))
                    offset += 2 * b.channels
                    running += 2 * b.channels
                case .relu: steps.append(.relu(count: count))
                case .tanh: steps.append(.tanh(count: count))
                case .sigmoid: steps.append(.sigmoid(count: count))
                case let .dropout(p): if p > 0 { steps.append(.dropout(p: p, count: count)) }
                case .flatten, .softmax, .logSoftmax: break
                }
                shape = out
            }
        }
        guard !steps.isEmpty else { throw .unsupportedNetwork("the network has no layer to train") }
        guard offset == network.parameterCount else { throw .unsupportedNetwork("parameter layout mismatch") }
        self.steps = steps
        self.parameterCount = offset
        self.runningCount = running
        self.inputCount = network.inputShape.reduce(1, *)
        self.classes = steps[steps.count - 1].outputCount
    }

    /// Floats of one sample's widest step input or output.
    var widest: Int { steps.map { Swift.max($0.inputCount, $0.outputCount) }.max() ?? 1 }

    /// Channels of the widest batch norm (0 without any).
    var widestNorm: Int {
        steps.map { if case let .batchNorm(n) = $0 { return n.channels } else { return 0 } }.max() ?? 0
    }
}
