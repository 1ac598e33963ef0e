import CairoGraphics
import Foundation
import Preprocessing
import Support

/// Renders hand-drawn-looking digits with Cairo pen strokes (for `Scenes/digits/` and tests).
public enum DrawnDigits {
    /// Draws `digit` (0…9) in `style` onto a new surface.
    public static func render(digit: Int, style: DrawnDigitStyle) throws -> ImageSurface {
        let surface = try ImageSurface(width: style.canvasWidth, height: style.canvasHeight)
        let cr = try Context(surface)
        if let paper = style.paper { cr.setColor(paper); cr.paint() }
        let placed = place(digit: digit, style: style)
        cr.setColor(style.ink)
        cr.setLineWidth(placed.penWidth)
        cr.setLineCap(.round)
        cr.setLineJoin(.round)
        for stroke in placed.strokes {
            addSmoothPath(cr, stroke.map { $0.0 }, corners: stroke.map { $0.1 })
            cr.stroke()
        }
        if let speck = style.speck {
            cr.arc(speck.x * Double(style.canvasWidth), speck.y * Double(style.canvasHeight), radius: speck.radius)
            cr.fill()
        }
        try cr.checkStatus()
        surface.flush()
        return surface
    }

    /// The glyph of `digit` placed on the canvas of `style`: each stroke's points in canvas
    /// pixels (wobbled, slanted, rotated) with their corner flags, and the pen width.
    static func place(digit: Int, style: DrawnDigitStyle) -> (strokes: [[((Double, Double), Bool)]], penWidth: Double) {
        let variants = DigitGlyphs.variants(of: min(max(digit, 0), 9))
        let glyph = variants[((style.variant % variants.count) + variants.count) % variants.count]
        let short = Double(min(style.canvasWidth, style.canvasHeight))
        let height = style.size * short
        let width = height * glyph.aspect
        var rng = SplitMix64(seed: style.seed &+ UInt64(digit))
        let cx = style.centreX * Double(style.canvasWidth), cy = style.centreY * Double(style.canvasHeight)
        let (cosR, sinR) = (cos(style.rotation), sin(style.rotation))
        func place(_ pt: StrokePoint) -> (Double, Double) {
            let u = (pt.x - 0.5) * width + rng.uniform(-1, 1) * style.wobble * height
            let v = (pt.y - 0.5) * height + rng.uniform(-1, 1) * style.wobble * height
            let su = u - style.slant * v
            return (cx + su * cosR - v * sinR, cy + su * sinR + v * cosR)
        }
        let strokes = glyph.strokes.map { stroke in stroke.map { (place($0), $0.corner) } }
        return (strokes, max(1, style.penWidth * height))
    }

    /// Adds a Catmull–Rom curve through `points` (sharp at corner points) as Bézier segments.
    static func addSmoothPath(_ cr: Context, _ points: [(Double, Double)], corners: [Bool]) {
        guard let first = points.first else { return }
        cr.moveTo(first.0, first.1)
        if points.count == 1 { cr.lineTo(first.0 + 0.01, first.1); return }
        for (c1, c2, end) in bezierSegments(points, corners: corners) {
            cr.curveTo(c1.0, c1.1, c2.0, c2.1, end.0, end.1)
        }
    }

    /// The cubic Bézier segments of the Catmull–Rom curve through `points`: control points
    /// and end of each segment after the first point.
    static func bezierSegments(_ points: [(Double, Double)], corners: [Bool])
        -> [((Double, Double), (Double, Double), (Double, Double))]
    {
        guard points.count > 1 else { return [] }
        func tangent(_ i: Int) -> (Double, Double) {
            if corners[i] { return (0, 0) }
            let a = points[max(i - 1, 0)], b = points[min(i + 1, points.count - 1)]
            return ((b.0 - a.0) / 6, (b.1 - a.1) / 6)
        }
        return (0..<(points.count - 1)).map { i in
            let (t0, t1) = (tangent(i), tangent(i + 1))
            let (p0, p1) = (points[i], points[i + 1])
            return ((p0.0 + t0.0, p0.1 + t0.1), (p1.0 - t1.0, p1.1 - t1.1), p1)
        }
    }

    /// Draws `digit` and returns the pixels as a canvas (no PNG round trip).
    public static func canvas(digit: Int, style: DrawnDigitStyle) throws -> Canvas {
        try Canvas(surface: render(digit: digit, style: style))
    }

