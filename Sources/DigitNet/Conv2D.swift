/// A 2-D convolution with learned weights `(F,C,K,K)` and biases `(F)` (all zero, and not a
/// learned tensor, when `hasBias` is false).
public struct Conv2D: Sendable, Equatable {
    public var inChannels: Int
    public var filters: Int
    public var kernel: Int
    public var stride: Int
    public var padding: Int
    /// Whether `bias` is learned (PyTorch's `bias=True`); when false it stays zero.
    public var hasBias: Bool
    /// `(F,C,K,K)` row-major.
    public var weight: [Float] { didSet { repack() } }
    /// `(F)`.
    public var bias: [Float] { didSet { repack() } }
    /// `weight` and `bias` repacked for the direct-convolution kernel, kept in step with them.
    public private(set) var packed: PackedConvolution

    public init(
        inChannels: Int, filters: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
        hasBias: Bool = true, weight: [Float]? = nil, bias: [Float]? = nil
    ) {
        self.hasBias = hasBias
        self.inChannels = inChannels
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.weight = weight ?? [Float](repeating: 0, count: filters * inChannels * kernel * kernel)
        self.bias = bias ?? [Float](repeating: 0, count: filters)
        precondition(self.weight.count == filters * inChannels * kernel * kernel && self.bias.count == filters)
        self.packed = PackedConvolution(
            weight: self.weight, bias: self.bias, filters: filters, channels: inChannels, kernel: kernel)
    }

    private mutating func repack() {
        packed = PackedConvolution(weight: weight, bias: bias, filters: filters, channels: inChannels, kernel: kernel)
    }

    /// Output shape for an input `(C,H,W)`.
    public func outputShape(_ input: [Int]) -> [Int] {
        [
            filters,
            Kernels.outputSize(input[1], kernel: kernel, stride: stride, padding: padding),
            Kernels.outputSize(input[2], kernel: kernel, stride: stride, padding: padding),
        ]
    }

    /// Fan-in of one output unit (`C·K·K`).
    public var fanIn: Int { inChannels * kernel * kernel }
}
