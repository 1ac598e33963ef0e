/// The light falling on the page: ink and printed lines are thin features that a grey-level
/// closing (dark ink) or opening (light ink) removes, leaving the paper as it is lit —
/// gradients, shadows (sharp edges included) and the desk.
public struct IlluminationEstimate: Sendable {
    /// The paper's brightness times `Illumination.scale` (`factor` page pixels per sample,
    /// sample centres at `(i + 0.5) · factor`; the estimate is made at factor 1), in grey
    /// levels of the page as seen (before inversion): exact integers, as the filters run on
    /// the page's scaled 3×3 means (`PhotoInk.boxMean3Scaled`).
    public var scaledBackground: Plane<UInt16>
    /// The paper's brightness in grey levels (0…255).
    public var background: Plane<Float> {
        Plane(
            width: scaledBackground.width, height: scaledBackground.height,
            pixels: scaledBackground.pixels.map { Float($0) / Illumination.scale })
    }
    /// Canvas pixels per background sample.
    public var factor: Int
    /// Whether ink is darker than the paper (decided by which thin features carry more energy).
    public var inkIsDark: Bool
}

/// Stage 2 for photos: estimating the illumination and dividing it out.
public enum Illumination {
    /// The photo path's planes hold 36 × the 3×3 mean grey level: exact integers whether the
    /// mean is over 9, 6, 4, 3, 2 or 1 pixels (at the page's edges), at most 9,180.
    public static let scale: Float = 36

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

    /// Estimates the paper's light at the page's own resolution: a grey-level closing (dark
    /// ink) or opening (light ink) of the 3×3-smoothed page with a square of side
    /// `2·radius + 1`, the radius a twentieth of the page's longer side (wider than the
    /// broadest stroke). A closing fills dark features narrower than the square (ink, printed
    /// lines) and keeps steps and ramps exactly, so a sharp shadow edge or the page edge is
    /// divided out where it lies instead of leaving a streak beside it. The polarity comes
    /// from a small copy (block means, so the long side has about 128 samples): light pages
    /// carry dark ink, else whichever of closing and opening removed more.
    public static func estimate(_ gray: Plane<UInt8>) -> IlluminationEstimate {
        estimate(smoothed: PhotoInk.boxMean3Scaled(gray))
    }

    /// `estimate` of a page already smoothed by a 3×3 mean and scaled by `scale`
    /// (`PhotoInk.boxMean3Scaled`).
    public static func estimate(smoothed: Plane<UInt16>) -> IlluminationEstimate {
        let inkIsDark = darkInk(blockMeans(smoothed, factor: max(1, max(smoothed.width, smoothed.height) / 128)))
        let radius = max(2, Int((0.05 * Double(max(smoothed.width, smoothed.height))).rounded()))
        let paper = inkIsDark ? RankFilter.closing(smoothed, radius: radius) : RankFilter.opening(smoothed, radius: radius)
        return IlluminationEstimate(scaledBackground: paper, factor: 1, inkIsDark: inkIsDark)
    }

    /// Whether ink is darker than the paper, judged on block means (`small`: about 128 samples
    /// on the long side): a page that is light overall carries dark ink, and so does one where
    /// the closing removes more than the opening or where "light thin features" cover much of
    /// the page (periodic print such as a graph grid makes the paper between its lines look
    /// like light features; ink is always the minority).
    static func darkInk(_ small: Plane<Float>) -> Bool {
        let radius = max(2, Int((0.05 * Double(max(small.width, small.height))).rounded(.up)))
        let closed = RankFilter.closing(small, radius: radius)
        let opened = RankFilter.opening(small, radius: radius)
        var dark = 0.0, light = 0.0, lightSamples = 0
        for i in small.pixels.indices {
            dark += Double(closed.pixels[i] - small.pixels[i])
            let lift = small.pixels[i] - opened.pixels[i]
            light += Double(lift)
            if lift > 0.04 * max(small.pixels[i], 1) { lightSamples += 1 }
        }
        var samples = small.pixels
        let median = OrderStatistic.select(&samples, samples.count / 2)
        // Dark ink on paper is by far the common photo: light ink needs clearly more evidence.
        return median >= 90 || 2 * dark >= light || Double(lightSamples) > 0.35 * Double(small.pixels.count)
    }

    /// Ink darkness relative to the paper under it, 0 (paper) … 255 (black ink; negative where
    /// the paper is brighter than its estimate, as noise makes some of it), at full
    /// resolution: `255 · (1 − gray / background)` for dark ink, `255 · (gray − background) /
    /// (255 − background)` for light ink. `page` and the estimate share one resolution
    /// (`factor` 1). Shape: w×h, w×h → w×h.
    /// Both planes hold `scale` × grey levels (the ratios are those of the grey levels).
    public static func normalise(_ page: Plane<UInt16>, by light: IlluminationEstimate) -> Plane<Float> {
        let bg = light.scaledBackground.pixels
        var out = [Float](repeating: 0, count: page.pixels.count)
        let white = 255 * scale
        page.pixels.withUnsafeBufferPointer { g in
            bg.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { o in
                    if light.inkIsDark {
                        for i in 0..<o.count { o[i] = (1 - Float(g[i]) / Swift.max(Float(b[i]), scale)) * 255 }
                    } else {
                        for i in 0..<o.count {
                            o[i] = (Float(g[i]) - Float(b[i])) / Swift.max(white - Float(b[i]), scale) * 255
                        }
                    }
                }
            }
        }
        return Plane(width: page.width, height: page.height, pixels: out)
    }

    // MARK: - Small kernels (on planes of about 128×128)

    /// Means of `factor`×`factor` blocks (partial blocks at the right and bottom edges averaged
    /// over the pixels they have). Shape: w×h → ⌈w/f⌉×⌈h/f⌉.
    /// Here on a plane of `scale` × grey levels, giving grey levels.
    static func blockMeans(_ gray: Plane<UInt16>, factor f: Int) -> Plane<Float> {
        let w = gray.width, h = gray.height
        let sw = (w + f - 1) / f, sh = (h + f - 1) / f
        var sums = [Float](repeating: 0, count: sw * sh)
        var counts = [Float](repeating: 0, count: sw * sh)
        // Sums of at most 16 × 9,180 (integers, exact in Float whatever the order), block by block
        // along each row.
        gray.pixels.withUnsafeBufferPointer { g in
            for y in 0..<h {
                let base = (y / f) * sw, row = y * w
                for bx in 0..<sw {
                    let x0 = bx * f, x1 = Swift.min(w, x0 + f)
                    var acc: Float = 0
                    for x in x0..<x1 { acc += Float(g[row + x]) }
                    sums[base + bx] += acc
                    counts[base + bx] += Float(x1 - x0)
                }
            }
        }
        return Plane(width: sw, height: sh, pixels: zip(sums, counts).map { $0 / ($1 * scale) })
    }
}
