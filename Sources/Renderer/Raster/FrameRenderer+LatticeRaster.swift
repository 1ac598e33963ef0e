import CairoGraphics
import SceneGraph

extension FrameRenderer {
    /// Smallest on-screen cell side (pixels, at the map's centre) drawn by `rasterLattice`.
    static let minimumRasterCell = 1.5

    /// Draws a map's cells as one textured quad straight into `surface`'s pixels: `corners`
    /// are the lattice's projected corners (first row's first and last point, last row's
    /// last and first), each cell's colour level its texel. The outline is grown by 0.35 px,
    /// as Cairo's grown cells were, so neighbouring slabs' borders stay covered. Nothing here
    /// grows with the number of cells (the texture is the prepared levels array).
    func rasterLattice(
        grid: CellGrid, corners: [SIMD2<Double>], runs: PreparedLayer.Grid, tone: (Int) -> RGBA,
        into surface: ImageSurface
    ) {
        var palette = [UInt32](repeating: 0, count: 256)
        for run in runs.runs { palette[Int(run.level)] = TexturedQuad.pixel(tone(Int(run.level))) }
        let quad = TexturedQuad(
            corners: corners, width: grid.cols, height: grid.rows, texels: runs.levels, palette: palette,
            outset: 0.35)
        surface.withPixelTarget { QuadRasterizer.draw(quad, into: $0) }
    }
}
