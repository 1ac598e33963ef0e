/// The light falling on the page, estimated from a downsampled copy: ink and printed lines are
/// thin features that a grey-level closing (dark ink) or opening (light ink) removes, leaving
/// the paper as it is lit — gradients, shadows and the desk included.
public struct IlluminationEstimate: Sendable {
    /// The paper's brightness at low resolution (`factor` canvas pixels per sample, block
    /// centres at `(i + 0.5) · factor`), in grey levels of the page as seen (before inversion).
    public var background: Plane<Float>
    /// Canvas pixels per background sample.
    public var factor: Int
    /// Whether ink is darker than the paper (decided by which thin features carry more energy).
    public var inkIsDark: Bool
}

/// Stage 2 for photos: estimating the illumination and dividing it out.
public enum Illumination {
    /// Whether the page is a clean canvas: the background class (by `separation`, or the whole
    /// page without one) sits within
    /// ±2 grey levels of its most common level for at least 90 % of its pixels. Such canvases
    /// keep the plain global threshold (and their exact network inputs).
    public static func isUniformBackground(_ gray: Plane<UInt8>, separation: InkSeparation?) -> Bool {
        let h = Otsu.histogram(gray)
        let range: ClosedRange<Int>
        if let separation {
            let t = separation.threshold
            range = separation.inkIsDark ? (t + 1)...255 : 0...t
        } else {
            range = 0...255
        }
        guard !range.isEmpty else { return true }
        var mode = range.lowerBound, total = 0
        for i in range { total += h[i]; if h[i] > h[mode] { mode = i } }
        guard total > 0 else { return true }
        var near = 0
        for i in max(range.lowerBound, mode - 2)...min(range.upperBound, mode + 2) { near += h[i] }
        return Double(near) >= 0.9 * Double(total)
    }

    /// Estimates the paper's light: block means over `factor`² pixels (so the long side has
    /// about 128 samples), a closing and an opening with a square of side `2·radius + 1`
    /// samples (wider than the broadest stroke), polarity from the page's median (light pages
    /// carry dark ink) or else from which of the two removed more, then one 3×3
    /// box blur (more smoothing smears sharp shadow edges into dark bands).
    public static func estimate(_ gray: Plane<UInt8>) -> IlluminationEstimate {
        let factor = max(1, max(gray.width, gray.height) / 128)
        let small = blockMeans(gray, factor: factor)
        let radius = max(2, Int((0.05 * Double(max(small.width, small.height))).rounded(.up)))
        let closed = minFilter(maxFilter(small, radius: radius), radius: radius)
        let opened = maxFilter(minFilter(small, radius: radius), radius: radius)
        var dark = 0.0, light = 0.0, lightSamples = 0
        for i in small.pixels.indices {
            dark += Double(closed.pixels[i] - small.pixels[i])
            let lift = small.pixels[i] - opened.pixels[i]
            light += Double(lift)
            if lift > 0.04 * max(small.pixels[i], 1) { lightSamples += 1 }
        }
        // Periodic print (a graph grid) makes the paper between lines a "light thin feature"
        // too, so a page that is light overall is taken as dark ink on paper outright, and so
        // is one where "light features" cover much of the page (ink is always the minority:
        // there, the light features are paper squares between grid lines, even in deep shadow).
        let median = small.pixels.sorted()[small.pixels.count / 2]
        let inkIsDark = median >= 90 || dark >= light || Double(lightSamples) > 0.35 * Double(small.pixels.count)
        let paper = boxBlur(inkIsDark ? closed : opened, radius: 1)
        return IlluminationEstimate(background: paper, factor: factor, inkIsDark: inkIsDark)
    }

