/// Batch normalisation with PyTorch's meaning: per channel `c`,
/// `y = (x − mean) / √(var + eps) · weight[c] + bias[c]`. At inference `mean` and `var` are
/// the running statistics; in training they are the batch's, and the running ones move
/// towards them by `momentum`.
///
/// `batchnorm2d` normalises feature maps (C,H,W) over the batch and every position;
/// `batchnorm1d` a vector (N) over the batch, one channel per element.
public struct BatchNorm: Sendable, Equatable {
    /// The name its tensors carry (`bn1.weight`, `features.1.running_mean`, …).
    public var name: LayerID
    public var channels: Int
    /// True for `batchnorm2d` (input (C,H,W)), false for `batchnorm1d` (input (C)).
    public var spatial: Bool
    public var eps: Float
    public var momentum: Float
    /// `(C)` scale (γ), learned.
    public var weight: [Float]
    /// `(C)` shift (β), learned.
    public var bias: [Float]
    /// `(C)` running mean, a buffer updated while training.
    public var runningMean: [Float]
    /// `(C)` running (unbiased) variance, a buffer updated while training.
    public var runningVar: [Float]

    /// A fresh layer as PyTorch makes one: weight 1, bias 0, running mean 0, running variance 1.
    public init(name: LayerID, channels: Int, spatial: Bool, eps: Float = 1e-5, momentum: Float = 0.1) {
        self.name = name
        self.channels = channels
        self.spatial = spatial
        self.eps = eps
        self.momentum = momentum
        self.weight = [Float](repeating: 1, count: channels)
        self.bias = [Float](repeating: 0, count: channels)
        self.runningMean = [Float](repeating: 0, count: channels)
        self.runningVar = [Float](repeating: 1, count: channels)
    }

    /// The word a model file uses for it.
    public var typeName: String { spatial ? "batchnorm2d" : "batchnorm1d" }
}
