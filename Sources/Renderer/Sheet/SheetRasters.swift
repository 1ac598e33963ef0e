import CairoGraphics
import Preprocessing

/// The raster pictures of the sheet, made from the pipeline's stages (Cairo only draws them).
enum SheetRasters {
    /// Size of a raster showing the whole canvas: the canvas itself when small, else shrunk so
    /// its longer side is `maxSide`.
    static func size(_ stages: PreprocessedDigit, maxSide: Int) -> (width: Int, height: Int) {
        size(whole(stages), maxSide: maxSide)
    }

    /// Size of a raster showing `region` of the canvas: the region's own pixels when small,
    /// else shrunk so its longer side is `maxSide`.
    static func size(_ region: PixelRect, maxSide: Int) -> (width: Int, height: Int) {
        let w = region.width, h = region.height
        guard max(w, h) > maxSide else { return (w, h) }
        return Resample.fittedSize(width: w, height: h, side: maxSide)
    }

    /// The whole canvas as a region.
    static func whole(_ stages: PreprocessedDigit) -> PixelRect {
        PixelRect(x: 0, y: 0, width: stages.canvas.width, height: stages.canvas.height)
    }

    /// Whether rasters of this canvas are enlarged (draw with nearest filtering) or shrunk.
    static func isEnlarged(_ stages: PreprocessedDigit, panel: Double) -> Bool {
        Double(max(stages.canvas.width, stages.canvas.height)) <= panel
    }

    /// Builds a surface from colours given per pixel (see `Raster`).
    static func surface(width: Int, height: Int, _ pixel: (Int, Int) -> RGBA) throws -> ImageSurface {
        try Raster.image(width: width, height: height, pixel)
    }

    /// The canvas as drawn (or its `region`), shrunk to at most `maxSide` with area averaging.
    static func canvas(_ stages: PreprocessedDigit, maxSide: Int, region: PixelRect? = nil) throws -> ImageSurface {
        let c = stages.canvas
        let r = region ?? whole(stages)
        let (w, h) = size(r, maxSide: maxSide)
        if region == nil, (w, h) == (c.width, c.height) { return try c.makeSurface() }
        let channels = (0..<4).map { k in
            Resample.resize(width: r.width, height: r.height, targetWidth: w, targetHeight: h) { y, row in
                for x in 0..<r.width { row[x] = Float(c.bgra[4 * ((r.y + y) * c.width + r.x + x) + k]) }
            }
        }
        var bytes = [UInt8](repeating: 0, count: w * h * 4)
        for i in 0..<(w * h) {
            for k in 0..<4 { bytes[4 * i + k] = UInt8(max(0, min(255, channels[k].pixels[i].rounded()))) }
        }
        return try ImageSurface(width: w, height: h, bgra: bytes)
    }

    /// Share of each raster pixel covered by mask pixels with value `value` (over `region`, or
    /// the whole canvas).
    static func coverage(_ stages: PreprocessedDigit, value: UInt8, maxSide: Int, region: PixelRect? = nil) -> Plane<Float> {
        let m = stages.inkMask
        let r = region ?? whole(stages)
        let (w, h) = size(r, maxSide: maxSide)
        return Resample.resize(width: r.width, height: r.height, targetWidth: w, targetHeight: h) { y, row in
            for x in 0..<r.width { row[x] = m.pixels[(r.y + y) * m.width + r.x + x] == value ? 1 : 0 }
        }
    }

    /// Kept ink in `ink`, dropped specks in `speck`, on transparent.
    static func mask(
        _ stages: PreprocessedDigit, maxSide: Int, ink: RGBA, speck: RGBA, region: PixelRect? = nil
    ) throws -> ImageSurface {
        let kept = coverage(stages, value: 1, maxSide: maxSide, region: region)
        let dropped = coverage(stages, value: 2, maxSide: maxSide, region: region)
        return try surface(width: kept.width, height: kept.height) { x, y in
            let k = Double(min(1, kept[x, y] * 1.4)), d = Double(min(1, dropped[x, y] * 3))
            return k >= d ? ink.withAlpha(k) : speck.withAlpha(d)
        }
    }

    /// Boundary pixels marked at raster resolution (any boundary pixel in a raster pixel marks
    /// it), over a faint fill of the kept ink.
    static func outline(
        _ stages: PreprocessedDigit, maxSide: Int, line: RGBA, fill: RGBA, region: PixelRect? = nil
    ) throws -> ImageSurface {
        let r = region ?? whole(stages)
        let kept = coverage(stages, value: 1, maxSide: maxSide, region: r)
        let (w, h) = (kept.width, kept.height)
        var marks = Plane<Bool>(width: w, height: h, repeating: false)
        let sx = Double(w) / Double(r.width), sy = Double(h) / Double(r.height)
        for p in stages.outline where p.x >= r.x && p.x < r.maxX && p.y >= r.y && p.y < r.maxY {
            marks[min(w - 1, Int(Double(p.x - r.x) * sx)), min(h - 1, Int(Double(p.y - r.y) * sy))] = true
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
