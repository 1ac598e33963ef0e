/// Stage 6: where the scaled digit goes in the 28×28 field.
public struct Placement: Sendable, Equatable {
    /// Top-left corner of the scaled box inside the field.
    public var origin: PixelPoint
    /// Centre of mass of the ink in field coordinates (pixel centres at +0.5), after placement.
    public var centreOfMassX: Double
    public var centreOfMassY: Double
    /// Offset from simply centring the box geometrically (what the centre of mass added).
    public var shift: PixelPoint
}
