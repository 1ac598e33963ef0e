/// Stage 2–3 for photographed pages, kept for illustration: the light estimated and divided
/// out, the thresholds, and what was dropped as printed lines or noise.
public struct PhotoSeparation: Sendable {
    /// The paper's light as estimated (low resolution) and the ink polarity it implied.
    public var illumination: IlluminationEstimate
    /// Ink darkness against the paper under it (a 3×3 mean of the page, the light divided out),
    /// 0 paper … 255 full ink (either polarity), at canvas resolution.
    public var darkness: Plane<UInt8>
    /// Darkness above which a pixel on the paper may be ink, and which a piece of ink must reach
    /// somewhere (hysteresis: weak pencil joins strong ink, lone noise does not); blocks on a
    /// loud background (the desk) use higher ones (`NoiseThresholds`).
    public var lowThreshold: Int
    public var highThreshold: Int
    /// The page's tilt (radians, from the printed lines or the page edge; 0 when none was found).
    public var tilt: Double
    /// Printed lines (ruled, graph, page edge) found and removed.
    public var lines: [PrintedLine]
    /// What was taken away: 0 nothing, 1 a printed line, 2 noise (weak pieces without a strong
    /// core), 3 ink pieces left out as lying off the page (the desk; marked by `markOffPage`
    /// once the pieces are known).
    public var dropped: Plane<UInt8>
    /// The digit turned upright by the page's tilt (nil when the page was not tilted or had no
    /// printed lines to tell); when set, stage 5 scales from it instead of from the canvas.
    public var upright: UprightInk? = nil
    /// Where the frame is rough like a desk rather than smooth like paper: ink pieces lying
    /// mostly there are not taken for the digit.
    public var page: PageTexture? = nil
    /// The block-by-block ink thresholds the candidates were cut with (nil when unknown).
    public var noise: NoiseThresholds? = nil
    /// The resolution all of the above is at (the canvas, or a shrunk copy of a large photo);
    /// nil when `PhotoInk.separate` was called directly on a plane.
    public var plane: WorkingPlane? = nil
    /// Pixels dropped as printed lines.
    public var linePixels: Int { dropped.pixels.reduce(0) { $0 + ($1 == 1 ? 1 : 0) } }
    /// Pixels dropped as noise.
    public var noisePixels: Int { dropped.pixels.reduce(0) { $0 + ($1 == 2 ? 1 : 0) } }
    /// Ink pixels left out as lying off the page (the desk).
    public var offPagePixels: Int { dropped.pixels.reduce(0) { $0 + ($1 == 3 ? 1 : 0) } }

    /// For each component of `labelled` (on this separation's plane), whether it lies off the
    /// page: mostly in rough blocks (`page`), or cut off by a raised block threshold
    /// (`ThresholdSeams`: the desk's grain beside the page edge).
    public func offPagePieces(_ labelled: ComponentLabels) -> [Bool] {
        let rough = page?.offPageComponents(labelled) ?? labelled.components.map { _ in false }
        guard let noise else { return rough }
        let cut = ThresholdSeams.cutPieces(labelled, darkness: darkness, noise: noise)
        return zip(rough, cut).map { $0 || $1 }
    }

    /// Marks (3 in `dropped`) the pixels of the pieces of `labelled` (on this separation's
    /// plane) that lie off the page and were not kept as the digit.
    public mutating func markOffPage(_ labelled: ComponentLabels, offPage: [Bool], kept: [Bool]) {
        let w = dropped.width
        for run in labelled.runs {
            let c = Int(run.component)
            guard offPage[c] && !kept[c] else { continue }
            for x in Int(run.x0)..<Int(run.x1) { dropped.pixels[Int(run.y) * w + x] = 3 }
        }
    }
}

