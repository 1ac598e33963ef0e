import CairoGraphics
import Geometry

/// Thin lines and small solid quads scan-converted straight into the frame's pixels.
///
/// A frame strokes hundreds of short floor-grid pieces and fills hundreds of node squares,
/// each on its own (each has its own opacity, and each composites separately). Cairo spends
/// tens of microseconds on each such call (path, tessellation, mask, composite) whatever its
/// size; a one-texel `TexturedQuad` through `QuadRasterizer` costs about a microsecond. When
/// the frame has no image surface (vector output, other callers' contexts) both fall back to
/// the same Cairo calls as before.
///
/// Pixels differ from Cairo's only at antialiased edges: coverage here is analytic (see
/// `TexturedQuad`), Cairo's fast antialiasing samples a 4×4 grid per pixel.
extension FrameRenderer {
    /// Segment `a`–`b` stroked `width` pixels wide with butt ends (Cairo's default cap) in
    /// `color` (its alpha as the opacity).
    func strokeSegment(_ a: ScreenPoint, _ b: ScreenPoint, width: Double, color: RGBA, _ f: FrameContext) {
        guard let surface = f.pixels else {
            let c = f.context
            c.setLineWidth(width)
            c.setColor(color)
            c.newPath()
            c.moveTo(a.x, a.y)
            c.lineTo(b.x, b.y)
            c.stroke()
            return
        }
        let dx = b.x - a.x, dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0, width > 0 else { return }  // Cairo draws nothing for a zero-length butt segment
        let nx = -dy / length * width / 2, ny = dx / length * width / 2
        let corners = [
            SIMD2(a.x + nx, a.y + ny), SIMD2(b.x + nx, b.y + ny), SIMD2(b.x - nx, b.y - ny), SIMD2(a.x - nx, a.y - ny),
        ]
        QuadRasterizer.fillSolid(corners: corners, color: color, into: surface)
    }

    /// Many segments as `strokeSegment` draws them one after another, `width` pixels wide,
    /// each in its own colour: into the pixels through one `SolidBatch` (identical pixels,
    /// far less waiting on memory), or as Cairo strokes without an image surface.
    func strokeSegments(_ segments: [(ScreenPoint, ScreenPoint, RGBA)], width: Double, _ f: FrameContext) {
        guard let surface = f.pixels else {
            for (a, b, color) in segments { strokeSegment(a, b, width: width, color: color, f) }
            return
        }
        var batch = segmentBatch(segments, width: width, targetWidth: surface.width, targetHeight: surface.height)
        surface.withPixelTarget { batch.composite(into: $0) }
    }

    /// `segments` stroked `width` pixels wide with butt ends, each in its own colour, as one
    /// batch of pixel writes for a `targetWidth`×`targetHeight` frame (an undrawable butt
    /// segment is a sliver: nothing to draw).
    func segmentBatch(
        _ segments: [(ScreenPoint, ScreenPoint, RGBA)], width: Double, targetWidth: Int, targetHeight: Int
    ) -> SolidBatch {
        var batch = SolidBatch()
        // About two writes per pixel row or column a line crosses, per pixel of width.
        let estimate = segments.reduce(0.0) { sum, s in sum + (abs(s.1.x - s.0.x) + abs(s.1.y - s.0.y) + 4) * (width + 1) }
        batch.reserve(Int(min(estimate, 4e6)))
        for (a, b, color) in segments {
            let dx = b.x - a.x, dy = b.y - a.y
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > 0, width > 0 else { continue }
            let nx = -dy / length * width / 2, ny = dx / length * width / 2
            let corners = [
                SIMD2(a.x + nx, a.y + ny), SIMD2(b.x + nx, b.y + ny), SIMD2(b.x - nx, b.y - ny), SIMD2(a.x - nx, a.y - ny),
            ]
            batch.add(corners: corners, color: color, width: targetWidth, height: targetHeight, stride: targetWidth * 4)
        }
        return batch
    }

    /// Many convex polygons as `fillConvex` fills them one after another: quads through one
    /// `SolidBatch`, anything else (and undrawable quads) as Cairo fills in their place.
    func fillConvexes(_ shapes: [([ScreenPoint], RGBA)], _ f: FrameContext) {
        guard let surface = f.pixels else {
            for (points, color) in shapes { fillConvex(points, color: color, f) }
            return
        }
        let quads = shapes.map { points, color in (points.count == 4 ? points.map { SIMD2($0.x, $0.y) } : [], color) }
        fillBatched(quads, surface: surface) { k, _ in cairoFillConvex(shapes[k].0, color: shapes[k].1, f) }
    }

