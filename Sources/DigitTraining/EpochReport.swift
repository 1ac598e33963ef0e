/// What one epoch did.
public struct EpochReport: Sendable, Equatable {
    public var epoch: Int
    public var meanLoss: Double
    public var trainAccuracy: Double
    public var seconds: Double
    public var learningRate: Float
}
