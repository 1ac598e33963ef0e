import CairoGraphics

/// Solid quads (thin lines, small squares) kept as outlines and scan-converted row by row,
/// every quad crossing a row composited into that row before the next row is touched.
///
/// Drawing hundreds of one-pixel-wide lines straight into a large frame waits on memory at
/// nearly every pixel (each row of a steep line is a different cache line). A batch instead
/// keeps each quad's edge lines and row range (`add`), then walks the target's rows in
/// memory order (`composite`, or `compositeRow` for a caller that is writing the rows
/// itself, such as the frame's background copy), so each row of the frame is fetched once
/// and every write lands in the cache. Within a row the quads are composited in the order
/// added, and each pixel is computed exactly as `QuadRasterizer.draw` computes it for a
/// one-texel quad, so the pixels are identical to drawing the quads one after another
/// (`SolidRasterTests` checks this bit for bit). Memory: one outline (about 130 bytes) per
/// quad and the list of quads crossing the current row, reused across `reset()`; nothing
/// is allocated per pixel.
public struct SolidBatch {
    /// One quad: its edge lines (as `QuadRasterizer.Setup`), the pixel rows and columns its
    /// coverage box reaches (clipped to the target), and its colour and opacity (0…255).
    struct Quad {
        var edges: (QuadRasterizer.Setup.Edge, QuadRasterizer.Setup.Edge, QuadRasterizer.Setup.Edge, QuadRasterizer.Setup.Edge)
        var yLo: Int32, yHi: Int32, xLo: Int32, xHi: Int32
        var alpha: UInt32
        var color: UInt32
    }
    /// The quads so far, in order.
    private var quads: [Quad] = []
    /// Scan state: quad indices by first row (stable), the next one to enter, and the quads
    /// crossing the current row in the order added (kept across `reset()`).
    private var byFirstRow: [Int32] = []
    private var entering = 0
    private var active: [Int32] = []
    private var lastRow = Int.min

    /// An empty batch.
    public init() {}

    /// Quads added so far (those that reach the target and are not fully transparent).
    public var count: Int { quads.count }

    /// Makes room for `count` quads.
    public mutating func reserve(_ count: Int) { quads.reserveCapacity(count) }

    /// Forgets the quads (keeps the storage).
    public mutating func reset() {
        quads.removeAll(keepingCapacity: true)
        byFirstRow.removeAll(keepingCapacity: true)
        active.removeAll(keepingCapacity: true)
        entering = 0
        lastRow = Int.min
    }

    /// Adds the convex quad `corners` filled with `color` (its alpha as the opacity) for a
    /// target of `width`×`height` pixels (`stride` is accepted for the caller's convenience;
    /// rows are addressed by the target). Returns false, adding nothing, when the quad is not
    /// drawable.
    @discardableResult
    public mutating func add(corners: [SIMD2<Double>], color: RGBA, width: Int, height: Int, stride: Int) -> Bool {
        let opacity = min(max(color.a, 0), 1)
        guard opacity > 0 else { return true }
        // A one-texel quad: the same checks and set-up as `QuadRasterizer.draw`, without the
        // texture and palette arrays.
        guard TexturedQuad.isDrawableOutline(corners, outset: 0),
            let s = QuadRasterizer.Setup(corners: corners, outset: 0, width: 1, height: 1)
        else { return false }
        let box = TexturedQuad.coverageBox(corners, outset: 0)
        guard let yLo = QuadRasterizer.clippedIndex((box.lo.y - 0.5).rounded(.down) + 1, limit: height),
            let yHi = QuadRasterizer.clippedIndex((box.hi.y - 0.5).rounded(.up), limit: height),
            let xLo = QuadRasterizer.clippedIndex((box.lo.x - 0.5).rounded(.down) + 1, limit: width),
            let xHi = QuadRasterizer.clippedIndex((box.hi.x - 0.5).rounded(.up), limit: width),
            yLo < yHi, xLo < xHi
        else { return true }
        quads.append(
            Quad(
                edges: s.edges, yLo: Int32(yLo), yHi: Int32(yHi), xLo: Int32(xLo), xHi: Int32(xHi),
                alpha: UInt32(opacity * 255 + 0.5), color: TexturedQuad.pixel(color.withAlpha(1))))
        return true
    }

