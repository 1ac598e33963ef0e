/// What stroke-width normalisation measured and did.
public struct StrokeWidthReport: Sendable, Equatable {
    /// Estimated stroke width of the kept ink in 20-box pixels (2·area / perimeter).
    public var measured: Double
    /// Width after normalisation (equal to `measured` when nothing was done).
    public var result: Double
    /// Grow (+) or shrink (−) radius applied, in 20-box pixels; 0 when untouched.
    public var radius: Double
}
