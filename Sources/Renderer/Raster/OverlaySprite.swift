import CairoGraphics

/// Premultiplied ARGB32 pixels of something drawn once with Cairo on a transparent scratch
/// surface, placed at whole-pixel frame coordinates, and composited over later frames
/// (`composite(over:)`) instead of being drawn again: the overlay panels, whose text costs
/// Cairo far more than a pass over their pixels.
///
/// Compositing is pixman's OVER for 8-bit channels, so it is bit-identical to Cairo painting
/// the scratch surface at the same place (`OverlaySpriteTests` checks it against exactly
/// that). Against drawing each shape straight into the frame it differs only by the 8-bit
/// rounding of compositing the flattened layer once instead of each shape in turn (a level
/// or two where shapes overlap antialiased edges; `OverlayCacheTests` bounds it).
public struct OverlaySprite: Sendable {
    /// Top-left pixel in the frame.
    public let x: Int, y: Int
    /// Size in pixels.
    public let width: Int, height: Int
    /// `height` rows of `width` premultiplied ARGB32 pixels (Cairo's native-endian words).
    public let pixels: [UInt32]
    /// Per row, the first pixel with nonzero alpha and one past the last (equal: nothing).
    public let spans: [SIMD2<Int32>]

    /// Draws `paint` (in frame coordinates, on a fresh context: set any state it relies on)
    /// onto a transparent `width`×`height` scratch surface placed at (`x`, `y`) in the frame.
    /// Nil when anything reached the scratch surface's outermost pixels (the drawing may have
    /// been clipped: the caller then draws straight into the frame).
    public static func draw(
        x: Int, y: Int, width: Int, height: Int, _ paint: (Context) throws -> Void
    ) throws -> OverlaySprite? {
        guard width > 2, height > 2 else { return nil }
        let scratch = try ImageSurface(width: width, height: height)
        do {
            let context = try Context(scratch)
            // A whole-pixel shift: every shape and glyph lands on the same sub-pixel phase
            // as in the frame.
            context.translate(Double(-x), Double(-y))
            try paint(context)
            try context.checkStatus()
        }
        scratch.flush()
        var pixels = [UInt32](repeating: 0, count: width * height)
        var spans = [SIMD2<Int32>](repeating: .zero, count: height)
        scratch.withMutablePixels { data, stride in
            for r in 0..<height {
                let row = UnsafeRawPointer(data + r * stride).assumingMemoryBound(to: UInt32.self)
                var lo = width, hi = 0
                for k in 0..<width where row[k] != 0 {
                    lo = min(lo, k)
                    hi = k + 1
                    pixels[r * width + k] = row[k]
                }
                spans[r] = lo < hi ? SIMD2(Int32(lo), Int32(hi)) : .zero
            }
        }
        // Touching the edge: possibly clipped.
        if spans[0] != .zero || spans[height - 1] != .zero { return nil }
        if spans.contains(where: { $0 != .zero && ($0.x == 0 || Int($0.y) == width) }) { return nil }
        return OverlaySprite(x: x, y: y, width: width, height: height, pixels: pixels, spans: spans)
    }

    /// Composites the sprite over `surface`'s pixels (premultiplied OVER, pixman's rounding),
    /// clipped to the surface.
    public func composite(over surface: ImageSurface) {
        let rows = max(0, y)..<min(surface.height, y + height)
        guard !rows.isEmpty else { return }
        surface.withMutablePixels { data, stride in
            pixels.withUnsafeBufferPointer { src in
                guard let source = src.baseAddress else { return }
                for fy in rows {
                    let r = fy - y
                    let span = spans[r]
                    let lo = max(Int(span.x), -x), hi = min(Int(span.y), surface.width - x)
                    guard lo < hi else { continue }
                    let dst = UnsafeMutableRawPointer(data + fy * stride).assumingMemoryBound(to: UInt32.self) + x
                    Self.over(source + r * width, dst, lo..<hi)
                }
            }
        }
    }