    /// Composites every quad into `target` (the size `add` was given): row by row, and
    /// within a row in the order added.
    public mutating func composite(into target: PixelTarget) {
        guard !quads.isEmpty else { return }
        startRows()
        for y in 0..<target.height { compositeRow(y, into: target.row(y)) }
    }

    /// Prepares a pass over the rows (`compositeRow` for rows 0, 1, 2, … in order): the
    /// quads ordered by first row, ties in the order added.
    public mutating func startRows() {
        byFirstRow.removeAll(keepingCapacity: true)
        byFirstRow.append(contentsOf: (0..<Int32(quads.count)))
        quads.withUnsafeBufferPointer { q in
            byFirstRow.sort { a, b in
                let ya = q[Int(a)].yLo, yb = q[Int(b)].yLo
                return ya != yb ? ya < yb : a < b
            }
        }
        active.removeAll(keepingCapacity: true)
        entering = 0
        lastRow = Int.min
    }

    /// Composites every quad's pixels in row `y` (in the order added) into `pixels`, that
    /// row of the target. After `startRows()`, rows must come in increasing order (a row
    /// may be skipped; its pixels are then left alone).
    public mutating func compositeRow(_ y: Int, into pixels: UnsafeMutablePointer<UInt32>) {
        precondition(y > lastRow, "SolidBatch rows must come in increasing order after startRows()")
        lastRow = y
        // Quads whose rows begin here (or began in skipped rows) join; the list stays in
        // the order added.
        var joined = false
        while entering < byFirstRow.count, Int(quads[Int(byFirstRow[entering])].yLo) <= y {
            active.append(byFirstRow[entering])
            entering += 1
            joined = true
        }
        if joined { active.sort() }
        guard !active.isEmpty else { return }
        let kept = quads.withUnsafeBufferPointer { q in
            active.withUnsafeMutableBufferPointer { list -> Int in
                var kept = 0
                for i in 0..<list.count {
                    let k = list[i]
                    let quad = q[Int(k)]
                    guard Int(quad.yHi) > y else { continue }  // finished: dropped from the list
                    list[kept] = k
                    kept += 1
                    Self.compositeRow(y, quad, into: pixels)
                }
                return kept
            }
        }
        active.removeLast(active.count - kept)
    }

    /// One quad's pixels in row `y`: the same spans and coverage as `QuadRasterizer.drawRow`
    /// for a one-texel quad.
    @inline(__always)
    private static func compositeRow(_ y: Int, _ quad: Quad, into pixels: UnsafeMutablePointer<UInt32>) {
        let py = Double(y) + 0.5
        var outer = (Double(quad.xLo), Double(quad.xHi))
        var inner = outer
        @inline(__always) func bound(_ e: QuadRasterizer.Setup.Edge) {
            let k = e.b * py + e.c
            QuadRasterizer.narrow(&outer, e, k: k, threshold: -0.5, margin: -1)
            QuadRasterizer.narrow(&inner, e, k: k, threshold: 0.5, margin: 1)
        }
        bound(quad.edges.0)
        bound(quad.edges.1)
        bound(quad.edges.2)
        bound(quad.edges.3)
        guard outer.0 < outer.1 else { return }
        let o0 = Int(outer.0), o1 = Int(outer.1)
        let alpha = quad.alpha, c = quad.color
        @inline(__always) func edge(_ x: Int) {
            let cover = QuadRasterizer.Setup.coverage(quad.edges, Double(x) + 0.5, py)
            guard cover > 0 else { return }
            let a = UInt32(cover * Double(alpha) + 0.5)
            guard a > 0 else { return }
            pixels[x] = QuadRasterizer.over(c, pixels[x], a)
        }
        let i0 = Int(max(inner.0, outer.0)), i1 = Int(min(inner.1, outer.1))
        guard i0 < i1 else {
            for x in o0..<o1 { edge(x) }
            return
        }
        for x in o0..<i0 { edge(x) }
        if alpha == 255 && c >> 24 == 255 {
            (pixels + i0).update(repeating: c, count: i1 - i0)
        } else {
            for x in i0..<i1 { pixels[x] = QuadRasterizer.over(c, pixels[x], alpha) }
        }
        for x in i1..<o1 { edge(x) }
    }
}
