/// The naive twin of `QuadRasterizer`, for tests: every pixel of the target, its coverage
/// from the signed distances to the four corner-to-corner edges computed afresh, its texel by
/// inverse mapping through a homography solved as a general 8×8 linear system (not the fast
/// rasterizer's closed form), and OVER in `Double` rounded once. No spans, no fixed point.
public enum ReferenceQuadRasterizer {
    /// Draws `quad` into `target` (nothing when `quad.isDrawable` is false).
    public static func draw(_ quad: TexturedQuad, into target: PixelTarget) {
        guard quad.isDrawable, let toTexture = textureHomography(quad) else { return }
        for y in 0..<target.height {
            let row = target.row(y)
            for x in 0..<target.width {
                let px = Double(x) + 0.5, py = Double(y) + 0.5
                let cover = coverage(quad, px, py)
                guard cover > 0 else { continue }
                let (u, v) = apply(toTexture, px, py)
                let column = u >= 0 ? Int(min(u, Double(quad.width - 1))) : 0
                let line = v >= 0 ? Int(min(v, Double(quad.height - 1))) : 0
                let color = quad.palette[Int(quad.texels[line * quad.width + column])]
                row[x] = over(color, row[x], cover * min(quad.opacity, 1))
            }
        }
    }

    /// `QuadRasterizer.drawFaded`'s naive twin: every pixel of the one-texel `quad` at its
    /// coverage times the opacity times `fade` (clamped to 0…1) at the pixel centre's y.
    public static func drawFaded(_ quad: TexturedQuad, fade: (Double) -> Double, into target: PixelTarget) {
        guard quad.width == 1, quad.height == 1, quad.isDrawable else { return }
        for y in 0..<target.height {
            let row = target.row(y)
            let py = Double(y) + 0.5
            let k = min(max(fade(py), 0), 1) * min(quad.opacity, 1)
            for x in 0..<target.width {
                let cover = coverage(quad, Double(x) + 0.5, py)
                guard cover > 0 else { continue }
                row[x] = over(quad.palette[Int(quad.texels[0])], row[x], cover * k)
            }
        }
    }

    /// Coverage at a pixel centre as `TexturedQuad` defines it.
    public static func coverage(_ q: TexturedQuad, _ px: Double, _ py: Double) -> Double {
        let box = q.coverageBox
        guard px > box.lo.x, px < box.hi.x, py > box.lo.y, py < box.hi.y else { return 0 }
        let inside = q.signedArea > 0 ? 1.0 : -1.0
        var c = [Double](repeating: 0, count: 4)
        for i in 0..<4 {
            let a = q.corners[i], b = q.corners[(i + 1) % 4]
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            let cross = (b.x - a.x) * (py - a.y) - (b.y - a.y) * (px - a.x)
            let distance = inside * cross / length + q.outset
            c[i] = min(max(distance + 0.5, 0), 1)
        }
        return max(0, c[0] + c[2] - 1) * max(0, c[1] + c[3] - 1)
    }

    /// The homography taking screen points to texture coordinates (texels), from the four
    /// correspondences corner ↔ texture rectangle corner (h33 = 1), by Gaussian elimination.
    public static func textureHomography(_ q: TexturedQuad) -> [Double]? {
        let w = Double(q.width), h = Double(q.height)
        let texture: [(Double, Double)] = [(0, 0), (w, 0), (w, h), (0, h)]
        var rows: [[Double]] = []
        for i in 0..<4 {
            let (x, y) = (q.corners[i].x, q.corners[i].y)
            let (u, v) = texture[i]
            rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y, u])
            rows.append([0, 0, 0, x, y, 1, -v * x, -v * y, v])
        }
        guard let solution = solve(rows) else { return nil }
        return solution + [1]
    }

    /// Solves an n×(n+1) augmented system with partial pivoting (nil when singular).
    public static func solve(_ system: [[Double]]) -> [Double]? {
        var m = system
        let n = m.count
        for col in 0..<n {
            let pivot = (col..<n).max { abs(m[$0][col]) < abs(m[$1][col]) }!
            guard abs(m[pivot][col]) > 1e-12 else { return nil }
            m.swapAt(col, pivot)
            for r in 0..<n where r != col {
                let f = m[r][col] / m[col][col]
                for k in col...n { m[r][k] -= f * m[col][k] }
            }
        }
        return (0..<n).map { m[$0][n] / m[$0][$0] }
    }

    /// `hm` (row-major 3×3) applied to the point (`x`, `y`), divided through.
    public static func apply(_ hm: [Double], _ x: Double, _ y: Double) -> (Double, Double) {
        let w = hm[6] * x + hm[7] * y + hm[8]
        return ((hm[0] * x + hm[1] * y + hm[2]) / w, (hm[3] * x + hm[4] * y + hm[5]) / w)
    }

    /// Premultiplied `src` times `k` OVER `dst`, per channel in `Double`, rounded once.
    public static func over(_ src: UInt32, _ dst: UInt32, _ k: Double) -> UInt32 {
        let sa = Double(src >> 24) * k
        var out: UInt32 = 0
        for shift: UInt32 in [0, 8, 16, 24] {
            let s = Double(src >> shift & 0xFF) * k, d = Double(dst >> shift & 0xFF)
            let value = min(max((s + d * (1 - sa / 255)).rounded(), 0), 255)
            out |= UInt32(value) << shift
        }
        return out
    }
}
