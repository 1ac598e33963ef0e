import Support

/// A model description: everything about a network except its learned values (the input
/// shape and normalisation, the layers in order with their parameters, the class labels).
/// `Network(_:weights:)` builds a network from one and its weights; it is the only way to
/// make a `Network`. Model files (the own-network issue) decode into this value.
public struct Architecture: Sendable, Equatable {
    /// The model's name, for titles and error messages.
    public var name: String
    /// One input image, `(channels, height, width)`.
    public var inputShape: [Int]
    /// Applied to input values in [0,1] before the first layer.
    public var normalization: InputNormalization
    /// One label per output, in order.
    public var labels: [String]
    /// The layers in data-flow order.
    public var layers: [LayerSpec]

    public init(
        name: String, inputShape: [Int], normalization: InputNormalization = .identity,
        labels: [String] = Architecture.digitLabels, layers: [LayerSpec]
    ) {
        self.name = name
        self.inputShape = inputShape
        self.normalization = normalization
        self.labels = labels
        self.layers = layers
    }

    /// The ten digits, `"0"` … `"9"`.
    public static let digitLabels = (0...9).map(String.init)

    /// The LeNet-style network cnnviz ships: conv1 8@5×5 pad 2 · ReLU → pool 2×2 →
    /// conv2 16@5×5 · ReLU → pool 2×2 → fc1 400→120 · ReLU → fc2 120→84 · ReLU →
    /// output 84→10 · softmax (62,558 parameters), on MNIST-normalised 28×28 digits.
    public static let lenet = Architecture(
        name: "LeNet", inputShape: [1, 28, 28], normalization: InputNormalization(mean: 0.1307, std: 0.3081),
        layers: [
            .conv2d(name: "conv1", filters: 8, kernel: 5, padding: 2), .relu,
            .maxpool2d(name: "pool1", kernel: 2),
            .conv2d(name: "conv2", filters: 16, kernel: 5), .relu,
            .maxpool2d(name: "pool2", kernel: 2),
            .flatten,
            .linear(name: "fc1", units: 120), .relu,
            .linear(name: "fc2", units: 84), .relu,
            .linear(name: "output", units: 10), .softmax,
        ])

    /// The displayed stages, with zero weights. Each `conv2d`, `maxpool2d`, `avgpool2d` and
    /// `linear` starts a stage; `batchnorm2d`, `batchnorm1d`, `relu`, `tanh`, `sigmoid`,
    /// `dropout`, `softmax` and `log_softmax` join the stage before them (or, after a
    /// `flatten`, the stage after it); `flatten` joins the stage after it (the last one when
    /// nothing follows). Unnamed stages are called `conv1`, `pool1`, `fc1`, … and unnamed
    /// batch norms `bn1`, `bn2`, … by type and order. Every size is checked before use.
    public func stages() throws(ModelError) -> [Stage] {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }),
            let inputCount = Checked.product(inputShape), inputCount <= Limit.tensorElements.maximum
        else {
            throw .invalidModel(model: name, reason: "the input must be (channels, height, width) with positive sizes, got \(inputShape)")
        }
        var builder = StageBuilder(model: name)
        var shape = inputShape
        for (index, layer) in layers.enumerated() {
            let operation = try builder.operation(for: layer, at: index, input: shape, isLast: index == layers.count - 1)
            try builder.add(operation, of: layer, at: index)
            shape = operation.outputShape(shape)
        }
        let stages = try builder.finish()
        let outputs = shape.reduce(1, *)
        guard outputs == labels.count else {
            throw .invalidModel(model: name, reason: "the last layer has \(outputs) outputs but there are \(labels.count) labels")
        }
        return stages
    }
}

/// Groups layers into stages while `Architecture.stages()` walks them.
private struct StageBuilder {
    var model: String
    var stages: [Stage] = []
    /// Operations waiting for the next stage (a `flatten`).
    var pending: [Operation] = []
    var used: Set<LayerID> = [.input]
    var counts: [String: Int] = [:]

    init(model: String) { self.model = model }

    func fail(_ index: Int, _ reason: String) -> ModelError {
        .invalidLayer(model: model, index: index, reason: reason)
    }

