import CairoGraphics
import Preprocessing

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

    /// Builds a surface from colours given per pixel (see `Raster`).
    static func surface(width: Int, height: Int, _ pixel: (Int, Int) -> RGBA) throws -> ImageSurface {
        try Raster.image(width: width, height: height, pixel)
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
        try surface(width: plane.width, height: plane.height) { x, y in Raster.gray(plane[x, y]) }
    }

    /// The 784 values as a 1-pixel-wide column, top = value 0.
    static func strip(_ values: [Float]) throws -> ImageSurface {
        try surface(width: 1, height: values.count) { _, y in Raster.gray(values[y]) }
    }
}
