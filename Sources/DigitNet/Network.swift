import Support

/// A feed-forward network of named stages with an input normalisation, built from a model
/// description and its weights: `Network(.lenet, weights: .bundled)`.
public struct Network: Sendable, Equatable {
    /// What this network is: input, normalisation, layers and labels.
    public let architecture: Architecture
    /// The architecture's layers grouped into displayed stages, with their learned values.
    public private(set) var stages: [Stage]

    /// Builds the network `architecture` describes and fills in its learned values from
    /// `weights`, checking that every tensor is present with the expected shape. This is the
    /// only way to make a `Network`.
    public init(_ architecture: Architecture, weights: WeightsSource) throws(ModelError) {
        self.architecture = architecture
        self.stages = try architecture.stages()
        switch weights {
        case .zeros:
            break
        case let .initial(seed):
            initializeHeUniform(seed: seed)
        default:
            do throws(WeightsError) {
                if let (tensors, source) = try weights.tensors() { try load(tensors, source: source) }
            } catch {
                throw .weights(error)
            }
        }
    }

    /// Shape of one input image, `(1,28,28)` for MNIST.
    public var inputShape: [Int] { architecture.inputShape }
    /// How input values in [0,1] are mapped before the first stage.
    public var normalization: InputNormalization { architecture.normalization }
    /// One label per output class.
    public var labels: [String] { architecture.labels }

    /// Shapes after each stage, starting with the input: `[[1,28,28],[8,28,28],…,[10]]`.
    public var shapes: [[Int]] {
        var shapes = [inputShape]
        var shape = inputShape
        for stage in stages {
            for op in stage.operations { shape = op.outputShape(shape) }
            shapes.append(shape)
        }
        return shapes
    }

