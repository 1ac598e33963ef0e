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

    /// Number of learned values.
    public var parameterCount: Int {
        stages.reduce(0) { total, stage in
            total + (stage.conv.map { $0.weight.count + $0.bias.count } ?? 0)
                + (stage.dense.map { $0.weight.count + $0.bias.count } ?? 0)
        }
    }

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
                case let .maxPool2D(window, stride):
                    var y = [Float](repeating: 0, count: outCount)
                    Kernels.maxPool2D(
                        input: x, channels: shape[0], height: shape[1], width: shape[2],
                        window: window, stride: stride, output: &y, argmax: nil)
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
    /// He-uniform weights drawn from `seed` (conv and dense weights in stage order) and
    /// zero biases.
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

    /// Learned tensors in a fixed order with PyTorch-style names and shapes:
    /// `conv1.weight (8,1,5,5)`, `conv1.bias (8)`, …, `output.weight (10,84)`, `output.bias (10)`.
    public var namedParameters: [(name: String, shape: [Int], values: [Float])] {
        var out: [(String, [Int], [Float])] = []
        for stage in stages {
            if let c = stage.conv {
                out.append(("\(stage.name).weight", [c.filters, c.inChannels, c.kernel, c.kernel], c.weight))
                out.append(("\(stage.name).bias", [c.filters], c.bias))
            }
            if let d = stage.dense {
                out.append(("\(stage.name).weight", [d.outputs, d.inputs], d.weight))
                out.append(("\(stage.name).bias", [d.outputs], d.bias))
            }
        }
        return out
    }

    /// Replaces every learned tensor from `tensors` (by name), checking that each is present
    /// with the expected shape. `source` names the origin for error messages.
    public mutating func load(_ tensors: [String: Tensor], source: String) throws(WeightsError) {
        for (name, shape, _) in namedParameters {
            guard let t = tensors[name] else { throw .missingTensor(file: source, name: name) }
            guard t.shape == shape else {
                throw .shapeMismatch(file: source, name: name, expected: shape, found: t.shape)
            }
        }
        for s in stages.indices {
            let name = stages[s].name
            for o in stages[s].operations.indices {
                switch stages[s].operations[o] {
                case var .conv2D(c):
                    c.weight = tensors["\(name).weight"]!.data
                    c.bias = tensors["\(name).bias"]!.data
                    stages[s].operations[o] = .conv2D(c)
                case var .dense(d):
                    d.weight = tensors["\(name).weight"]!.data
                    d.bias = tensors["\(name).bias"]!.data
                    stages[s].operations[o] = .dense(d)
                default: break
                }
            }
        }
    }
}
