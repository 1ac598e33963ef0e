import CairoGraphics
import DigitNet
import Foundation
import Preprocessing

/// Hand-made canvases drawn with Cairo.
enum Draw {
    /// A canvas of `width`×`height` with `paper` (nil = transparent), strokes drawn by `body` in `ink`.
    static func canvas(
        _ width: Int, _ height: Int, paper: RGBA? = RGBA(1, 1, 1), ink: RGBA = RGBA(0, 0, 0),
        pen: Double = 12, _ body: (Context) -> Void
    ) throws -> Canvas {
        let surface = try ImageSurface(width: width, height: height)
        let cr = try Context(surface)
        if let paper { cr.setColor(paper); cr.paint() }
        cr.setColor(ink)
        cr.setLineWidth(pen)
        cr.setLineCap(.round)
        cr.setLineJoin(.round)
        body(cr)
        return try Canvas(surface: surface)
    }

    /// A polyline stroke.
    static func line(_ cr: Context, _ points: [(Double, Double)]) {
        guard let first = points.first else { return }
        cr.moveTo(first.0, first.1)
        for p in points.dropFirst() { cr.lineTo(p.0, p.1) }
        cr.stroke()
    }

    /// A filled dot.
    static func dot(_ cr: Context, _ x: Double, _ y: Double, _ r: Double) {
        cr.newPath()
        cr.arc(x, y, radius: r)
        cr.fill()
    }

    /// A "7" in a w×h canvas area starting at (x, y) with the given size.
    static func seven(_ cr: Context, x: Double, y: Double, size: Double) {
        line(cr, [(x, y), (x + 0.7 * size, y), (x + 0.25 * size, y + size)])
    }

    /// Writes a canvas as PNG and returns the path.
    static func png(_ canvas: Canvas, in dir: String, _ name: String) throws -> String {
        let path = (dir as NSString).appendingPathComponent(name)
        try canvas.makeSurface().writePNG(to: path)
        return path
    }
}

/// A canvas made from a 28×28 MNIST image upscaled ×`factor` and drawn black on white at
/// (`x`, `y`) on a `width`×`height` page.
func mnistCanvas(_ image: Tensor, factor: Int, width: Int, height: Int, x: Int, y: Int) -> Canvas {
    let side = 28 * factor
    let big = Resample.resize(Plane(width: 28, height: 28, pixels: image.data), width: side, height: side)
    var bgra = [UInt8](repeating: 255, count: width * height * 4)
    for py in 0..<side {
        for px in 0..<side {
            let v = max(0, min(1, big.pixels[py * side + px]))
            let g = UInt8((255 * (1 - v)).rounded())
            let i = 4 * ((py + y) * width + px + x)
            bgra[i] = g; bgra[i + 1] = g; bgra[i + 2] = g
        }
    }
    return Canvas(width: width, height: height, bgra: bgra)
}
