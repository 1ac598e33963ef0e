import CairoGraphics
import Preprocessing

/// The one pen every strokes file is drawn with: Cairo strokes of the pen width with round
/// caps and joins, antialiased, through the points in order (a one-point stroke is a dot).
/// Drawing the same strokes gives the same bytes every time.
public enum StrokePen {
    /// The drawing on a new canvas-sized surface (the background painted, or left
    /// transparent).
    public static func render(_ drawing: Strokes) throws -> ImageSurface {
        let surface = try ImageSurface(width: drawing.width, height: drawing.height)
        let cr = try Context(surface)
        if let paper = drawing.background {
            cr.setColor(paper)
            cr.paint()
        }
        draw(drawing, into: cr)
        try cr.checkStatus()
        surface.flush()
        return surface
    }

    /// The drawing as a canvas for preprocessing.
    public static func canvas(_ drawing: Strokes) throws -> Canvas {
        try Canvas(surface: render(drawing))
    }

    /// Draws the strokes (not the background) into `cr`, whose user space is canvas pixels.
    public static func draw(_ drawing: Strokes, into cr: Context) {
        cr.setLineCap(.round)
        cr.setLineJoin(.round)
        for stroke in drawing.strokes {
            guard let first = stroke.points.first else { continue }
            cr.setColor(stroke.ink ?? drawing.ink)
            cr.setLineWidth(stroke.pen ?? drawing.pen)
            cr.newPath()
            cr.moveTo(first.x, first.y)
            if stroke.points.count == 1 {
                cr.lineTo(first.x, first.y)
            } else {
                for p in stroke.points.dropFirst() { cr.lineTo(p.x, p.y) }
            }
            cr.stroke()
        }
    }
}