/// Separating ink from paper on a photo: estimate the light, divide it out, smooth, threshold
/// with hysteresis, remove printed lines, close small gaps.
public enum PhotoInk {
    /// Rules of the photo separation.
    public struct Rule: Sendable {
        /// Lowest low threshold, in darkness levels (0…255).
        var minimumLow = 14
        /// Lowest high threshold.
        var minimumHigh = 40
        /// The low threshold is this many noise deviations above the paper.
        var noiseDeviations = 5.0
        var lines = PrintedLines.Rule()
        public init() {}
    }

    /// Returns the separation and the final ink mask (true = ink) ready for components.
    public static func separate(_ gray: Plane<UInt8>, rule: Rule = Rule()) -> (PhotoSeparation, Plane<Bool>) {
        let smooth = boxMean3Scaled(gray)
        let light = Illumination.estimate(smoothed: smooth)
        let signed = Illumination.normalise(smooth, by: light)
        let noise = NoiseThresholds.measure(
            signed, deviations: rule.noiseDeviations, minimumLow: rule.minimumLow, minimumHigh: rule.minimumHigh)
        let (low, high) = (noise.low, noise.high)
        let darkness = Plane(width: gray.width, height: gray.height, pixels: signed.pixels.map { UInt8(max(0, min(255, $0)) + 0.5) })
        var dropped = Plane<UInt8>(width: gray.width, height: gray.height, repeating: 0)
        // Printed lines are found among all the candidates (faint lines have no strong core
        // and would otherwise be missed, yet join the digit where they touch it) and removed
        // before hysteresis, so a line touching a stroke does not join the digit through it.
        var candidates = weak(darkness, noise: noise)
        let (tilt, lines) = PrintedLines.detect(candidates, rule: rule.lines)
        let removed = PrintedLines.remove(lines, from: &candidates, darkness: darkness, inkCut: low)
        for i in removed.pixels.indices where removed.pixels[i] { dropped.pixels[i] = 1 }
        var mask = hysteresis(darkness, noise: noise, within: candidates, dropped: &dropped)
        mask = close3(mask)
        if let (kept, thin) = dropThin(mask) {
            mask = kept
            for i in thin.pixels.indices where thin.pixels[i] && dropped.pixels[i] == 0 { dropped.pixels[i] = 2 }
        }
        let separation = PhotoSeparation(
            illumination: light, darkness: darkness, lowThreshold: low, highThreshold: high,
            tilt: lines.isEmpty ? 0 : tilt, lines: lines, dropped: dropped,
            page: PageTexture.measure(darkness, inkLevel: low, strongLevel: high),
            noise: noise)
        return (separation, mask)
    }

    /// Pixels at or above their block's low threshold (the ink candidates).
    static func weak(_ darkness: Plane<UInt8>, noise: NoiseThresholds) -> Plane<Bool> {
        let w = darkness.width, h = darkness.height
        var out = [Bool](repeating: false, count: w * h)
        darkness.pixels.withUnsafeBufferPointer { d in
            for y in 0..<h { for x in 0..<w { out[y * w + x] = d[y * w + x] >= noise.lowAt(x, y) } }
        }
        return Plane(width: w, height: h, pixels: out)
    }

    /// The candidates (`within`: pixels at or above their block's low threshold, printed
    /// lines taken out) in 8-connected pieces that reach their block's high threshold
    /// somewhere; the other pieces are marked 2 (noise) in `dropped`.
    static func hysteresis(
        _ darkness: Plane<UInt8>, noise: NoiseThresholds, within candidates: Plane<Bool>, dropped: inout Plane<UInt8>
    ) -> Plane<Bool> {
        let w = darkness.width, h = darkness.height
        // 0 paper, 1 weak ink, 2 strong ink.
        var level = [UInt8](repeating: 0, count: w * h)
        darkness.pixels.withUnsafeBufferPointer { d in
            for y in 0..<h {
                for x in 0..<w where candidates.pixels[y * w + x] { level[y * w + x] = d[y * w + x] >= noise.highAt(x, y) ? 2 : 1 }
            }
        }
        let levels = Plane(width: w, height: h, pixels: level)
        let labels = Components.label(levels, ink: [false, true, true] + [Bool](repeating: false, count: 253))
        var strong = [Bool](repeating: false, count: labels.components.count)
        for run in labels.runs where !strong[Int(run.component)] {
            let base = Int(run.y) * w
            for x in Int(run.x0)..<Int(run.x1) where level[base + x] == 2 { strong[Int(run.component)] = true; break }
        }
        var mask = Plane<Bool>(width: w, height: h, repeating: false)
        for run in labels.runs {
            let base = Int(run.y) * w
            let keep = strong[Int(run.component)]
            for x in Int(run.x0)..<Int(run.x1) {
                if keep { mask.pixels[base + x] = true } else { dropped.pixels[base + x] = 2 }
            }
        }
        return mask
    }

