import CairoGraphics

/// Draws a small raster (a feature map, a kernel, the 28×28 input) so that its cells stay hard
/// squares in every output: an image with the nearest filter on pixel surfaces, and on SVG
/// surfaces one filled rectangle per run of equal cells in a row, since SVG viewers smooth
/// embedded images (librsvg ignores `image-rendering` entirely; see `CrispSVG`, which still
/// marks the larger images browsers and Inkscape get).
public enum PixelCells {
    /// Rasters with more cells than this stay one embedded image even in SVG (64×64).
    public static let maxVectorCells = 4096

    /// The runs of equal pixels of each row of `bgra` (tightly packed premultiplied BGRA,
    /// `width*height*4` bytes): (row, first column, length, colour), in row order. Colours
    /// are un-premultiplied; fully transparent runs are left out.
    public static func runs(bgra: [UInt8], width: Int, height: Int) -> [(row: Int, column: Int, length: Int, colour: RGBA)] {
        guard width > 0, height > 0, bgra.count >= width * height * 4 else { return [] }
        var out: [(row: Int, column: Int, length: Int, colour: RGBA)] = []
        for y in 0..<height {
            var x = 0
            while x < width {
                let i = 4 * (y * width + x)
                var end = x + 1
                while end < width, bgra[4 * (y * width + end)..<4 * (y * width + end) + 4] == bgra[i..<i + 4] { end += 1 }
                let a = Double(bgra[i + 3]) / 255
                if a > 0 {
                    let colour = RGBA(
                        Double(bgra[i + 2]) / 255 / a, Double(bgra[i + 1]) / 255 / a, Double(bgra[i]) / 255 / a, a)
                    out.append((y, x, end - x, colour))
                }
                x = end
            }
        }
        return out
    }
}

extension PixelCells {
    /// The most frequent fully opaque colour of `bgra` (ties: the first met), or nil when no
    /// pixel is opaque.
    public static func commonestOpaque(bgra: [UInt8]) -> RGBA? {
        var counts: [UInt32: Int] = [:]
        var best: (key: UInt32, count: Int)? = nil
        var i = 0
        while i + 3 < bgra.count {
            if bgra[i + 3] == 255 {
                let key = UInt32(bgra[i]) | UInt32(bgra[i + 1]) << 8 | UInt32(bgra[i + 2]) << 16
                let n = counts[key, default: 0] + 1
                counts[key] = n
                if n > (best?.count ?? 0) { best = (key, n) }
            }
            i += 4
        }
        guard let key = best?.key else { return nil }
        return RGBA(Double((key >> 16) & 255) / 255, Double((key >> 8) & 255) / 255, Double(key & 255) / 255, 1)
    }
}

extension Context {
    /// Draws `image` scaled into (x, y, width, height) with hard cell edges: as rectangles on
    /// an SVG surface when it has at most `PixelCells.maxVectorCells` cells, else as an image
    /// with the nearest filter. Opaque rectangles overlap their right and lower neighbours by
    /// a hair so no seam shows between cells where a viewer antialiases their edges.
    public func drawCells(_ image: ImageSurface, x: Double, y: Double, width: Double, height: Double) {
        let (w, h) = (image.width, image.height)
        guard surface is SVGSurface, w * h <= PixelCells.maxVectorCells, w > 0, h > 0 else {
            drawImage(image, x: x, y: y, width: width, height: height, filter: .nearest)
            return
        }
        let cw = width / Double(w), ch = height / Double(h)
        let bgra = image.bgraBytes()
        save()
        // The commonest opaque colour fills the whole raster first, and its runs are skipped:
        // antialiased run edges then blend into that colour instead of the page behind
        // (viewers composite edge coverage, so abutting rectangles alone leave faint seams).
        let ground = PixelCells.commonestOpaque(bgra: bgra)
        if let ground {
            newPath()
            rectangle(x, y, width, height)
            setColor(ground)
            fill()
        }
        for run in PixelCells.runs(bgra: bgra, width: w, height: h) where run.colour != ground {
            let opaque = run.colour.a >= 1
            let right = run.column + run.length < w && opaque ? cw * 0.04 : 0
            let down = run.row + 1 < h && opaque ? ch * 0.04 : 0
            newPath()
            rectangle(x + Double(run.column) * cw, y + Double(run.row) * ch, Double(run.length) * cw + right, ch + down)
            setColor(run.colour)
            fill()
        }
        restore()
    }
}
