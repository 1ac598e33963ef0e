import CairoGraphics
import SceneGraph

extension FrameRenderer {
    /// Smallest on-screen cell side (pixels, at the map's centre) drawn by `rasterLattice`.
    static let minimumRasterCell = 1.5

    /// Draws a map's cells as one textured quad straight into `surface`'s pixels: the
    /// lattice corners `xs`/`ys` (row-major, `cols + 1` per row) give the quad, each cell's
    /// colour level its texel. The outline is grown by 0.35 px, as Cairo's grown cells were,
    /// so neighbouring slabs' borders stay covered.
    func rasterLattice(
        grid: CellGrid, xs: [Double], ys: [Double], runs: PreparedLayer.Grid, tone: (Int) -> RGBA,
        into surface: ImageSurface
    ) {
        let cols = grid.cols, last = grid.rows * (cols + 1) + cols
        var palette = [UInt32](repeating: 0, count: 256)
        for run in runs.runs { palette[Int(run.level)] = TexturedQuad.pixel(tone(Int(run.level))) }
        let quad = TexturedQuad(
            corners: [
                SIMD2(xs[0], ys[0]), SIMD2(xs[cols], ys[cols]), SIMD2(xs[last], ys[last]),
                SIMD2(xs[last - cols], ys[last - cols]),
            ],
            width: cols, height: grid.rows, texels: runs.levels, palette: palette, outset: 0.35)
        surface.withPixelTarget { QuadRasterizer.draw(quad, into: $0) }
    }
}
