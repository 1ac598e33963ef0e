import Foundation

/// One printed line found on a photographed page (a ruled line, a grid line or the page edge).
public struct PrintedLine: Sendable, Equatable {
    /// True for lines running across the page (near horizontal), false for lines running down it.
    public var across: Bool
    /// The page's tilt: the angle of across-lines to the x axis (and of down-lines to the y
    /// axis), radians, positive clockwise on screen.
    public var angle: Double
    /// The band of offsets the line covers, in pixels: `y·cos θ − x·sin θ` for across-lines,
    /// `x·cos θ + y·sin θ` for down-lines.
    public var low: Double
    public var high: Double
    /// cos θ and sin θ, computed once.
    let cosine: Double
    let sine: Double

    public init(across: Bool, angle: Double, low: Double, high: Double) {
        self.across = across; self.angle = angle; self.low = low; self.high = high
        cosine = cos(angle); sine = sin(angle)
    }

    /// The offset of pixel centre (x, y) in this line's family.
    @inline(__always)
    public func offset(_ x: Double, _ y: Double) -> Double {
        across ? y * cosine - x * sine : x * cosine + y * sine
    }
}

/// Finding and removing long thin straight lines (ruled and graph lines, the page edge) from an
/// ink mask, while keeping ink that crosses or runs along them.
public enum PrintedLines {
    /// Settings of the line finder.
    public struct Rule: Sendable, Equatable {
        /// Steepest page tilt searched, degrees either way.
        public var maxTilt = 25.0
        /// Share of the line's length across the canvas its fullest offset bin must cover.
        public var coverage = 0.25
        /// Widest line, in pixels (between half-maximum points of its profile): wider
        /// straight things are strokes (a straight "1"), not print.
        public var maxWidth = 7.0
        /// Of 8 equal segments of the line's chord, how many must hold some of its ink.
        public var segments = 5
        public init() {}
    }

    /// Finds the page's tilt and its printed lines in `mask` (true = ink candidate).
    /// The tilt maximises the peakiness (sum of squared bin counts) of the offset histograms
    /// of both families; lines are narrow peaks of those histograms that run along most of
    /// their chord.
    public static func detect(_ mask: Plane<Bool>, rule: Rule = Rule()) -> (angle: Double, lines: [PrintedLine]) {
        var points: [(Double, Double)] = []
        for y in 0..<mask.height {
            for x in 0..<mask.width where mask.pixels[y * mask.width + x] { points.append((Double(x) + 0.5, Double(y) + 0.5)) }
        }
        guard points.count >= 20 else { return (0, []) }
        // Coarse to fine: 1° steps on a small sample, then 0.25° and 0.1° on larger ones.
        let degree = Double.pi / 180
        var best = (score: -1.0, angle: 0.0)
        let coarse = evenSample(points, count: 6000)
        for step in Int(-rule.maxTilt)...Int(rule.maxTilt) {
            let a = Double(step) * degree
            let s = peakiness(coarse, angle: a, binWidth: 2, mask: mask)
            if s > best.score { best = (s, a) }
        }
        let medium = evenSample(points, count: 15_000)
        var middle = (score: -1.0, angle: best.angle)
        for step in -3...3 {
            let a = best.angle + Double(step) * 0.25 * degree
            let s = peakiness(medium, angle: a, binWidth: 1, mask: mask)
            if s > middle.score { middle = (s, a) }
        }
        let many = evenSample(points, count: 30_000)
        var fine = (score: -1.0, angle: middle.angle)
        for step in -2...2 {
            let a = middle.angle + Double(step) * 0.1 * degree
            let s = peakiness(many, angle: a, binWidth: 1, mask: mask)
            if s > fine.score { fine = (s, a) }
        }
        let angle = fine.angle
        var lines: [PrintedLine] = []
        for across in [true, false] {
            lines += findLines(points, angle: angle, across: across, mask: mask, rule: rule)
        }
        return (angle, lines)
    }

