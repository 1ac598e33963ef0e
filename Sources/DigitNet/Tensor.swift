/// A dense N-dimensional array of `Float` in row-major (C) order.
///
/// Activations use `(C, H, W)` for feature maps and `(N)` for vectors; batches prepend `B`.
public struct Tensor: Sendable, Equatable {
    /// Extent of each dimension, outermost first.
    public var shape: [Int]
    /// `shape.reduce(1, *)` values, row-major.
    public var data: [Float]

    /// Creates a tensor; `data.count` must equal the product of `shape`.
    public init(shape: [Int], data: [Float]) {
        precondition(data.count == shape.reduce(1, *), "tensor data count \(data.count) does not match shape \(shape)")
        self.shape = shape
        self.data = data
    }

    /// A tensor of zeros.
    public init(zeros shape: [Int]) {
        self.shape = shape
        self.data = [Float](repeating: 0, count: shape.reduce(1, *))
    }

    /// Number of elements.
    public var count: Int { data.count }

    /// The same values viewed with another shape of equal size.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, data: data)
    }

    /// Element at a multi-index (slow; for tests and illustration).
    public subscript(_ index: Int...) -> Float {
        get { data[flatIndex(index)] }
        set { data[flatIndex(index)] = newValue }
    }

    private func flatIndex(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "index rank \(index.count) vs tensor rank \(shape.count)")
        var flat = 0
        for (i, extent) in zip(index, shape) {
            precondition(i >= 0 && i < extent, "index \(index) out of bounds for shape \(shape)")
            flat = flat * extent + i
        }
        return flat
    }

    /// Largest value (−∞ for an empty tensor).
    public var max: Float { data.max() ?? -.infinity }
    /// Smallest value (+∞ for an empty tensor).
    public var min: Float { data.min() ?? .infinity }

    /// Index of the largest value in flat order.
    public var argmax: Int {
        var best = 0
        for i in data.indices where data[i] > data[best] { best = i }
        return best
    }

    /// The `i`-th slice along the first dimension (e.g. one feature map of a `(C,H,W)` tensor).
    public func slice(_ i: Int) -> Tensor {
        precondition(!shape.isEmpty && i >= 0 && i < shape[0])
        let inner = Array(shape.dropFirst())
        let n = inner.reduce(1, *)
        return Tensor(shape: inner, data: Array(data[(i * n)..<((i + 1) * n)]))
    }

    /// Shape written as `8@28×28`, `120` or `1@28×28` (the way layers are labelled).
    public var shapeLabel: String {
        switch shape.count {
        case 3: return "\(shape[0])@\(shape[1])×\(shape[2])"
        case 2: return "\(shape[0])×\(shape[1])"
        default: return shape.map(String.init).joined(separator: "×")
        }
    }
}