    /// Adds `quads` to a batch in order; where one is not drawable, composites what came
    /// before, calls `fallback(index, colour)` for it, and goes on.
    private func fillBatched(
        _ quads: [([SIMD2<Double>], RGBA)], surface: ImageSurface, fallback: (Int, RGBA) -> Void
    ) {
        var batch = SolidBatch()
        let (w, h, stride) = (surface.width, surface.height, surface.stride)
        for (k, (corners, color)) in quads.enumerated() {
            if corners.count == 4, batch.add(corners: corners, color: color, width: w, height: h, stride: stride) {
                continue
            }
            surface.withPixelTarget { batch.composite(into: $0) }
            batch.reset()
            fallback(k, color)
        }
        surface.withPixelTarget { batch.composite(into: $0) }
    }

    /// Fills the convex polygon `points` in `color`: a quad (four points) straight into the
    /// pixels when the frame has an image surface, anything else as a Cairo fill.
    func fillConvex(_ points: [ScreenPoint], color: RGBA, _ f: FrameContext) {
        if let surface = f.pixels, points.count == 4,
            QuadRasterizer.fillSolid(corners: points.map { SIMD2($0.x, $0.y) }, color: color, into: surface)
        {
            return
        }
        cairoFillConvex(points, color: color, f)
    }

    /// Fills the convex quad `points` in `color`, transparent at screen row `top` and at
    /// `color`'s alpha from row `bottom` down (linear between, clamped outside: Cairo's
    /// vertical linear gradient with two stops). Straight into the pixels when the frame has
    /// an image surface and the quad is drawable (Cairo draws such a gradient one pixel row
    /// per call); otherwise, and in vector output, as that Cairo gradient fill.
    func fillFaded(_ points: [ScreenPoint], color: RGBA, top: Double, bottom: Double, _ f: FrameContext) {
        guard color.a > 0 else { return }  // OVER at zero opacity changes nothing
        if let surface = f.pixels, points.count == 4, bottom > top {
            let quad = TexturedQuad.solid(corners: points.map { SIMD2($0.x, $0.y) }, color: color)
            if quad.isDrawable {
                let span = bottom - top
                surface.withPixelTarget { QuadRasterizer.drawFaded(quad, fade: { ($0 - top) / span }, into: $0) }
                return
            }
        }
        cairoFillConvex(points, f) {
            $0.setLinearGradient(x0: 0, y0: top, x1: 0, y1: bottom, stops: [(0, color.withAlpha(0)), (1, color)])
        }
    }

    /// Fills the polygon `points` (three or more; fewer draw nothing) in `color` with Cairo.
    private func cairoFillConvex(_ points: [ScreenPoint], color: RGBA, _ f: FrameContext) {
        cairoFillConvex(points, f) { $0.setColor(color) }
    }

    /// Fills the polygon `points` (three or more; fewer draw nothing) with Cairo, the source
    /// set by `source`.
    private func cairoFillConvex(_ points: [ScreenPoint], _ f: FrameContext, source: (Context) -> Void) {
        guard points.count >= 3 else { return }
        let c = f.context
        c.newPath()
        c.polygon(points.map { ($0.x, $0.y) })
        source(c)
        c.fill()
    }
}

extension QuadRasterizer {
    /// Fills the convex quad `corners` (screen pixels, either winding) in `color`, its alpha
    /// as the opacity, composited OVER `surface`'s pixels: a one-texel `TexturedQuad`.
    /// Returns false, drawing nothing, when that quad is not drawable (twisted, degenerate
    /// or not finite); a fully transparent colour counts as drawn.
    @discardableResult
    public static func fillSolid(corners: [SIMD2<Double>], color: RGBA, into surface: ImageSurface) -> Bool {
        guard color.a > 0 else { return true }
        let quad = TexturedQuad.solid(corners: corners, color: color)
        guard quad.isDrawable else { return false }
        surface.withPixelTarget { draw(quad, into: $0) }
        return true
    }
}