    /// Number of learned values (what PyTorch's `parameters()` counts: weights, biases that
    /// exist, batch-norm scales and shifts; not running statistics).
    public var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.values.count } }

    /// Index of the stage producing layer `id`.
    public func stageIndex(of id: LayerID) -> Int? { stages.firstIndex { $0.name == id } }

    /// `image` (values in [0,1], `inputShape`) as the first stage reads it: normalised.
    public func normalized(_ image: Tensor) -> Tensor {
        Tensor(shape: inputShape, data: normalization.applied(to: image.data))
    }

    /// The activation stage `s` reads in `trace`: the normalised input for the first stage,
    /// else the previous stage's output.
    public func input(ofStage s: Int, in trace: Trace) -> Tensor? {
        s == 0 ? trace.normalizedInput : trace[stages[s - 1].name]
    }

    /// Runs the network on one image of `inputShape` with values in [0,1], recording every
    /// stage's activation. Uses the optimized kernels.
    public func forward(_ image: Tensor) -> Trace {
        run(image, naive: false)
    }

    /// The same forward pass through the naive reference kernels (for tests).
    public func forwardReference(_ image: Tensor) -> Trace {
        run(image, naive: true)
    }

    private func run(_ image: Tensor, naive: Bool) -> Trace {
        precondition(image.count == inputShape.reduce(1, *), "input has \(image.count) values, network expects \(inputShape)")
        var activations = [Activation(name: .input, tensor: image.reshaped(inputShape))]
        activations.reserveCapacity(stages.count + 1)
        let normalizedInput = normalized(image)
        var x = normalizedInput.data
        var shape = inputShape
        var logits: [Float] = []
        for stage in stages {
            for op in stage.operations {
                let outShape = op.outputShape(shape)
                let outCount = outShape.reduce(1, *)
                switch op {
                case let .conv2D(c):
                    var y: [Float]
                    if naive {
                        y = [Float](repeating: 0, count: outCount)
                        Kernels.conv2DNaive(
                            input: x, channels: shape[0], height: shape[1], width: shape[2],
                            weight: c.weight, bias: c.bias, filters: c.filters, kernel: c.kernel,
                            stride: c.stride, padding: c.padding, output: &y)
                    } else {
                        let scratch = Swift.max(1, c.directScratchCount(height: shape[1], width: shape[2]))
                        y = x.withUnsafeBufferPointer { xp in
                            [Float](unsafeUninitializedCapacity: outCount) { yp, initialized in
                                withUnsafeTemporaryAllocation(of: Float.self, capacity: scratch) { sp in
                                    c.direct(
                                        input: xp.baseAddress!, height: shape[1], width: shape[2], output: yp.baseAddress!,
                                        scratch: sp.baseAddress!)
                                }
                                initialized = outCount
                            }
                        }
                    }
                    x = y
                case .relu:
                    x.withUnsafeMutableBufferPointer { Kernels.relu($0.baseAddress!, count: $0.count) }
                case .tanh:
                    x.withUnsafeMutableBufferPointer { LayerKernels.tanh($0.baseAddress!, count: $0.count) }
                case .sigmoid:
                    x.withUnsafeMutableBufferPointer { LayerKernels.sigmoid($0.baseAddress!, count: $0.count) }
                case .dropout:
                    break
                case let .batchNorm(b):
                    var y = [Float](repeating: 0, count: outCount)
                    LayerKernels.batchNorm(
                        input: x, channels: b.channels, spatial: outCount / b.channels, mean: b.runningMean,
                        variance: b.runningVar, weight: b.weight, bias: b.bias, eps: b.eps, output: &y)
                    x = y
                case let .maxPool2D(window, stride):
                    var y = [Float](repeating: 0, count: outCount)
                    Kernels.maxPool2D(
                        input: x, channels: shape[0], height: shape[1], width: shape[2],
                        window: window, stride: stride, output: &y, argmax: nil)
                    x = y
                case let .avgPool2D(window, stride):
                    var y = [Float](repeating: 0, count: outCount)
                    LayerKernels.avgPool2D(
                        input: x, channels: shape[0], height: shape[1], width: shape[2], window: window, stride: stride, output: &y)
                    x = y
                case .flatten:
                    break
                case let .dense(d):
                    var y = [Float](repeating: 0, count: outCount)
                    if naive {
                        Kernels.denseNaive(input: x, inputs: d.inputs, weight: d.weight, bias: d.bias, outputs: d.outputs, output: &y)
                    } else {
                        Kernels.dense(input: x, inputs: d.inputs, weight: d.weight, bias: d.bias, outputs: d.outputs, output: &y)
                    }
                    x = y
                case .softmax:
                    logits = x
                    var y = [Float](repeating: 0, count: outCount)
                    Kernels.softmax(x, count: x.count, output: &y)
                    x = y
                case .logSoftmax:
                    logits = x
                    var y = [Float](repeating: 0, count: outCount)
                    LayerKernels.logSoftmax(x, count: x.count, output: &y)
                    x = y
                }
                shape = outShape
            }
            activations.append(Activation(name: stage.name, tensor: Tensor(shape: shape, data: x)))
        }
        if logits.isEmpty { logits = x }
        return Trace(activations: activations, normalizedInput: normalizedInput, logits: logits)
    }
}

extension Network {
    /// He-uniform weights drawn from `seed` (conv and dense weights in stage order), zero
    /// biases, and batch norms as PyTorch starts them (scale 1, shift 0, running mean 0 and
    /// variance 1).
    private mutating func initializeHeUniform(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for (s, stage) in stages.enumerated() {
            for (o, op) in stage.operations.enumerated() {
                switch op {
                case var .conv2D(c):
                    let bound = (6 / Float(c.fanIn)).squareRoot()
                    c.weight = c.weight.map { _ in rng.nextFloat(in: -bound...bound) }
                    stages[s].operations[o] = .conv2D(c)
                case var .dense(d):
                    let bound = (6 / Float(d.inputs)).squareRoot()
                    d.weight = d.weight.map { _ in rng.nextFloat(in: -bound...bound) }
                    stages[s].operations[o] = .dense(d)
                default: break
                }
            }
        }
    }

