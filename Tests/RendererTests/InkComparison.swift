import CairoGraphics

/// How two renderings of the same strokes over one background compare: the ink each put
/// down and the largest difference of any channel. Shared by the tests that hold our
/// rasterizers against Cairo's own strokes.
struct InkComparison {
    /// Ink of `ours` and of `cairo`: how far the green channel moved from the background,
    /// summed over the image (in levels of 255).
    let ours: Double
    let cairo: Double
    /// The largest difference between the two images in any channel of any pixel.
    let worstChannel: Int

    init(ours o: [UInt32], cairo q: [UInt32], background bg: [UInt32]) {
        func ink(_ p: [UInt32]) -> Double {
            zip(p, bg).reduce(0) { $0 + Double(abs(Int($1.0 >> 8 & 0xFF) - Int($1.1 >> 8 & 0xFF))) }
        }
        ours = ink(o)
        cairo = ink(q)
        var worst = 0
        for i in o.indices {
            for shift in [0, 8, 16, 24] { worst = max(worst, abs(Int(o[i] >> shift & 0xFF) - Int(q[i] >> shift & 0xFF))) }
        }
        worstChannel = worst
    }

    /// Strokes `segments` onto `surface` with Cairo (fast antialiasing, as the renderer's
    /// thin lines), round- or butt-capped: what our rasterizers are compared with.
    static func strokeWithCairo(
        _ segments: [(SIMD2<Double>, SIMD2<Double>)], width: Double, color: RGBA, roundCaps: Bool, on surface: ImageSurface
    ) throws {
        let c = try Context(surface)
        c.setAntialias(.fast)
        if roundCaps { c.setLineCap(.round) }
        c.setLineWidth(width)
        c.setColor(color)
        for (a, b) in segments {
            c.moveTo(a.x, a.y)
            c.lineTo(b.x, b.y)
        }
        c.stroke()
        surface.flush()
    }
}