    /// Ink darkness relative to the paper under it, 0 (paper) … 255 (black ink; negative where
    /// the paper is brighter than its estimate, as noise makes half of it), at full resolution: `255 · (1 − gray / background)` for dark ink, `255 · (gray − background) /
    /// (255 − background)` for light ink; the background is interpolated bilinearly.
    public static func normalise(_ gray: Plane<UInt8>, by light: IlluminationEstimate) -> Plane<Float> {
        let w = gray.width, h = gray.height
        let bg = light.background, f = Double(light.factor)
        var out = [Float](repeating: 0, count: w * h)
        // Horizontal interpolation taps, shared by every row.
        let xs: [(Int, Int, Float)] = (0..<w).map { x in
            let s = min(max((Double(x) + 0.5) / f - 0.5, 0), Double(bg.width - 1))
            let i0 = Int(s)
            return (i0, min(i0 + 1, bg.width - 1), Float(s - Double(i0)))
        }
        var row = [Float](repeating: 0, count: bg.width)
        gray.pixels.withUnsafeBufferPointer { g in
            out.withUnsafeMutableBufferPointer { o in
                for y in 0..<h {
                    let s = min(max((Double(y) + 0.5) / f - 0.5, 0), Double(bg.height - 1))
                    let j0 = Int(s), j1 = min(j0 + 1, bg.height - 1)
                    let fy = Float(s - Double(j0))
                    for i in 0..<bg.width { row[i] = bg.pixels[j0 * bg.width + i] * (1 - fy) + bg.pixels[j1 * bg.width + i] * fy }
                    for x in 0..<w {
                        let (i0, i1, fx) = xs[x]
                        let b = row[i0] * (1 - fx) + row[i1] * fx
                        let v = Float(g[y * w + x])
                        let darkness = light.inkIsDark ? 1 - v / max(b, 1) : (v - b) / max(255 - b, 1)
                        o[y * w + x] = darkness * 255
                    }
                }
            }
        }
        return Plane(width: w, height: h, pixels: out)
    }

    // MARK: - Small kernels (on planes of about 128×128)

    /// Means of `factor`×`factor` blocks (partial blocks at the right and bottom edges averaged
    /// over the pixels they have). Shape: w×h → ⌈w/f⌉×⌈h/f⌉.
    static func blockMeans(_ gray: Plane<UInt8>, factor f: Int) -> Plane<Float> {
        let w = gray.width, h = gray.height
        let sw = (w + f - 1) / f, sh = (h + f - 1) / f
        var sums = [Float](repeating: 0, count: sw * sh)
        var counts = [Float](repeating: 0, count: sw * sh)
        gray.pixels.withUnsafeBufferPointer { g in
            for y in 0..<h {
                let base = (y / f) * sw
                for x in 0..<w { sums[base + x / f] += Float(g[y * w + x]); counts[base + x / f] += 1 }
            }
        }
        return Plane(width: sw, height: sh, pixels: zip(sums, counts).map { $0 / $1 })
    }

    /// Maximum over a (2r+1)² square (edges clamped), separable.
    static func maxFilter(_ p: Plane<Float>, radius r: Int) -> Plane<Float> { rankFilter(p, radius: r, pick: max) }
    /// Minimum over a (2r+1)² square (edges clamped), separable.
    static func minFilter(_ p: Plane<Float>, radius r: Int) -> Plane<Float> { rankFilter(p, radius: r, pick: min) }

    static func rankFilter(_ p: Plane<Float>, radius r: Int, pick: (Float, Float) -> Float) -> Plane<Float> {
        let w = p.width, h = p.height
        var a = p.pixels, b = p.pixels
        for y in 0..<h {
            for x in 0..<w {
                var v = a[y * w + x]
                for k in max(0, x - r)...min(w - 1, x + r) { v = pick(v, a[y * w + k]) }
                b[y * w + x] = v
            }
        }
        for y in 0..<h {
            for x in 0..<w {
                var v = b[y * w + x]
                for k in max(0, y - r)...min(h - 1, y + r) { v = pick(v, b[k * w + x]) }
                a[y * w + x] = v
            }
        }
        return Plane(width: w, height: h, pixels: a)
    }

    /// Mean over a (2r+1)² square, clipped at the edges (each output averages the samples it has).
    static func boxBlur(_ p: Plane<Float>, radius r: Int) -> Plane<Float> {
        let w = p.width, h = p.height
        var a = p.pixels, b = p.pixels
        for y in 0..<h {
            for x in 0..<w {
                var s: Float = 0, n: Float = 0
                for k in max(0, x - r)...min(w - 1, x + r) { s += a[y * w + k]; n += 1 }
                b[y * w + x] = s / n
            }
        }
        for y in 0..<h {
            for x in 0..<w {
                var s: Float = 0, n: Float = 0
                for k in max(0, y - r)...min(h - 1, y + r) { s += b[k * w + x]; n += 1 }
                a[y * w + x] = s / n
            }
        }
        return Plane(width: w, height: h, pixels: a)
    }
}