    /// The operation `layer` performs on an input of `shape`, after checking its sizes.
    mutating func operation(for layer: LayerSpec, at index: Int, input shape: [Int], isLast: Bool) throws(ModelError) -> Operation {
        let maxWeights = Limit.tensorElements.maximum
        switch layer {
        case let .conv2d(_, filters, kernel, stride, padding, bias):
            guard shape.count == 3 else { throw fail(index, "conv2d needs feature maps (C,H,W), its input is \(shape)") }
            guard filters > 0, kernel > 0, stride > 0, padding >= 0 else {
                throw fail(index, "conv2d needs positive filters, kernel and stride and a padding ≥ 0")
            }
            guard let weights = Checked.product(filters, shape[0], kernel, kernel), weights <= maxWeights else {
                throw fail(index, "conv2d has more than \(maxWeights) weights")
            }
            guard let h = Checked.sum(shape[1], padding, padding), let w = Checked.sum(shape[2], padding, padding),
                h >= kernel, w >= kernel
            else { throw fail(index, "conv2d kernel \(kernel) is larger than its padded input \(shape[1])×\(shape[2])") }
            return .conv2D(
                Conv2D(inChannels: shape[0], filters: filters, kernel: kernel, stride: stride, padding: padding, hasBias: bias))
        case let .maxpool2d(_, kernel, stride), let .avgpool2d(_, kernel, stride):
            let step = stride ?? kernel
            let word = layer.typeName
            guard shape.count == 3 else { throw fail(index, "\(word) needs feature maps (C,H,W), its input is \(shape)") }
            guard kernel > 0, step > 0 else { throw fail(index, "\(word) needs a positive kernel and stride") }
            guard kernel <= shape[1], kernel <= shape[2] else {
                throw fail(index, "\(word) kernel \(kernel) is larger than its input \(shape[1])×\(shape[2])")
            }
            if case .avgpool2d = layer { return .avgPool2D(window: kernel, stride: step) }
            return .maxPool2D(window: kernel, stride: step)
        case let .batchnorm2d(name, eps, momentum), let .batchnorm1d(name, eps, momentum):
            let spatial = layer.typeName == "batchnorm2d"
            if spatial {
                guard shape.count == 3 else { throw fail(index, "batchnorm2d needs feature maps (C,H,W), its input is \(shape)") }
            } else {
                guard shape.count == 1 else {
                    throw fail(index, "batchnorm1d needs a vector, its input is \(shape) (use batchnorm2d for feature maps)")
                }
            }
            guard eps > 0, eps.isFinite else { throw fail(index, "\(layer.typeName) needs a positive eps") }
            guard momentum >= 0, momentum <= 1 else { throw fail(index, "\(layer.typeName) needs a momentum in [0, 1]") }
            let id = try claim(name, prefix: "bn", at: index)
            return .batchNorm(BatchNorm(name: id, channels: shape[0], spatial: spatial, eps: eps, momentum: momentum))
        case let .linear(_, units, bias):
            guard shape.count == 1 else { throw fail(index, "linear needs a vector, its input is \(shape) (add flatten before it)") }
            guard units > 0 else { throw fail(index, "linear needs a positive number of units") }
            guard let weights = Checked.product(units, shape[0]), weights <= maxWeights else {
                throw fail(index, "linear has more than \(maxWeights) weights")
            }
            return .dense(Dense(inputs: shape[0], outputs: units, hasBias: bias))
        case .relu: return .relu
        case .tanh: return .tanh
        case .sigmoid: return .sigmoid
        case let .dropout(p):
            guard p >= 0, p < 1 else { throw fail(index, "dropout needs a probability p in [0, 1)") }
            return .dropout(p: p)
        case .flatten:
            return .flatten
        case .softmax, .logSoftmax:
            guard isLast else { throw fail(index, "\(layer.typeName) must be the last layer") }
            return layer == .softmax ? .softmax : .logSoftmax
        }
    }

    /// Adds `operation` to a new stage, the previous stage or the pending list.
    mutating func add(_ operation: Operation, of layer: LayerSpec, at index: Int) throws(ModelError) {
        switch layer {
        case let .conv2d(name, _, _, _, _, _): try start(operation, name: name, prefix: "conv", at: index)
        case let .maxpool2d(name, _, _), let .avgpool2d(name, _, _): try start(operation, name: name, prefix: "pool", at: index)
        case let .linear(name, _, _): try start(operation, name: name, prefix: "fc", at: index)
        case .flatten: pending.append(operation)
        case .relu, .tanh, .sigmoid, .dropout, .batchnorm2d, .batchnorm1d, .softmax, .logSoftmax:
            if !pending.isEmpty {
                pending.append(operation)
                return
            }
            guard !stages.isEmpty else {
                throw fail(index, "\(layer.typeName) must follow a conv2d, pooling or linear layer")
            }
            stages[stages.count - 1].operations.append(operation)
        }
    }

    /// The name for a layer with tensors: `name`, or `PREFIX` and the next number of its kind;
    /// refused when another layer already has it.
    mutating func claim(_ name: LayerID?, prefix: String, at index: Int) throws(ModelError) -> LayerID {
        let number = counts[prefix, default: 0] + 1
        counts[prefix] = number
        let id = name ?? LayerID("\(prefix)\(number)")
        guard !used.contains(id) else { throw fail(index, "the name '\(id)' is used twice") }
        used.insert(id)
        return id
    }

    mutating func start(_ operation: Operation, name: LayerID?, prefix: String, at index: Int) throws(ModelError) {
        let id = try claim(name, prefix: prefix, at: index)
        stages.append(Stage(name: id, operations: pending + [operation]))
        pending = []
    }

    /// The stages, with a trailing `flatten` joined to the last one.
    mutating func finish() throws(ModelError) -> [Stage] {
        guard !stages.isEmpty else { throw .invalidModel(model: model, reason: "there is no conv2d, pooling or linear layer") }
        stages[stages.count - 1].operations += pending
        pending = []
        return stages
    }
}