    /// A random style from the range people draw in: paper and ink colours (either polarity,
    /// coloured ink, transparent), canvas shapes and sizes, small or off-centre digits, slant,
    /// rotation, thin to thick pens, and sometimes a stray speck away from the digit.
    public static func randomStyle(seed: UInt64) -> DrawnDigitStyle {
        var r = SplitMix64(seed: seed)
        let sizes = [
            (280, 280), (400, 400), (512, 512), (800, 600), (640, 360), (360, 640), (1000, 1000), (96, 96), (200, 150), (1600, 1200),
        ]
        let (w, h) = sizes[r.int(sizes.count)]
        let (paper, ink) = palette(r.int(8), &r)
        let size = r.uniform(0.35, 0.85)
        let spanX = max(0, 0.5 - size * 0.45 * Double(min(w, h)) / Double(w) - 0.04)
        let spanY = max(0, 0.5 - size * 0.5 * Double(min(w, h)) / Double(h) - 0.04)
        let cx = 0.5 + r.uniform(-spanX, spanX), cy = 0.5 + r.uniform(-spanY, spanY)
        var speck: (x: Double, y: Double, radius: Double)?
        if r.int(4) == 0 {
            // a stray click in a corner region away from the digit
            let sx = cx < 0.5 ? r.uniform(0.85, 0.95) : r.uniform(0.05, 0.15)
            let sy = cy < 0.5 ? r.uniform(0.85, 0.95) : r.uniform(0.05, 0.15)
            speck = (sx, sy, max(1.5, r.uniform(0.004, 0.012) * Double(min(w, h))))
        }
        return DrawnDigitStyle(
            canvasWidth: w, canvasHeight: h, paper: paper, ink: ink, variant: r.int(3), size: size,
            centreX: cx, centreY: cy, rotation: r.uniform(-0.25, 0.25), slant: r.uniform(-0.15, 0.35),
            penWidth: r.uniform(0.025, 0.22), wobble: r.uniform(0, 0.03), seed: r.next(), speck: speck)
    }

    /// Paper and ink of palette `k`: 0 black on white, 1 white on black, 2–3 coloured ink on
    /// paper, 4 black ink on transparent, 5 white ink on transparent, 6 grey on grey, 7 chalk on slate.
    static func palette(_ k: Int, _ r: inout SplitMix64) -> (RGBA?, RGBA) {
        let inks = [RGBA(0.10, 0.25, 0.80), RGBA(0.80, 0.10, 0.15), RGBA(0.05, 0.50, 0.25), RGBA(0.45, 0.15, 0.65), RGBA(0.40, 0.25, 0.10)]
        let papers = [RGBA(1, 1, 1), RGBA(0.98, 0.96, 0.88), RGBA(0.93, 0.95, 0.98)]
        switch k {
        case 0: return (RGBA(1, 1, 1), RGBA(0, 0, 0))
        case 1: return (RGBA(0, 0, 0), RGBA(1, 1, 1))
        case 2, 3: return (papers[r.int(papers.count)], inks[r.int(inks.count)])
        case 4: return (nil, RGBA(0, 0, 0))
        case 5: return (nil, RGBA(1, 1, 1))
        case 6: return (RGBA(0.8, 0.8, 0.8), RGBA(0.2, 0.2, 0.2))
        default: return (RGBA(0.16, 0.2, 0.22), RGBA(0.92, 0.92, 0.85))
        }
    }

    /// The bundled sample for each digit, each in a different style (`Scenes/digits/N.png`).
    public static func sampleStyle(digit: Int) -> DrawnDigitStyle {
        let white = RGBA(1, 1, 1), black = RGBA(0, 0, 0)
        switch digit {
        case 0: return DrawnDigitStyle(canvasWidth: 400, canvasHeight: 400, paper: white, ink: black, size: 0.62, penWidth: 0.09, seed: 10)
        case 1:
            return DrawnDigitStyle(
                canvasWidth: 400, canvasHeight: 400, paper: black, ink: white, variant: 1, size: 0.7, rotation: 0.08, penWidth: 0.08,
                seed: 11)
        case 2:
            return DrawnDigitStyle(
                canvasWidth: 600, canvasHeight: 450, paper: RGBA(0.98, 0.96, 0.88), ink: RGBA(0.1, 0.25, 0.8), size: 0.6, slant: 0.1,
                penWidth: 0.08, seed: 12)
        case 3: return DrawnDigitStyle(canvasWidth: 400, canvasHeight: 400, paper: nil, ink: black, size: 0.66, penWidth: 0.1, seed: 13)
        case 4:
            return DrawnDigitStyle(
                canvasWidth: 800, canvasHeight: 800, paper: white, ink: black, size: 0.25, centreX: 0.3, centreY: 0.7, penWidth: 0.1,
                seed: 14)
        case 5:
            return DrawnDigitStyle(
                canvasWidth: 400, canvasHeight: 400, paper: white, ink: RGBA(0.15, 0.15, 0.15), size: 0.6, centreX: 0.45, penWidth: 0.1,
                seed: 15, speck: (0.88, 0.12, 5))
        case 6:
            return DrawnDigitStyle(
                canvasWidth: 640, canvasHeight: 360, paper: RGBA(0.16, 0.2, 0.22), ink: RGBA(0.92, 0.92, 0.85), size: 0.75, centreX: 0.55,
                penWidth: 0.11, seed: 16)
        case 7:
            return DrawnDigitStyle(
                canvasWidth: 400, canvasHeight: 400, paper: RGBA(0.93, 0.93, 0.93), ink: RGBA(0.2, 0.2, 0.2), size: 0.45, slant: 0.1,
                penWidth: 0.05, wobble: 0.005, seed: 17)
        case 8:
            return DrawnDigitStyle(
                canvasWidth: 300, canvasHeight: 300, paper: white, ink: RGBA(0.8, 0.1, 0.15), variant: 1, size: 0.7, penWidth: 0.12,
                seed: 18)
        default:
            return DrawnDigitStyle(
                canvasWidth: 1000, canvasHeight: 1000, paper: nil, ink: white, size: 0.55, rotation: -0.06, penWidth: 0.16, seed: 19)
        }
    }
}