    /// `Illumination.scale` (36) × the mean over each pixel's 3×3 neighbourhood (clipped at
    /// the edges, where it averages 6, 4 or fewer pixels): 36 is a multiple of every count,
    /// so the result is exact. Sums across each row, then down (integers throughout);
    /// `boxMean3ScaledReference` is the plain per-window loop it is tested against.
    /// Shape: w×h → w×h.
    public static func boxMean3Scaled(_ p: Plane<UInt8>) -> Plane<UInt16> {
        let w = p.width, h = p.height
        guard w > 0, h > 0 else { return Plane(width: w, height: h, pixels: []) }
        var rows = [UInt16](repeating: 0, count: w * h), out = [UInt16](repeating: 0, count: w * h)
        // 36 / (columns × rows in the window), by whether the window is clipped across and down.
        let across = (0..<w).map { x in min(w - 1, x + 1) - max(0, x - 1) + 1 }
        let weightsByRows = (1...3).map { rows in across.map { UInt16(36 / ($0 * rows)) } }
        p.pixels.withUnsafeBufferPointer { s in
            rows.withUnsafeMutableBufferPointer { r in
                for y in 0..<h {
                    let b = y * w
                    guard w > 1 else { r[b] = UInt16(s[b]); continue }
                    r[b] = UInt16(s[b]) + UInt16(s[b + 1])
                    for x in 1..<(w - 1) { r[b + x] = UInt16(s[b + x - 1]) + UInt16(s[b + x]) + UInt16(s[b + x + 1]) }
                    r[b + w - 1] = UInt16(s[b + w - 2]) + UInt16(s[b + w - 1])
                }
            }
        }
        rows.withUnsafeBufferPointer { r in
            out.withUnsafeMutableBufferPointer { o in
                for y in 0..<h {
                    let (y0, y1) = (max(0, y - 1), min(h - 1, y + 1))
                    let b = y * w
                    let weights = weightsByRows[y1 - y0]
                    // Rows y0…y1 (two or three; one when the plane is one row high).
                    for x in 0..<w { o[b + x] = r[y0 * w + x] }
                    if y1 > y0 { for k in (y0 + 1)...y1 { for x in 0..<w { o[b + x] &+= r[k * w + x] } } }
                    for x in 0..<w { o[b + x] &*= weights[x] }
                }
            }
        }
        return Plane(width: w, height: h, pixels: out)
    }

