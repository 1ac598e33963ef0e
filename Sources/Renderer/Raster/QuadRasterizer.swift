/// Scan-converts a `TexturedQuad` into ARGB32 pixels, composited OVER in place.
///
/// Per quad: the four edge lines as signed distances and the screen → texture homography
/// are solved once. Per row of the bounding box (clipped to the target): each edge line
/// gives the pixel range where the quad may touch (outer span) and where every edge is at
/// least half a pixel away so coverage is exactly 1 (inner span, shrunk by a pixel for
/// safety); only the few pixels between the two compute coverage. Every covered pixel takes
/// its nearest texel through the homography, evaluated directly at the pixel centre (the
/// same expression for every pixel, so cells stay crisp and no drift builds along a row).
/// Nothing is allocated per texel or per pixel. `ReferenceQuadRasterizer` is the naive
/// version this is tested against.
public enum QuadRasterizer {
    /// Draws `quad` into `target` (nothing when `quad.isDrawable` is false).
    public static func draw(_ quad: TexturedQuad, into target: PixelTarget) {
        guard quad.isDrawable, let setup = Setup(quad), let (yLo, yHi, xLo, xHi) = pixelBox(quad, target) else { return }
        let alpha = UInt32(min(quad.opacity, 1) * 255 + 0.5)
        // A one-texel quad (a solid fill or a line) skips the texture lookup (its result is
        // always texel 0); both loops are the same code specialised on `solid`.
        let solid = quad.width == 1 && quad.height == 1
        quad.texels.withUnsafeBufferPointer { texels in
            quad.palette.withUnsafeBufferPointer { palette in
                if solid {
                    for y in yLo..<yHi {
                        drawRow(y, xLo: xLo, xHi: xHi, setup, texels, palette, alpha: alpha, solid: true, target)
                    }
                } else {
                    for y in yLo..<yHi {
                        drawRow(y, xLo: xLo, xHi: xHi, setup, texels, palette, alpha: alpha, solid: false, target)
                    }
                }
            }
        }
    }

    /// Draws the one-texel `quad` with its opacity multiplied, row by row, by `fade(py)`
    /// (clamped to 0…1) at the row's pixel centre `py`: a fill that fades along screen y, such
    /// as a vertical linear gradient, with the quad's analytic edges. Draws nothing when the
    /// quad is not drawable or has more than one texel.
    public static func drawFaded(_ quad: TexturedQuad, fade: (Double) -> Double, into target: PixelTarget) {
        guard quad.width == 1, quad.height == 1, quad.isDrawable, let setup = Setup(quad),
            let (yLo, yHi, xLo, xHi) = pixelBox(quad, target)
        else { return }
        let opacity = min(quad.opacity, 1)
        quad.texels.withUnsafeBufferPointer { texels in
            quad.palette.withUnsafeBufferPointer { palette in
                for y in yLo..<yHi {
                    let k = min(max(fade(Double(y) + 0.5), 0), 1)
                    let alpha = UInt32(opacity * k * 255 + 0.5)
                    guard alpha > 0 else { continue }
                    drawRow(y, xLo: xLo, xHi: xHi, setup, texels, palette, alpha: alpha, solid: true, target)
                }
            }
        }
    }

    /// The pixels (half-open rows `yLo..<yHi`, columns `xLo..<xHi`) whose centres lie inside
    /// `quad`'s coverage box, clipped to `target`; nil when none do.
    private static func pixelBox(_ quad: TexturedQuad, _ target: PixelTarget) -> (Int, Int, Int, Int)? {
        let box = quad.coverageBox
        guard let yLo = clippedIndex((box.lo.y - 0.5).rounded(.down) + 1, limit: target.height),
            let yHi = clippedIndex((box.hi.y - 0.5).rounded(.up), limit: target.height),
            let xLo = clippedIndex((box.lo.x - 0.5).rounded(.down) + 1, limit: target.width),
            let xHi = clippedIndex((box.hi.x - 0.5).rounded(.up), limit: target.width),
            yLo < yHi, xLo < xHi
        else { return nil }
        return (yLo, yHi, xLo, xHi)
    }

