/// A point on a pen stroke in the glyph's unit box (x right, y down, both 0…1). A corner
/// point gets a sharp turn; others are passed through smoothly.
public struct StrokePoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var corner: Bool
    public init(_ x: Double, _ y: Double, corner: Bool = false) { self.x = x; self.y = y; self.corner = corner }
}
