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

extension Context {
    /// Draws `image` scaled into (x, y, width, height) with hard cell edges: as rectangles on
    /// an SVG surface when it has at most `PixelCells.maxVectorCells` cells, else as an image
    /// with the nearest filter.
    ///
    /// Viewers antialias each rectangle on its own, so two abutting rectangles leave a faint
    /// seam of whatever lies behind. When every cell is opaque, each run therefore reaches
    /// half a cell into its right and lower neighbours, which are painted after it (row by
    /// row, left to right) and cover that overlap exactly: a boundary pixel then blends only
    /// the two cells' own colours. A raster with transparent cells gets a hair of overlap.
    public func drawCells(_ image: ImageSurface, x: Double, y: Double, width: Double, height: Double) {
        let (w, h) = (image.width, image.height)
        guard surface is SVGSurface, w * h <= PixelCells.maxVectorCells, w > 0, h > 0 else {
            drawImage(image, x: x, y: y, width: width, height: height, filter: .nearest)
            return
        }
        let cw = width / Double(w), ch = height / Double(h)
        let bgra = image.bgraBytes()
        let runs = PixelCells.runs(bgra: bgra, width: w, height: h)
        let opaque = runs.reduce(0) { $0 + $1.length } == w * h && runs.allSatisfy { $0.colour.a >= 1 }
        let reach = opaque ? 0.5 : 0.04
        save()
        for run in runs {
            let right = run.column + run.length < w ? cw * reach : 0
            let down = run.row + 1 < h ? ch * reach : 0
            newPath()
            rectangle(x + Double(run.column) * cw, y + Double(run.row) * ch, Double(run.length) * cw + right, ch + down)
            setColor(run.colour)
            fill()
        }
        restore()
    }
}