    /// One pixel row: outer span edge pixels with coverage, inner span at full coverage.
    @inline(__always)
    private static func drawRow(
        _ y: Int, xLo: Int, xHi: Int, _ s: Setup, _ texels: UnsafeBufferPointer<UInt8>,
        _ palette: UnsafeBufferPointer<UInt32>, alpha: UInt32, solid: Bool, _ target: PixelTarget
    ) {
        let py = Double(y) + 0.5
        // Coverage is positive only where every d_i > −0.5 and exactly 1 where every d_i ≥ 0.5.
        var outer = (Double(xLo), Double(xHi))
        var inner = outer
        @inline(__always) func bound(_ e: Setup.Edge) {
            let k = e.b * py + e.c
            narrow(&outer, e, k: k, threshold: -0.5, margin: -1)
            narrow(&inner, e, k: k, threshold: 0.5, margin: 1)
        }
        bound(s.edges.0)
        bound(s.edges.1)
        bound(s.edges.2)
        bound(s.edges.3)
        guard outer.0 < outer.1 else { return }
        let o0 = Int(outer.0), o1 = Int(outer.1)
        let row = target.row(y)
        let i0 = Int(max(inner.0, outer.0)), i1 = Int(min(inner.1, outer.1))
        guard i0 < i1 else {
            for x in o0..<o1 { edgePixel(x, py, s, texels, palette, alpha: alpha, solid: solid, row) }
            return
        }
        for x in o0..<i0 { edgePixel(x, py, s, texels, palette, alpha: alpha, solid: solid, row) }
        let opaque = alpha == 255
        if solid {
            let c = palette[Int(texels[0])]
            if opaque && c >> 24 == 255 {
                (row + i0).update(repeating: c, count: i1 - i0)
            } else {
                for x in i0..<i1 { row[x] = over(c, row[x], alpha) }
            }
        } else {
            @inline(__always) func put(_ x: Int, _ texel: Int) {
                let c = palette[Int(texels[texel])]
                row[x] = opaque && c >> 24 == 255 ? c : over(c, row[x], alpha)
            }
            var x = i0
            while x + 4 <= i1 {
                let t = s.texels4(x, py)
                put(x, t.0)
                put(x + 1, t.1)
                put(x + 2, t.2)
                put(x + 3, t.3)
                x += 4
            }
            while x < i1 {
                put(x, s.texel(Double(x) + 0.5, py))
                x += 1
            }
        }
        for x in i1..<o1 { edgePixel(x, py, s, texels, palette, alpha: alpha, solid: solid, row) }
    }

    /// Composites one pixel whose coverage must be computed.
    @inline(__always)
    private static func edgePixel(
        _ x: Int, _ py: Double, _ s: Setup, _ texels: UnsafeBufferPointer<UInt8>,
        _ palette: UnsafeBufferPointer<UInt32>, alpha: UInt32, solid: Bool, _ row: UnsafeMutablePointer<UInt32>
    ) {
        let px = Double(x) + 0.5
        let cover = s.coverage(px, py)
        guard cover > 0 else { return }
        let a = UInt32(cover * Double(alpha) + 0.5)
        guard a > 0 else { return }
        row[x] = over(palette[Int(texels[solid ? 0 : s.texel(px, py)])], row[x], a)
    }

    /// Shrinks the pixel range `span` (x values, half-open) to where `e.a·(x+0.5) + k ≥
    /// threshold`, moved inward (`margin` 1) or outward (−1) by a pixel against rounding.
    /// The crossing is found with the edge's stored reciprocal of `a` (a multiply, not a
    /// division): it may differ from the quotient in the last bit, which the pixel of margin
    /// absorbs. Pixels just outside the outer span have no coverage and pixels inside the
    /// inner one full coverage, so which pixels are drawn, and how, does not change.
    @inline(__always)
    static func narrow(_ span: inout (Double, Double), _ e: Setup.Edge, k: Double, threshold: Double, margin: Double) {
        if abs(e.a) < 1e-9 {
            // Parallel to the row: all or nothing (a tenth of a pixel's grace either way).
            if k < threshold + 0.1 * margin { span.1 = span.0 }
            return
        }
        let edge = (threshold - k) * e.inverseA - 0.5
        if e.a > 0 {
            span.0 = max(span.0, min(span.1, (edge.rounded(.up) + margin)))
        } else {
            span.1 = min(span.1, max(span.0, (edge.rounded(.down) + 1 - margin)))
        }
        if !(span.0 < span.1) { span.1 = span.0 }
    }

