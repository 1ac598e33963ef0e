import CairoGraphics

/// Solid quads (thin lines, small squares) scan-converted in two passes: first every quad
/// into a list of pixel writes, then all writes composited row by row.
///
/// Drawing hundreds of one-pixel-wide lines straight into a large frame waits on memory at
/// nearly every pixel (each row of a steep line is a different cache line). The second pass
/// sorts the writes by row (a stable counting sort: writes to the same pixel keep their
/// order) and composites them in memory order, so each row of the frame is fetched once and
/// the processor can stream. Each write is computed exactly as `QuadRasterizer.draw`
/// computes it for a one-texel quad, so the pixels are identical to drawing the quads one
/// after another (`SolidRasterTests` checks this bit for bit). Memory: one 20-byte write per
/// edge pixel or interior run plus a sorted copy, reused across `reset()`; nothing is
/// allocated per quad.
public struct SolidBatch {
    /// `count` pixels from column `x` of row `y` composited with `color` at `alpha`
    /// (0…255); `alpha` 255 with an opaque colour is a plain store.
    public struct Write: Sendable, Equatable {
        public var y: Int32
        public var x: Int32
        public var count: Int32
        public var alpha: UInt32
        public var color: UInt32
    }
    /// The writes so far, in order.
    public private(set) var writes: [Write] = []
    /// Scratch for the row-sorted writes and the per-row counts (kept across `reset()`).
    private var sorted: [Write] = []
    private var rowStarts: [Int32] = []

    /// An empty batch.
    public init() {}

    /// Makes room for `count` writes (an estimate saves the list's regrowth on big batches).
    public mutating func reserve(_ count: Int) { writes.reserveCapacity(count) }

    /// Forgets the writes (keeps the storage).
    public mutating func reset() { writes.removeAll(keepingCapacity: true) }

    /// Adds the convex quad `corners` filled with `color` (its alpha as the opacity) for a
    /// target of `width`×`height` pixels (`stride` is accepted for the caller's convenience;
    /// writes are kept by row and column). Returns false, adding nothing, when the quad is
    /// not drawable.
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
        let alpha = UInt32(opacity * 255 + 0.5)
        let c = TexturedQuad.pixel(color.withAlpha(1))
        for y in yLo..<yHi {
            let py = Double(y) + 0.5
            // The same spans as `QuadRasterizer.drawRow`.
            var outer = (Double(xLo), Double(xHi))
            var inner = outer
            @inline(__always) func bound(_ e: QuadRasterizer.Setup.Edge) {
                let k = e.b * py + e.c
                QuadRasterizer.narrow(&outer, a: e.a, k: k, threshold: -0.5, margin: -1)
                QuadRasterizer.narrow(&inner, a: e.a, k: k, threshold: 0.5, margin: 1)
            }
            bound(s.edges.0)
            bound(s.edges.1)
            bound(s.edges.2)
            bound(s.edges.3)
            guard outer.0 < outer.1 else { continue }
            let o0 = Int(outer.0), o1 = Int(outer.1)
            let row = Int32(y)
            @inline(__always) func edge(_ x: Int) {
                let cover = s.coverage(Double(x) + 0.5, py)
                guard cover > 0 else { return }
                let a = UInt32(cover * Double(alpha) + 0.5)
                guard a > 0 else { return }
                writes.append(Write(y: row, x: Int32(x), count: 1, alpha: a, color: c))
            }
            let i0 = Int(max(inner.0, outer.0)), i1 = Int(min(inner.1, outer.1))
            guard i0 < i1 else {
                for x in o0..<o1 { edge(x) }
                continue
            }
            for x in o0..<i0 { edge(x) }
            writes.append(Write(y: row, x: Int32(i0), count: Int32(i1 - i0), alpha: alpha, color: c))
            for x in i1..<o1 { edge(x) }
        }
        return true
    }

    /// Composites every write into `target` (the size `add` was given): row by row, and
    /// within a row in the order added.
    public mutating func composite(into target: PixelTarget) {
        guard !writes.isEmpty else { return }
        sortByRow(rows: target.height)
        for y in 0..<target.height { compositeSorted(row: y, into: target.row(y)) }
    }

    /// Sorts the writes by row for `compositeSorted` (a stable counting sort over `rows`
    /// rows, at least every row written to).
    public mutating func sortByRow(rows: Int) {
        rowStarts.removeAll(keepingCapacity: true)
        rowStarts.append(contentsOf: repeatElement(0, count: rows + 1))
        sorted.removeAll(keepingCapacity: true)
        sorted.append(contentsOf: writes)  // the right size; overwritten below
        writes.withUnsafeBufferPointer { list in
            rowStarts.withUnsafeMutableBufferPointer { starts in
                for w in list { starts[Int(w.y) + 1] += 1 }
                for r in 0..<rows { starts[r + 1] += starts[r] }
                sorted.withUnsafeMutableBufferPointer { out in
                    for w in list {
                        let r = Int(w.y)
                        out[Int(starts[r])] = w
                        starts[r] += 1
                    }
                }
            }
        }
        // Now starts[r] is where row r's writes end (and row r + 1's begin).
    }

    /// Composites the writes of row `y` (in the order added) into `pixels`, that row of the
    /// target; after `sortByRow`.
    public func compositeSorted(row y: Int, into pixels: UnsafeMutablePointer<UInt32>) {
        guard y >= 0, y + 1 < rowStarts.count else { return }
        let lo = y == 0 ? 0 : Int(rowStarts[y - 1]), hi = Int(rowStarts[y])
        guard lo < hi else { return }
        sorted.withUnsafeBufferPointer { list in
            for w in list[lo..<hi] {
                let p = pixels + Int(w.x)
                if w.count == 1 {
                    p.pointee = QuadRasterizer.over(w.color, p.pointee, w.alpha)
                } else if w.alpha == 255 && w.color >> 24 == 255 {
                    p.update(repeating: w.color, count: Int(w.count))
                } else {
                    for i in 0..<Int(w.count) { p[i] = QuadRasterizer.over(w.color, p[i], w.alpha) }
                }
            }
        }
    }
}
