/// An axis-aligned rectangle in screen units (pixels, or points on vector pages), +y down.
///
/// The one rectangle type of the drawing targets: overlay panels, the free area a camera
/// frames the network into, keep-out boxes, poster cards and label boxes.
public struct ScreenRect: Sendable, Equatable {
    /// Top-left corner.
    public var x: Double, y: Double
    public var width: Double, height: Double

    /// Creates a rectangle with its top-left corner at (`x`, `y`).
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }

    /// Whether (`px`, `py`) lies inside, edges included, after growing the rectangle by
    /// `margin` on every side.
    public func contains(_ px: Double, _ py: Double, margin: Double = 0) -> Bool {
        px >= x - margin && px <= x + width + margin && py >= y - margin && py <= y + height + margin
    }

    /// Whether the two rectangles share any area (touching edges do not count).
    public func intersects(_ o: ScreenRect) -> Bool {
        x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height
    }

    /// The rectangle grown by `d` on every side (shrunk when `d` is negative).
    public func outset(by d: Double) -> ScreenRect {
        ScreenRect(x: x - d, y: y - d, width: width + 2 * d, height: height + 2 * d)
    }
}
