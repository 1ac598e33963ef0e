import CairoGraphics

/// The preprocessing sheet's background and arrows. Its colours are `Palette.sheet` and its
/// type `Typeface` (see `look/README.md`).
enum SheetStyle {
    static let palette = Palette.sheet

    /// Fills the whole sheet with the background and its radial glow.
    static func paintBackground(_ cr: Context, width: Double, height: Double) {
        cr.setColor(palette.background)
        cr.paint()
        cr.setRadialGradient(
            cx0: width / 2, cy0: height / 2, r0: 0, cx1: width / 2, cy1: height / 2,
            r1: max(width, height) * 0.62, stops: [(0, palette.gradientCenter), (1, palette.gradientEdge)])
        cr.paint()
    }

    /// A right-pointing arrow from (x0, y) to (x1, y).
    static func arrow(_ cr: Context, from x0: Double, to x1: Double, y: Double, colour: RGBA = palette.muted) {
        cr.setColor(colour)
        cr.setLineWidth(1.5)
        cr.setLineCap(.round)
        cr.moveTo(x0, y); cr.lineTo(x1 - 2, y); cr.stroke()
        cr.moveTo(x1 - 8, y - 5); cr.lineTo(x1, y); cr.lineTo(x1 - 8, y + 5)
        cr.setLineJoin(.round)
        cr.stroke()
    }

    /// An arrow along the straight segments through `points`, its head at the last point,
    /// pointing along the last segment.
    static func arrow(_ cr: Context, through points: [(x: Double, y: Double)], colour: RGBA = palette.muted) {
        guard let end = points.last, points.count >= 2 else { return }
        let before = points[points.count - 2]
        let (dx, dy) = (end.x - before.x, end.y - before.y)
        let length = max(1e-9, (dx * dx + dy * dy).squareRoot())
        let (ux, uy) = (dx / length, dy / length)
        cr.setColor(colour)
        cr.setLineWidth(1.5)
        cr.setLineCap(.round)
        cr.setLineJoin(.round)
        cr.newPath()
        cr.moveTo(points[0].x, points[0].y)
        for p in points.dropFirst().dropLast() { cr.lineTo(p.x, p.y) }
        cr.lineTo(end.x - 2 * ux, end.y - 2 * uy)
        cr.stroke()
        // the head: 8 back along the segment, 5 to either side
        cr.moveTo(end.x - 8 * ux - 5 * uy, end.y - 8 * uy + 5 * ux)
        cr.lineTo(end.x, end.y)
        cr.lineTo(end.x - 8 * ux + 5 * uy, end.y - 8 * uy - 5 * ux)
        cr.stroke()
    }
}
