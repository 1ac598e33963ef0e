import CairoGraphics

/// The frame's radial background gradient computed per pixel in floating point and
/// dithered to 8 bits, so the dark, slowly varying gradient shows no bands (Cairo's own
/// gradient rounds every pixel the same way, which draws visible rings at these colours).
///
/// The same stops as the vector gradient: centre colour at the centre, the background at
/// 55 % of the radius, the edge colour at the corners' radius. The dither is interleaved
/// gradient noise (a fixed function of the pixel position), so every frame, process and
/// shard gets the same bytes.
enum BackgroundGradient {
    /// Centre of the gradient as a fraction of the frame's width and height.
    static let centre = (x: 0.45, y: 0.42)

    /// Opaque BGRA bytes (`width*4` per row) of the gradient from `inner` through `middle`
    /// (at 55 % of the radius) to `outer`.
    static func pixels(width: Int, height: Int, inner: RGBA, middle: RGBA, outer: RGBA) -> [UInt8] {
        let w = Double(width), h = Double(height)
        let radius = max((w * w + h * h).squareRoot() / 2, 1e-9)
        let cx = w * centre.x, cy = h * centre.y
        var out = [UInt8](repeating: 255, count: width * height * 4)
        for y in 0..<height {
            let dy = Double(y) + 0.5 - cy
            for x in 0..<width {
                let dx = Double(x) + 0.5 - cx
                let t = min((dx * dx + dy * dy).squareRoot() / radius, 1)
                let c = t < 0.55 ? mix(inner, middle, t / 0.55) : mix(middle, outer, (t - 0.55) / 0.45)
                let noise = dither(x, y)
                let i = (y * width + x) * 4
                out[i] = quantize(c.b, noise)
                out[i + 1] = quantize(c.g, noise)
                out[i + 2] = quantize(c.r, noise)
            }
        }
        return out
    }

    static func mix(_ a: RGBA, _ b: RGBA, _ t: Double) -> (r: Double, g: Double, b: Double) {
        (a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t)
    }

    /// A 0…1 channel to a byte after adding `noise` (−0.5…0.5 of a step).
    static func quantize(_ v: Double, _ noise: Double) -> UInt8 {
        UInt8(min(max((v * 255 + noise).rounded(), 0), 255))
    }

    /// Interleaved gradient noise in −0.5…0.5 (Jimenez 2014): fine-grained and even, so
    /// it hides bands without visible grain.
    static func dither(_ x: Int, _ y: Int) -> Double {
        let f = 0.06711056 * Double(x) + 0.00583715 * Double(y)
        let g = 52.9829189 * (f - f.rounded(.down))
        return g - g.rounded(.down) - 0.5
    }
}