    /// `src` scaled by `alpha`/255, OVER `dst`; premultiplied ARGB32, two channels per
    /// 32-bit multiply, each product rounded as `x/255` exactly.
    @inline(__always)
    public static func over(_ src: UInt32, _ dst: UInt32, _ alpha: UInt32) -> UInt32 {
        let s = alpha == 255 ? src : scale(src, alpha)
        return s &+ scale(dst, 255 - (s >> 24))
    }

    /// Every channel of `p` times `m`/255, rounded.
    @inline(__always)
    public static func scale(_ p: UInt32, _ m: UInt32) -> UInt32 {
        var rb = (p & 0x00FF_00FF) &* m &+ 0x0080_0080
        rb = ((rb >> 8 & 0x00FF_00FF) &+ rb) >> 8 & 0x00FF_00FF
        var ag = (p >> 8 & 0x00FF_00FF) &* m &+ 0x0080_0080
        ag = ((ag >> 8 & 0x00FF_00FF) &+ ag) & 0xFF00_FF00
        return rb | ag
    }

    /// The texel index under each pixel centre of `columns` in row `y` of `quad`, computed
    /// four lanes at a time as the interior loop does (`lanes`) or one pixel at a time: for
    /// tests, which check that both give the same indices. Nil when `quad` is not drawable.
    public static func texelIndices(_ quad: TexturedQuad, row y: Int, columns: Range<Int>, lanes: Bool) -> [Int]? {
        guard quad.isDrawable, let s = Setup(quad) else { return nil }
        let py = Double(y) + 0.5
        var out: [Int] = []
        var x = columns.lowerBound
        if lanes {
            while x + 4 <= columns.upperBound {
                let t = s.texels4(x, py)
                out += [t.0, t.1, t.2, t.3]
                x += 4
            }
        }
        while x < columns.upperBound {
            out.append(s.texel(Double(x) + 0.5, py))
            x += 1
        }
        return out
    }

    /// Clamps a pixel boundary to `0…limit` as an index (nil when not finite).
    static func clippedIndex(_ v: Double, limit: Int) -> Int? {
        guard v.isFinite else { return nil }
        return Int(min(max(v, 0), Double(limit)))
    }

    /// What every pixel of one quad shares: edge lines and the texture homography.
    struct Setup {
        /// `d = a·x + b·y + c`: signed distance to an edge grown by the outset, positive inside.
        struct Edge {
            var a: Double, b: Double, c: Double
            /// `1/a` (0 for an edge parallel to the rows, which `narrow` treats apart).
            var inverseA: Double

            init(a: Double, b: Double, c: Double) {
                self.a = a
                self.b = b
                self.c = c
                inverseA = abs(a) < 1e-9 ? 0 : 1 / a
            }
        }
        let edges: (Edge, Edge, Edge, Edge)
        /// Screen → texel homography, row-major 3×3, rows scaled to texture width/height.
        let h: (Double, Double, Double, Double, Double, Double, Double, Double, Double)
        let maxColumn: Double, maxRow: Double
        let width: Int

        init?(_ q: TexturedQuad) {
            self.init(corners: q.corners, outset: q.outset, width: q.width, height: q.height)
        }

        /// The setup of a quad with these `corners` (a drawable outline) and a texture of
        /// `width`×`height` texels.
        init?(corners: [SIMD2<Double>], outset: Double, width texWidth: Int, height texHeight: Int) {
            let sign = TexturedQuad.signedArea(corners) > 0 ? 1.0 : -1.0
            func edge(_ i: Int) -> Edge {
                let p = corners[i], r = corners[(i + 1) % 4]
                let dx = r.x - p.x, dy = r.y - p.y
                let len = (dx * dx + dy * dy).squareRoot()
                return Edge(a: -sign * dy / len, b: sign * dx / len, c: sign * (dy * p.x - dx * p.y) / len + outset)
            }
            edges = (edge(0), edge(1), edge(2), edge(3))
            guard let m = Self.unitSquareToQuad(corners) else { return nil }
            // Inverse up to scale: the adjugate; then u·W, v·H.
            let (a, b, c, d, e, f, g, hh, i) = m
            let w = Double(texWidth), ht = Double(texHeight)
            h = (
                (e * i - f * hh) * w, (c * hh - b * i) * w, (b * f - c * e) * w,
                (f * g - d * i) * ht, (a * i - c * g) * ht, (c * d - a * f) * ht,
                d * hh - e * g, b * g - a * hh, a * e - b * d
            )
            maxColumn = Double(texWidth - 1)
            maxRow = Double(texHeight - 1)
            width = texWidth
        }

