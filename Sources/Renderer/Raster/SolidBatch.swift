import CairoGraphics

/// Solid quads (thin lines, small squares) scan-converted in two passes: first every quad
/// into a list of pixel writes, then all writes composited in one tight loop.
///
/// Drawing hundreds of one-pixel-wide lines straight into a large frame waits on memory at
/// nearly every pixel (each row of a steep line is a different cache line, and the
/// per-row span arithmetic between loads keeps the processor from fetching ahead). The
/// second pass has no arithmetic between its loads, so the processor fetches many at
/// once. The writes keep the quads' order, and each is computed exactly as
/// `QuadRasterizer.draw` computes it for a one-texel quad, so the pixels are identical to
/// drawing the quads one after another (`SolidRasterTests` checks this bit for bit).
/// Memory: one 16-byte write per edge pixel or interior run, reused across `reset()`.
public struct SolidBatch {
    /// `count` pixels from `offset` (in pixels from the target's base; rows `stride / 4`
    /// pixels apart) composited with `color` at `alpha` (0…255); `alpha` 255 with an
    /// opaque colour is a plain store.
    public struct Write: Sendable, Equatable {
        public var offset: Int
        public var count: Int32
        public var alpha: UInt32
        public var color: UInt32
    }
    /// The writes so far, in order.
    public private(set) var writes: [Write] = []

    /// An empty batch.
    public init() {}

    /// Forgets the writes (keeps the storage).
    public mutating func reset() { writes.removeAll(keepingCapacity: true) }

    /// Adds the convex quad `corners` filled with `color` (its alpha as the opacity) for a
    /// target of `width`×`height` pixels with rows `stride` bytes apart. Returns false,
    /// adding nothing, when the quad is not drawable.
    @discardableResult
    public mutating func add(corners: [SIMD2<Double>], color: RGBA, width: Int, height: Int, stride: Int) -> Bool {
        let opacity = min(max(color.a, 0), 1)
        guard opacity > 0 else { return true }
        var palette = [UInt32](repeating: 0, count: 256)
        palette[0] = TexturedQuad.pixel(color.withAlpha(1))
        let quad = TexturedQuad(corners: corners, width: 1, height: 1, texels: [0], palette: palette, opacity: opacity)
        guard quad.isDrawable, let s = QuadRasterizer.Setup(quad) else { return false }
        let box = quad.coverageBox
        guard let yLo = QuadRasterizer.clippedIndex((box.lo.y - 0.5).rounded(.down) + 1, limit: height),
            let yHi = QuadRasterizer.clippedIndex((box.hi.y - 0.5).rounded(.up), limit: height),
            let xLo = QuadRasterizer.clippedIndex((box.lo.x - 0.5).rounded(.down) + 1, limit: width),
            let xHi = QuadRasterizer.clippedIndex((box.hi.x - 0.5).rounded(.up), limit: width),
            yLo < yHi, xLo < xHi
        else { return true }
        let alpha = UInt32(opacity * 255 + 0.5)
        let c = palette[0]
        let rowPixels = stride / 4
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
            let base = y * rowPixels
            @inline(__always) func edge(_ x: Int) {
                let cover = s.coverage(Double(x) + 0.5, py)
                guard cover > 0 else { return }
                let a = UInt32(cover * Double(alpha) + 0.5)
                guard a > 0 else { return }
                writes.append(Write(offset: base + x, count: 1, alpha: a, color: c))
            }
            let i0 = Int(max(inner.0, outer.0)), i1 = Int(min(inner.1, outer.1))
            guard i0 < i1 else {
                for x in o0..<o1 { edge(x) }
                continue
            }
            for x in o0..<i0 { edge(x) }
            writes.append(Write(offset: base + i0, count: Int32(i1 - i0), alpha: alpha, color: c))
            for x in i1..<o1 { edge(x) }
        }
        return true
    }

    /// Composites every write, in order, into `target` (the size and stride `add` was given).
    public func composite(into target: PixelTarget) {
        let pixels = UnsafeMutableRawPointer(target.base).assumingMemoryBound(to: UInt32.self)
        writes.withUnsafeBufferPointer { list in
            for w in list {
                let p = pixels + w.offset
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