    /// At most `count` of `points`, evenly spread over the array (all of them when fewer).
    static func evenSample(_ points: [(Double, Double)], count: Int) -> [(Double, Double)] {
        guard points.count > count else { return points }
        let step = Double(points.count) / Double(count)
        return (0..<count).map { points[min(points.count - 1, Int(Double($0) * step))] }
    }

    /// Sum over both families of the squared counts of offset bins (the fine pass uses every point).
    static func peakiness(_ points: [(Double, Double)], angle: Double, binWidth: Double, mask: Plane<Bool>) -> Double {
        let diagonal = Double(mask.width + mask.height)
        let bins = Int(2 * diagonal / binWidth) + 2
        var across = [Int32](repeating: 0, count: bins), down = [Int32](repeating: 0, count: bins)
        let (c, s) = (cos(angle), sin(angle))
        for (x, y) in points {
            across[Int((y * c - x * s + diagonal) / binWidth)] += 1
            down[Int((x * c + y * s + diagonal) / binWidth)] += 1
        }
        var total = 0.0
        for i in 0..<bins { total += Double(across[i]) * Double(across[i]) + Double(down[i]) * Double(down[i]) }
        return total
    }

    /// The lines of one family at `angle`: narrow peaks of the 1-pixel offset histogram whose
    /// fullest bin covers `rule.coverage` of the chord and whose ink spreads along it.
    static func findLines(_ points: [(Double, Double)], angle: Double, across: Bool, mask: Plane<Bool>, rule: Rule) -> [PrintedLine] {
        let diagonal = Double(mask.width + mask.height)
        let bins = Int(2 * diagonal) + 2
        var histogram = [Int](repeating: 0, count: bins)
        let probe = PrintedLine(across: across, angle: angle, low: 0, high: 0)
        let binOf = points.map { Int(probe.offset($0.0, $0.1) + diagonal) }
        for b in binOf { histogram[b] += 1 }
        // Positions along the line of the points in each bin (counting sort by bin).
        var start = [Int](repeating: 0, count: bins + 1)
        for b in 0..<bins { start[b + 1] = start[b] + histogram[b] }
        var fill = start
        var along = [Double](repeating: 0, count: points.count)
        let (c, s) = (cos(angle), sin(angle))
        for (k, (x, y)) in points.enumerated() {
            along[fill[binOf[k]]] = across ? x * c + y * s : y * c - x * s
            fill[binOf[k]] += 1
        }
        // The width of a peak is read from a profile without the two fullest eighths of the
        // line's length: a stroke running along a line (or a thick pen crossing it) widens
        // the line's peak only where the digit is.
        let corners = [(0.0, 0.0), (Double(mask.width), 0.0), (0.0, Double(mask.height)), (Double(mask.width), Double(mask.height))]
        let ends = corners.map { across ? $0.0 * c + $0.1 * s : $0.1 * c - $0.0 * s }
        let first = ends.min() ?? 0, span = max(1, (ends.max() ?? 1) - first)
        var eighths = [Int32](repeating: 0, count: bins * 8)
        for b in 0..<bins {
            for k in start[b]..<start[b + 1] { eighths[b * 8 + min(7, max(0, Int((along[k] - first) / span * 8)))] += 1 }
        }
        let profile: [Int] = (0..<bins).map { b in
            guard histogram[b] > 0 else { return 0 }
            let counts = eighths[(b * 8)..<(b * 8 + 8)].sorted()
            return Int(counts[0..<6].reduce(0, +)) * 8 / 6
        }
        var lines: [PrintedLine] = []
        var i = 1
        while i < bins - 1 {
            // Candidates are read from the profile too: the digit's own mass is no peak there.
            let count = profile[i]
            let rho = Double(i) - diagonal + 0.5
            let length = chord(rho, angle: angle, across: across, width: mask.width, height: mask.height)
            guard count >= 30, length >= 0.3 * Double(across ? mask.width : mask.height),
                Double(count) >= rule.coverage * length,
                count >= profile[i - 1], count >= profile[i + 1]
            else { i += 1; continue }
            // Half-maximum extent of the peak (of the profile without the digit's eighths).
            let peak = max(1, profile[i])
            var lo = i, hi = i
            while lo > 0, profile[lo - 1] * 2 >= peak, Double(i - lo) < rule.maxWidth { lo -= 1 }
            while hi < bins - 1, profile[hi + 1] * 2 >= peak, Double(hi - i) < rule.maxWidth { hi += 1 }
            if Double(hi - lo + 1) > rule.maxWidth { i += 1; continue }
            // Widen the band to where the profile falls below a sixth of the peak (blurred edges).
            while lo > 0, profile[lo - 1] * 6 >= peak, i - lo < Int(rule.maxWidth) { lo -= 1 }
            while hi < bins - 1, profile[hi + 1] * 6 >= peak, hi - i < Int(rule.maxWidth) { hi += 1 }
            let line = PrintedLine(across: across, angle: angle, low: Double(lo) - diagonal - 0.5, high: Double(hi + 1) - diagonal + 0.5)
            if spreadsAlong(along[start[lo]..<start[hi + 1]], length: length, rule: rule) { lines.append(line) }
            i = hi + 1
        }
        return lines
    }

