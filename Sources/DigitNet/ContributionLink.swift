/// One link of the paths that carried a prediction: unit `from` of layer `fromLayer` (0 =
/// the input) feeds unit `to` of layer `fromLayer + 1`, carrying `share` of the prediction.
public struct ContributionLink: Sendable, Equatable {
    /// Layer of the source unit, in data-flow order (0 = input); the target is one later.
    public var fromLayer: Int
    /// Flat index of the source unit in its layer's activation.
    public var from: Int
    /// Flat index of the target unit in the next layer's activation.
    public var to: Int
    /// The traced share of the prediction carried by this link (unnormalised).
    public var share: Double

    public init(fromLayer: Int, from: Int, to: Int, share: Double) {
        self.fromLayer = fromLayer
        self.from = from
        self.to = to
        self.share = share
    }
}