    /// `dst[k] = src[k] OVER dst[k]` for `k` in `range`, each channel as pixman's
    /// `UN8x4_MUL_UN8_ADD_UN8x4`: `src + dst·(255 − αsrc)/255`, the division rounded
    /// (`t = d·a + 128; (t + t >> 8) >> 8`), the sum saturated. Eight pixels per step
    /// (`overPixels`: the same integer operations per lane as `overPixel`, so the same bits),
    /// the rest one at a time. `src` must be premultiplied (zero alpha: zero colour).
    @inline(__always)
    public static func over(_ src: UnsafePointer<UInt32>, _ dst: UnsafeMutablePointer<UInt32>, _ range: Range<Int>) {
        var k = range.lowerBound
        while k + 8 <= range.upperBound {
            let s = UnsafeRawPointer(src + k).loadUnaligned(as: SIMD8<UInt32>.self)
            let d = UnsafeRawPointer(dst + k).loadUnaligned(as: SIMD8<UInt32>.self)
            UnsafeMutableRawPointer(dst + k).storeBytes(of: overPixels(s, d), as: SIMD8<UInt32>.self)
            k += 8
        }
        while k < range.upperBound {
            dst[k] = overPixel(src[k], dst[k])
            k += 1
        }
    }

    /// `overPixel` in eight lanes. Lanes with zero alpha (and so zero colour) keep `d`: the
    /// rounded `d·255/255` is `d` exactly.
    @inline(__always)
    public static func overPixels(_ s: SIMD8<UInt32>, _ d: SIMD8<UInt32>) -> SIMD8<UInt32> {
        let mask = SIMD8<UInt32>(repeating: 0x00ff_00ff), half = SIMD8<UInt32>(repeating: 0x0080_0080)
        let ia = SIMD8<UInt32>(repeating: 255) &- (s &>> 24)
        var rb = (d & mask) &* ia &+ half
        rb = ((rb &+ ((rb &>> 8) & mask)) &>> 8) & mask
        var ag = ((d &>> 8) & mask) &* ia &+ half
        ag = ((ag &+ ((ag &>> 8) & mask)) &>> 8) & mask
        rb = rb &+ (s & mask)
        ag = ag &+ ((s &>> 8) & mask)
        let carry = SIMD8<UInt32>(repeating: 0x0001_0001), top = SIMD8<UInt32>(repeating: 0x0100_0100)
        rb = (rb | (top &- ((rb &>> 8) & carry))) & mask
        ag = (ag | (top &- ((ag &>> 8) & carry))) & mask
        return rb | (ag &<< 8)
    }

    /// One premultiplied ARGB32 pixel `s` over `d` (pixman's rounding; see `over`).
    @inline(__always)
    public static func overPixel(_ s: UInt32, _ d: UInt32) -> UInt32 {
        let a = s >> 24
        if a == 0 { return d }
        if a == 255 { return s }
        let ia = 255 - a
        // Two channels at a time in 16-bit lanes: red and blue, then alpha and green.
        var rb = (d & 0x00ff_00ff) &* ia &+ 0x0080_0080
        rb = ((rb &+ ((rb >> 8) & 0x00ff_00ff)) >> 8) & 0x00ff_00ff
        var ag = ((d >> 8) & 0x00ff_00ff) &* ia &+ 0x0080_0080
        ag = ((ag &+ ((ag >> 8) & 0x00ff_00ff)) >> 8) & 0x00ff_00ff
        rb = rb &+ (s & 0x00ff_00ff)
        ag = ag &+ ((s >> 8) & 0x00ff_00ff)
        // Saturate each 8-bit channel (a carry into bit 8 of a lane means > 255).
        rb = (rb | (0x0100_0100 &- ((rb >> 8) & 0x0001_0001))) & 0x00ff_00ff
        ag = (ag | (0x0100_0100 &- ((ag >> 8) & 0x0001_0001))) & 0x00ff_00ff
        return rb | (ag << 8)
    }

    /// The naive twin of `overPixel`: each channel on its own,
    /// `min(255, s + round(d·(255 − αsrc)/255))` in floating point.
    public static func referenceOverPixel(_ s: UInt32, _ d: UInt32) -> UInt32 {
        let ia = 255 - Int(s >> 24)
        var out: UInt32 = 0
        for shift: UInt32 in [0, 8, 16, 24] {
            let sc = Int(s >> shift & 0xFF), dc = Int(d >> shift & 0xFF)
            let v = min(255, sc + Int((Double(dc * ia) / 255).rounded()))
            out |= UInt32(v) << shift
        }
        return out
    }
}