    /// Whether the line's ink (`positions` along it) reaches at least `rule.segments` of 8
    /// equal segments of its span.
    static func spreadsAlong(_ positions: ArraySlice<Double>, length: Double, rule: Rule) -> Bool {
        guard let first = positions.min(), let last = positions.max(), last > first else { return false }
        let span = max(last - first, length * 0.5)
        var occupied = Set<Int>()
        for p in positions { occupied.insert(min(7, Int((p - first) / span * 8))) }
        return occupied.count >= rule.segments
    }

    /// Length inside the canvas of the line at offset `rho` (pixels).
    static func chord(_ rho: Double, angle: Double, across: Bool, width: Int, height: Int) -> Double {
        // Across: y = (rho + x·sin θ) / cos θ; down: x = (rho − y·sin θ) / cos θ.
        let (c, s) = (cos(angle), sin(angle))
        let (along, other) = across ? (Double(width), Double(height)) : (Double(height), Double(width))
        // t runs along the family's main axis; q(t) is the cross coordinate.
        func q(_ t: Double) -> Double { across ? (rho + t * s) / c : (rho - t * s) / c }
        var t0 = 0.0, t1 = along
        let (q0, q1) = (q(t0), q(t1))
        if abs(q1 - q0) < 1e-9 {
            return (q0 >= 0 && q0 <= other) ? along / c : 0
        }
        // Clip t to where 0 ≤ q ≤ other.
        let ta = (0 - q0) / (q1 - q0) * along, tb = (other - q0) / (q1 - q0) * along
        t0 = max(t0, min(ta, tb)); t1 = min(t1, max(ta, tb))
        return max(0, t1 - t0) / c
    }

