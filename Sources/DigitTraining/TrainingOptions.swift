import DigitNet

/// Settings of a training run. The same options and seed give the same weights, whatever the
/// machine: work is split into a fixed number of shards, not by core count.
public struct TrainingOptions: Sendable, Equatable {
    public var epochs = 15
    public var batchSize = 64
    /// Adam step size at the start; decays along a cosine to `finalLearningRate`.
    public var learningRate: Float = 2e-3
    public var finalLearningRate: Float = 1e-5
    public var seed: UInt64 = 1
    /// Random distortions of every training image; nil trains on the images as they are.
    public var augmentation: Augmentation? = Augmentation()
    /// Shards each batch is split into (each runs on its own thread).
    public var shards = 2
    /// Weight averaging (stochastic weight averaging over the cosine tail): when N > 0, the
    /// trained network (``Trainer/finalNetwork``) is the mean of the weights (and batch-norm
    /// running statistics) after every step of the last N epochs, instead of the last step's.
    /// Default 0: no averaging.
    public var averageEpochs = 0
    /// Window lengths (epochs, each in `1...epochs`) whose weight averages are kept beside the
    /// trained network so one run can compare them (``Trainer/comparedAverage(lastEpochs:)``);
    /// they change nothing the run trains or writes. Default empty: none kept.
    public var comparedAverageEpochs: [Int] = []

    public init() {}
}