    /// The plain version of `boxMean3Scaled`: each pixel sums its clipped window.
    public static func boxMean3ScaledReference(_ p: Plane<UInt8>) -> Plane<UInt16> {
        let w = p.width, h = p.height
        var out = [UInt16](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                var sum = 0, count = 0
                for ny in max(0, y - 1)...min(h - 1, y + 1) {
                    for nx in max(0, x - 1)...min(w - 1, x + 1) { sum += Int(p.pixels[ny * w + nx]); count += 1 }
                }
                out[y * w + x] = UInt16(sum * 36 / count)
            }
        }
        return Plane(width: w, height: h, pixels: out)
    }

    /// Ink thinner than 3 pixels all along (a sharp shadow's edge, print residue, a hair) is
    /// dropped when most of the page's ink is thicker: a 3×3 opening (erode, then dilate)
    /// finds the cores, and ink within one pixel of a core is kept. Returns the kept mask and
    /// the dropped pixels, or nil when the ink is mostly thin (a fine pen: keep it all).
    static func dropThin(_ m: Plane<Bool>) -> (Plane<Bool>, Plane<Bool>)? {
        let near = dilate3(dilate3(erode3(m)))
        var ink = 0, kept = m, thin = Plane<Bool>(width: m.width, height: m.height, repeating: false), thinCount = 0
        for i in m.pixels.indices where m.pixels[i] {
            ink += 1
            if !near.pixels[i] { kept.pixels[i] = false; thin.pixels[i] = true; thinCount += 1 }
        }
        guard ink > 0, Double(thinCount) <= 0.4 * Double(ink) else { return nil }
        return (kept, thin)
    }

    /// A 3×3 closing (dilate, then erode): joins pencil grain and hairline gaps.
    static func close3(_ m: Plane<Bool>) -> Plane<Bool> { erode3(dilate3(m)) }

    static func dilate3(_ m: Plane<Bool>) -> Plane<Bool> { neighbourhood3(m, any: true) }
    static func erode3(_ m: Plane<Bool>) -> Plane<Bool> { neighbourhood3(m, any: false) }

    /// `any`: true where any pixel of the 3×3 neighbourhood is set; else true where all are
    /// (pixels beyond the edge count as unset for dilation and set for erosion). Separable,
    /// on the bytes of the Bool planes (0 or 1, so `|` and `&` combine them);
    /// `neighbourhood3Reference` is the plain version it is tested against.
    /// Shape: w×h → w×h.
    public static func neighbourhood3(_ m: Plane<Bool>, any: Bool) -> Plane<Bool> {
        let w = m.width, h = m.height
        guard w > 0, h > 0 else { return m }
        var horizontal = [UInt8](repeating: 0, count: w * h)
        m.pixels.withUnsafeBytes { raw in
            let src = raw.bindMemory(to: UInt8.self)
            horizontal.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    let b = y * w
                    guard w > 1 else { dst[b] = src[b]; continue }
                    if any {
                        dst[b] = src[b] | src[b + 1]
                        for x in 1..<(w - 1) { dst[b + x] = src[b + x - 1] | src[b + x] | src[b + x + 1] }
                        dst[b + w - 1] = src[b + w - 2] | src[b + w - 1]
                    } else {
                        dst[b] = src[b] & src[b + 1]
                        for x in 1..<(w - 1) { dst[b + x] = src[b + x - 1] & src[b + x] & src[b + x + 1] }
                        dst[b + w - 1] = src[b + w - 2] & src[b + w - 1]
                    }
                }
            }
        }
        var out = [Bool](repeating: false, count: w * h)
        horizontal.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBytes { raw in
                let dst = raw.bindMemory(to: UInt8.self)
                for y in 0..<h {
                    let b = y * w
                    let up = y > 0 ? b - w : b, down = y < h - 1 ? b + w : b
                    if any {
                        for x in 0..<w { dst[b + x] = src[up + x] | src[b + x] | src[down + x] }
                    } else {
                        for x in 0..<w { dst[b + x] = src[up + x] & src[b + x] & src[down + x] }
                    }
                }
            }
        }
        return Plane(width: w, height: h, pixels: out)
    }

    /// The plain 3×3 neighbourhood rule, pixel by pixel (the reference for `neighbourhood3`).
    public static func neighbourhood3Reference(_ m: Plane<Bool>, any: Bool) -> Plane<Bool> {
        let w = m.width, h = m.height
        var out = m.pixels
        for y in 0..<h {
            for x in 0..<w {
                var v = !any
                for ny in max(0, y - 1)...min(h - 1, y + 1) {
                    for nx in max(0, x - 1)...min(w - 1, x + 1) where m.pixels[ny * w + nx] == any { v = any }
                }
                out[y * w + x] = v
            }
        }
        return Plane(width: w, height: h, pixels: out)
    }
}
