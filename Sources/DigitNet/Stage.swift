/// A named group of operations whose result is one recorded activation (e.g. `conv1` is
/// convolution + ReLU).
public struct Stage: Sendable, Equatable {
    /// The layer this stage produces, as named in traces, weights and scenes (`conv1`, …, `output`).
    public var name: LayerID
    public var operations: [Operation]

    public init(name: LayerID, operations: [Operation]) {
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

    /// The stage's batch normalisations, in order.
    public var batchNorms: [BatchNorm] {
        operations.compactMap { if case let .batchNorm(b) = $0 { return b } else { return nil } }
    }

    /// The stage's dense layer, if any.
    public var dense: Dense? {
        for case let .dense(d) in operations { return d }
        return nil
    }
}
