/// Stroke-width normalisation toward MNIST's band: drawn strokes are often thinner or thicker
/// than MNIST's (about 2–2.8 px at 28×28).
public struct StrokeNormalisation: Sendable, Equatable {
    /// Widths (in 20-box pixels) inside this band are left alone.
    public var band: ClosedRange<Double>
    /// Width a stroke outside the band is moved to.
    public var target: Double
    /// Supersampling of the 20-box used for the morphology (4 → an 80×80 working grid).
    public var supersample: Int

    public init(band: ClosedRange<Double> = 1.7...3.4, target: Double = 2.5, supersample: Int = 4) {
        self.band = band
        self.target = target
        self.supersample = supersample
    }

    /// The band used by default.
    public static let mnist = StrokeNormalisation()
}
