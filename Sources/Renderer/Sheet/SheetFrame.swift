import CairoGraphics

/// A named rectangle a sheet or page draws into (user units: pixels at scale 1, points in
/// PDF/SVG), measured with the fonts its texts are drawn in: what is drawn where, so tests can
/// check that nothing overlaps or leaves the paper.
public struct SheetFrame: Sendable, Equatable, CustomStringConvertible {
    /// What is there (`2c lines and noise dropped caption`, `arrow 2c → 2`).
    public var name: String
    public var x: Double, y: Double, width: Double, height: Double

    public init(_ name: String, x: Double, y: Double, width: Double, height: Double) {
        self.name = name; self.x = x; self.y = y; self.width = width; self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// Whether the two rectangles share any area (touching edges do not count).
    public func overlaps(_ other: SheetFrame) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    /// Whether the rectangle lies within `inset` of the edges of a `width`×`height` paper.
    public func isInside(width w: Double, height h: Double, inset: Double = 0) -> Bool {
        x >= inset - 1e-9 && y >= inset - 1e-9 && maxX <= w - inset + 1e-9 && maxY <= h - inset + 1e-9
    }

    public var description: String {
        "\(name) [\(Int(x.rounded())), \(Int(y.rounded())) \(Int(width.rounded()))×\(Int(height.rounded()))]"
    }

    /// The ink of `lines` of text drawn from baseline `baseline` down by `leading`, at `size`
    /// in `cr`, left-aligned at x (the union of the glyphs' ink boxes); nil for no ink.
    static func text(
        _ name: String, _ lines: [String], x: Double, baseline: Double, leading: Double, size: Double, bold: Bool = false,
        context cr: Context
    ) -> SheetFrame? {
        cr.setFont(size, bold: bold)
        var box: (x0: Double, y0: Double, x1: Double, y1: Double)?
        for (i, line) in lines.enumerated() where !line.isEmpty {
            let e = cr.textExtents(line)
            let y = baseline + Double(i) * leading
            let (x0, y0, x1, y1) = (x + e.xBearing, y + e.yBearing, x + e.xBearing + e.width, y + e.yBearing + e.height)
            box = box.map { (min($0.x0, x0), min($0.y0, y0), max($0.x1, x1), max($0.y1, y1)) } ?? (x0, y0, x1, y1)
        }
        guard let box else { return nil }
        return SheetFrame(name, x: box.x0, y: box.y0, width: box.x1 - box.x0, height: box.y1 - box.y0)
    }

    /// A straight arrow segment from (x0, y0) to (x1, y1) with room for its head (5 each side).
    static func arrow(_ name: String, from a: (x: Double, y: Double), to b: (x: Double, y: Double)) -> SheetFrame {
        SheetFrame(
            name, x: min(a.x, b.x) - 5, y: min(a.y, b.y) - 5, width: abs(b.x - a.x) + 10, height: abs(b.y - a.y) + 10)
    }
}
