import CairoGraphics
import Geometry

extension FrameRenderer {
    /// Strokes `segments` as one round-capped path `width` pixels wide in `color` (its alpha as
    /// the opacity): straight into the pixels as a `StrokeBand` when the frame has an image
    /// surface and the line is at least `StrokeBand.minimumWidth` wide, else as one Cairo
    /// path (vector output keeps its strokes).
    func strokeRoundBand(_ segments: [(ScreenPoint, ScreenPoint)], width: Double, color: RGBA, _ f: FrameContext) {
        guard !segments.isEmpty else { return }
        if let surface = f.pixels, width >= StrokeBand.minimumWidth {
            let band = StrokeBand(
                segments: segments.map { (SIMD2($0.0.x, $0.0.y), SIMD2($0.1.x, $0.1.y)) }, width: width, color: color)
            surface.withPixelTarget { band.draw(into: $0) }
            return
        }
        let c = f.context
        c.setLineCap(.round)
        c.setColor(color)
        c.setLineWidth(width)
        c.newPath()
        for (a, b) in segments {
            c.moveTo(a.x, a.y)
            c.lineTo(b.x, b.y)
        }
        c.stroke()
    }
}