        /// Heckbert's closed form: the homography taking (0,0), (1,0), (1,1), (0,1) to the
        /// corners, row-major `[a b c; d e f; g h i]` (nil when singular).
        static func unitSquareToQuad(_ p: [SIMD2<Double>])
            -> (Double, Double, Double, Double, Double, Double, Double, Double, Double)?
        {
            let sx = p[0].x - p[1].x + p[2].x - p[3].x, sy = p[0].y - p[1].y + p[2].y - p[3].y
            var g = 0.0, h = 0.0
            if sx != 0 || sy != 0 {
                let dx1 = p[1].x - p[2].x, dx2 = p[3].x - p[2].x, dy1 = p[1].y - p[2].y, dy2 = p[3].y - p[2].y
                let den = dx1 * dy2 - dx2 * dy1
                guard abs(den) > 1e-12 else { return nil }
                g = (sx * dy2 - dx2 * sy) / den
                h = (dx1 * sy - sx * dy1) / den
            }
            let m = (
                p[1].x - p[0].x + g * p[1].x, p[3].x - p[0].x + h * p[3].x, p[0].x,
                p[1].y - p[0].y + g * p[1].y, p[3].y - p[0].y + h * p[3].y, p[0].y,
                g, h, 1.0
            )
            let det = m.0 * (m.4 * m.8 - m.5 * m.7) - m.1 * (m.3 * m.8 - m.5 * m.6) + m.2 * (m.3 * m.7 - m.4 * m.6)
            guard det.isFinite, abs(det) > 1e-12 else { return nil }
            return m
        }

        /// Analytic coverage 0…1 at pixel centre (`px`, `py`) (see `TexturedQuad`).
        @inline(__always) func coverage(_ px: Double, _ py: Double) -> Double { Self.coverage(edges, px, py) }

        /// Analytic coverage 0…1 at pixel centre (`px`, `py`) of the quad with these edges.
        @inline(__always) static func coverage(_ edges: (Edge, Edge, Edge, Edge), _ px: Double, _ py: Double) -> Double {
            func c(_ e: Edge) -> Double { min(max(e.a * px + e.b * py + e.c + 0.5, 0), 1) }
            return max(0, c(edges.0) + c(edges.2) - 1) * max(0, c(edges.1) + c(edges.3) - 1)
        }

        /// Row-major index of the texel nearest under pixel centre (`px`, `py`), clamped to
        /// the texture (rim pixels outside the corners take the edge texel).
        @inline(__always) func texel(_ px: Double, _ py: Double) -> Int {
            let w = h.6 * px + h.7 * py + h.8
            var u = (h.0 * px + h.1 * py + h.2) / w
            var v = (h.3 * px + h.4 * py + h.5) / w
            if !(u >= 0) { u = 0 } else if u > maxColumn { u = maxColumn }
            if !(v >= 0) { v = 0 } else if v > maxRow { v = maxRow }
            return Int(v) * width + Int(u)
        }

        /// `texel` at pixel centres `x`…`x+3` of row centre `py`, four lanes at once: the
        /// same operations in the same order per lane (IEEE division is exact per lane), so
        /// each index equals `texel`'s.
        @inline(__always) func texels4(_ x: Int, _ py: Double) -> (Int, Int, Int, Int) {
            let px = SIMD4(Double(x), Double(x + 1), Double(x + 2), Double(x + 3)) + 0.5
            let w = SIMD4(repeating: h.6) * px + SIMD4(repeating: h.7 * py) + SIMD4(repeating: h.8)
            var u = (SIMD4(repeating: h.0) * px + SIMD4(repeating: h.1 * py) + SIMD4(repeating: h.2)) / w
            var v = (SIMD4(repeating: h.3) * px + SIMD4(repeating: h.4 * py) + SIMD4(repeating: h.5)) / w
            u.replace(with: 0, where: .!(u .>= 0))
            u.replace(with: maxColumn, where: u .> maxColumn)
            v.replace(with: 0, where: .!(v .>= 0))
            v.replace(with: maxRow, where: v .> maxRow)
            return (
                Int(v[0]) * width + Int(u[0]), Int(v[1]) * width + Int(u[1]), Int(v[2]) * width + Int(u[2]),
                Int(v[3]) * width + Int(u[3])
            )
        }
    }
}