    /// Removes the pixels of `lines` from `mask`, except ink over them: where the pixel is
    /// darker than the line alone (its darkness beyond the line's own profile, as ink over
    /// print multiplies the light, reaches `inkCut`), or where ink lies just beyond the band
    /// on both sides (a stroke crossing the line). Returns the removed pixels.
    public static func remove(_ lines: [PrintedLine], from mask: inout Plane<Bool>, darkness: Plane<UInt8>, inkCut: Int) -> Plane<Bool> {
        var removed = Plane<Bool>(width: mask.width, height: mask.height, repeating: false)
        guard !lines.isEmpty else { return removed }
        let original = mask
        let w = mask.width, h = mask.height
        // What the printed lines alone let through (1 = no line), and the first line over each pixel.
        var through = [Float](repeating: 1, count: w * h)
        var lineOf = [Int16](repeating: -1, count: w * h)
        for (k, line) in lines.enumerated() {
            let profile = self.profile(line, darkness: darkness)
            forEachPixel(in: line, width: w, height: h) { x, y, o in
                let bin = min(profile.count - 1, max(0, Int(o - line.low)))
                through[y * w + x] *= 1 - profile[bin] / 255
                if lineOf[y * w + x] < 0 { lineOf[y * w + x] = Int16(truncatingIfNeeded: k) }
            }
        }
        func isInkBeyond(_ x: Double, _ y: Double) -> Bool {
            let xi = Int(x.rounded(.down)), yi = Int(y.rounded(.down))
            guard xi >= 0, yi >= 0, xi < w, yi < h else { return false }
            return original.pixels[yi * w + xi] && lineOf[yi * w + xi] < 0
        }
        let cut = Float(inkCut) / 255
        for y in 0..<h {
            for x in 0..<w where original.pixels[y * w + x] && lineOf[y * w + x] >= 0 {
                let i = y * w + x
                let inkAlone = 1 - (1 - Float(darkness.pixels[i]) / 255) / max(through[i], 0.05)
                if inkAlone >= cut { continue }
                let line = lines[Int(lineOf[i])]
                let (px, py) = (Double(x) + 0.5, Double(y) + 0.5)
                let o = line.offset(px, py)
                // The normal of the line, pointing toward growing offsets.
                let (nx, ny) = line.across ? (-line.sine, line.cosine) : (line.cosine, line.sine)
                let before = o - line.low + 3, after = line.high - o + 3
                if isInkBeyond(px - nx * before, py - ny * before) && isInkBeyond(px + nx * after, py + ny * after) { continue }
                mask.pixels[i] = false
                removed.pixels[i] = true
            }
        }
        return removed
    }

    /// The line's darkness across its band, one value per pixel of offset from `line.low`:
    /// the median over every pixel along the line (ink crossing it is a small minority).
    static func profile(_ line: PrintedLine, darkness: Plane<UInt8>) -> [Float] {
        let bins = Int((line.high - line.low).rounded(.down)) + 1
        var histograms = [[Int32]](repeating: [Int32](repeating: 0, count: 256), count: bins)
        forEachPixel(in: line, width: darkness.width, height: darkness.height) { x, y, o in
            histograms[min(bins - 1, max(0, Int(o - line.low)))][Int(darkness.pixels[y * darkness.width + x])] += 1
        }
        return histograms.map { h in
            let total = h.reduce(0, +)
            var seen: Int32 = 0
            for v in 0..<256 {
                seen += h[v]
                if seen * 2 >= total { return Float(v) }
            }
            return 0
        }
    }

    /// Calls `body(x, y, offset)` for every pixel whose centre lies in the line's band,
    /// walking along the line (a few pixels per step) rather than over the whole plane.
    public static func forEachPixel(in line: PrintedLine, width w: Int, height h: Int, _ body: (Int, Int, Double) -> Void) {
        let (c, s) = (line.cosine, line.sine)
        guard c > 0.1 else { return }
        let (along, across) = line.across ? (w, h) : (h, w)
        for t in 0..<along {
            let tc = Double(t) + 0.5
            // Across-lines: offset = (y+½)·c − (x+½)·s; down-lines: offset = (x+½)·c + (y+½)·s.
            let shift = line.across ? tc * s : -tc * s
            let first = max(0, Int(((line.low + shift) / c - 0.5).rounded(.up)))
            let last = min(across - 1, Int(((line.high + shift) / c - 0.5).rounded(.down)))
            guard first <= last else { continue }
            for q in first...last {
                let (x, y) = line.across ? (t, q) : (q, t)
                let o = line.offset(Double(x) + 0.5, Double(y) + 0.5)
                if o >= line.low && o <= line.high { body(x, y, o) }
            }
        }
    }
}
