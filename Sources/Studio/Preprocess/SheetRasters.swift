import CairoGraphics
import Preprocessing

/// Where a canvas-sized picture goes inside a square panel: scaled to fit, centred.
struct CanvasFit {
    var x: Double, y: Double, scale: Double, width: Double, height: Double

    init(canvasWidth: Int, canvasHeight: Int, panelX: Double, panelY: Double, side: Double) {
        scale = side / Double(max(canvasWidth, canvasHeight))
        width = Double(canvasWidth) * scale
        height = Double(canvasHeight) * scale
        x = panelX + (side - width) / 2
        y = panelY + (side - height) / 2
    }
}

/// The raster pictures of the sheet, made from the pipeline's stages (Cairo only draws them).
enum SheetRasters {
    /// Size of a raster showing the whole canvas: the canvas itself when small, else shrunk so
    /// its longer side is `maxSide`.
    static func size(_ stages: PreprocessedDigit, maxSide: Int) -> (width: Int, height: Int) {
        let w = stages.canvas.width, h = stages.canvas.height
        guard max(w, h) > maxSide else { return (w, h) }
        return Resample.fittedSize(width: w, height: h, side: maxSide)
    }

    /// Whether rasters of this canvas are enlarged (draw with nearest filtering) or shrunk.
    static func isEnlarged(_ stages: PreprocessedDigit, panel: Double) -> Bool {
        Double(max(stages.canvas.width, stages.canvas.height)) <= panel
    }

    /// Builds a surface from premultiplied colours given per pixel.
    static func surface(width: Int, height: Int, _ pixel: (Int, Int) -> RGBA) throws -> ImageSurface {
        var bytes = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let c = pixel(x, y)
                let i = 4 * (y * width + x)
                let a = max(0, min(1, c.a))
                bytes[i] = UInt8((max(0, min(1, c.b)) * a * 255).rounded())
                bytes[i + 1] = UInt8((max(0, min(1, c.g)) * a * 255).rounded())
                bytes[i + 2] = UInt8((max(0, min(1, c.r)) * a * 255).rounded())
                bytes[i + 3] = UInt8((a * 255).rounded())
            }
        }
        return try ImageSurface(width: width, height: height, bgra: bytes)
    }

    /// The canvas as drawn, shrunk to at most `maxSide` with area averaging.
    static func canvas(_ stages: PreprocessedDigit, maxSide: Int) throws -> ImageSurface {
        let c = stages.canvas
        let (w, h) = size(stages, maxSide: maxSide)
        guard (w, h) != (c.width, c.height) else { return try c.makeSurface() }
        let channels = (0..<4).map { k in
            Resample.resize(width: c.width, height: c.height, targetWidth: w, targetHeight: h) { y, row in
                for x in 0..<c.width { row[x] = Float(c.bgra[4 * (y * c.width + x) + k]) }
            }
        }
        var bytes = [UInt8](repeating: 0, count: w * h * 4)
        for i in 0..<(w * h) {
            for k in 0..<4 { bytes[4 * i + k] = UInt8(max(0, min(255, channels[k].pixels[i].rounded()))) }
        }
        return try ImageSurface(width: w, height: h, bgra: bytes)
    }

    /// Share of each raster pixel covered by mask pixels with value `value`.
    static func coverage(_ stages: PreprocessedDigit, value: UInt8, maxSide: Int) -> Plane<Float> {
        let m = stages.inkMask
        let (w, h) = size(stages, maxSide: maxSide)
        return Resample.resize(width: m.width, height: m.height, targetWidth: w, targetHeight: h) { y, row in
            for x in 0..<m.width { row[x] = m.pixels[y * m.width + x] == value ? 1 : 0 }
        }
    }

    /// Kept ink in `ink`, dropped specks in `speck`, on transparent.
    static func mask(_ stages: PreprocessedDigit, maxSide: Int, ink: RGBA, speck: RGBA) throws -> ImageSurface {
        let kept = coverage(stages, value: 1, maxSide: maxSide)
        let dropped = coverage(stages, value: 2, maxSide: maxSide)
        return try surface(width: kept.width, height: kept.height) { x, y in
            let k = Double(min(1, kept[x, y] * 1.4)), d = Double(min(1, dropped[x, y] * 3))
            return k >= d ? ink.withAlpha(k) : speck.withAlpha(d)
        }
    }

    /// Boundary pixels marked at raster resolution (any boundary pixel in a raster pixel marks
    /// it), over a faint fill of the kept ink.
    static func outline(_ stages: PreprocessedDigit, maxSide: Int, line: RGBA, fill: RGBA) throws -> ImageSurface {
        let kept = coverage(stages, value: 1, maxSide: maxSide)
        let (w, h) = (kept.width, kept.height)
        var marks = Plane<Bool>(width: w, height: h, repeating: false)
        let sx = Double(w) / Double(stages.canvas.width), sy = Double(h) / Double(stages.canvas.height)
        for p in stages.outline {
            marks[min(w - 1, Int(Double(p.x) * sx)), min(h - 1, Int(Double(p.y) * sy))] = true
        }
        return try surface(width: w, height: h) { x, y in
            marks[x, y] ? line : fill.withAlpha(fill.a * Double(kept[x, y]))
        }
    }

    /// A grey plane (0 black … 1 white) as an opaque picture.
    static func gray(_ plane: Plane<Float>) throws -> ImageSurface {
        try surface(width: plane.width, height: plane.height) { x, y in
            let v = Double(plane[x, y])
            return RGBA(v, v, v)
        }
    }

    /// The 784 values as a 1-pixel-wide column, top = value 0.
    static func strip(_ values: [Float]) throws -> ImageSurface {
        try surface(width: 1, height: values.count) { _, y in
            let v = Double(values[y])
            return RGBA(v, v, v)
        }
    }
}