    /// Learned tensors in a fixed order with PyTorch's names and shapes:
    /// `conv1.weight (8,1,5,5)`, `conv1.bias (8)`, …, `output.weight (10,84)`, `output.bias (10)`;
    /// a batch norm adds `NAME.weight (C)` and `NAME.bias (C)` where it stands; a layer made
    /// with `bias: false` has no bias tensor.
    public var namedParameters: [(name: String, shape: [Int], values: [Float])] {
        namedTensors(buffers: false)
    }

    /// Every tensor a PyTorch `state_dict` of this network holds except `num_batches_tracked`,
    /// in order: the learned ones and, after each batch norm's weight and bias, its
    /// `NAME.running_mean (C)` and `NAME.running_var (C)`.
    public var namedState: [(name: String, shape: [Int], values: [Float])] {
        namedTensors(buffers: true)
    }

    /// The batch norms of every stage, in order.
    public var batchNorms: [BatchNorm] { stages.flatMap(\.batchNorms) }

    private func namedTensors(buffers: Bool) -> [(name: String, shape: [Int], values: [Float])] {
        var out: [(String, [Int], [Float])] = []
        for stage in stages {
            for op in stage.operations {
                switch op {
                case let .conv2D(c):
                    out.append(("\(stage.name).weight", [c.filters, c.inChannels, c.kernel, c.kernel], c.weight))
                    if c.hasBias { out.append(("\(stage.name).bias", [c.filters], c.bias)) }
                case let .dense(d):
                    out.append(("\(stage.name).weight", [d.outputs, d.inputs], d.weight))
                    if d.hasBias { out.append(("\(stage.name).bias", [d.outputs], d.bias)) }
                case let .batchNorm(b):
                    out.append(("\(b.name).weight", [b.channels], b.weight))
                    out.append(("\(b.name).bias", [b.channels], b.bias))
                    if buffers {
                        out.append(("\(b.name).running_mean", [b.channels], b.runningMean))
                        out.append(("\(b.name).running_var", [b.channels], b.runningVar))
                    }
                default: break
                }
            }
        }
        return out
    }

    /// Replaces every learned tensor and running statistic from `tensors` (by name), checking
    /// that each is present with the expected shape. Other tensors are ignored (e.g.
    /// `num_batches_tracked`). `source` names the origin for error messages.
    public mutating func load(_ tensors: [String: Tensor], source: String) throws(WeightsError) {
        for (name, shape, _) in namedState {
            guard let t = tensors[name] else { throw .missingTensor(file: source, name: name) }
            guard t.shape == shape else {
                throw .shapeMismatch(file: source, name: name, expected: shape, found: t.shape)
            }
        }
        for (name, _, _) in namedState where name.hasSuffix(".running_var") {
            if let bad = tensors[name]!.data.firstIndex(where: { $0 < 0 }) {
                throw .corrupt(file: source, reason: "tensor '\(name)' holds a negative variance (element \(bad))")
            }
        }
        func values(_ name: String) -> [Float] { tensors[name]!.data }
        for s in stages.indices {
            let name = stages[s].name
            for o in stages[s].operations.indices {
                switch stages[s].operations[o] {
                case var .conv2D(c):
                    c.weight = values("\(name).weight")
                    if c.hasBias { c.bias = values("\(name).bias") }
                    stages[s].operations[o] = .conv2D(c)
                case var .dense(d):
                    d.weight = values("\(name).weight")
                    if d.hasBias { d.bias = values("\(name).bias") }
                    stages[s].operations[o] = .dense(d)
                case var .batchNorm(b):
                    b.weight = values("\(b.name).weight")
                    b.bias = values("\(b.name).bias")
                    b.runningMean = values("\(b.name).running_mean")
                    b.runningVar = values("\(b.name).running_var")
                    stages[s].operations[o] = .batchNorm(b)
                default: break
                }
            }
        }
    }
}
