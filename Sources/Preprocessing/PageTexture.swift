/// Where a photo shows something other than the page: the desk or a table beyond the page's
/// edge. Paper under any light is smooth once the light is divided out (sensor noise only, a
/// fraction of a grey level between neighbours after smoothing), while wood, cloth or a
/// table's grain keeps a texture of several levels between neighbouring pixels. The frame is
/// cut into square blocks and each block's texture is the median step between horizontal and
/// vertical neighbours among its pixels that are paper by the page's low ink threshold (a
/// pencil stroke's own grain does not count); blocks far rougher than the paper's are off the page. Ink pieces lying
/// mostly there (the desk's grain along the page edge) are not the digit. The desk's grain
/// near the page edge can itself pass the low ink threshold (more so in a JPEG, whose ringing
/// darkens the desk beside the edge), which hides it from that measure: a block beside an
/// off-page block is off the page too when it is as rough counting every step below the
/// *high* threshold (grain that faint is no stroke's core) and not smooth below the low one.
/// The desk lies beyond the page's edge, so it reaches the frame's border: rough blocks not
/// joined to the border through other rough blocks (a pencil stroke's grainy rim, noisy paper
/// in a shadow inside the page) stay on the page.
public struct PageTexture: Sendable {
    /// Blocks across and down, and their side in pixels.
    public var columns: Int
    public var rows: Int
    public var side: Int
    /// Per block (row by row): whether it is rough like a desk rather than smooth like paper.
    public var offPage: [Bool]
    /// The paper's texture (median step, darkness levels) and the bar a block must pass to be
    /// off the page.
    public var paperTexture: Double
    public var bar: Double

    /// Whether pixel (x, y) lies in an off-page block.
    @inline(__always) public func isOffPage(_ x: Int, _ y: Int) -> Bool {
        offPage[min(rows - 1, y / side) * columns + min(columns - 1, x / side)]
    }

    /// Textures of `darkness` (0 paper … 255 ink) in blocks of `side`; steps touching a pixel
    /// at or above `inkLevel` (the page's low ink threshold) are left out. A block is off
    /// the page when its texture is at least `roughness` times the paper's (the 20th percentile
    /// of block textures: most of a photo is page) and at least `minimumStep` levels.
    public static func measure(
        _ darkness: Plane<UInt8>, inkLevel: Int, strongLevel: Int? = nil, side: Int = 32, roughness: Double = 4,
        minimumStep: Double = 3
    ) -> PageTexture {
        let w = darkness.width, h = darkness.height
        let side = max(4, min(side, max(w, h)))
        let cols = max(1, (w + side - 1) / side), rows = max(1, (h + side - 1) / side)
        var textures = [Double](repeating: 0, count: cols * rows)
        var counted = [Bool](repeating: false, count: cols * rows)
        // The same below the strong level (every step that is no stroke's core).
        var faint = [Double](repeating: 0, count: cols * rows)
        var histogram = [Int32](repeating: 0, count: 256), faintHistogram = [Int32](repeating: 0, count: 256)
        let ink = UInt8(max(0, min(255, inkLevel)))
        let strong = UInt8(max(Int(ink), min(255, strongLevel ?? inkLevel)))
        darkness.pixels.withUnsafeBufferPointer { d in
            for by in 0..<rows {
                for bx in 0..<cols {
                    for k in histogram.indices { histogram[k] = 0; faintHistogram[k] = 0 }
                    var total: Int32 = 0, faintTotal: Int32 = 0
                    // Every other row and column of the block; steps to the right and below.
                    for y in Swift.stride(from: by * side, to: min(h - 1, (by + 1) * side), by: 2) {
                        for x in Swift.stride(from: bx * side, to: min(w - 1, (bx + 1) * side), by: 2) {
                            let v = d[y * w + x], r = d[y * w + x + 1], b = d[(y + 1) * w + x]
                            guard v < strong, r < strong, b < strong else { continue }
                            let step = min(255, Int(max(v, r) - min(v, r)) + Int(max(v, b) - min(v, b)))
                            faintHistogram[step] += 1
                            faintTotal += 1
                            guard v < ink, r < ink, b < ink else { continue }
                            histogram[step] += 1
                            total += 1
                        }
                    }
                    if faintTotal >= 16 { faint[by * cols + bx] = median(faintHistogram, total: faintTotal) }
                    guard total >= 16 else { continue }
                    textures[by * cols + bx] = median(histogram, total: total)
                    counted[by * cols + bx] = true
                }
            }
        }
        let measured = zip(textures, counted).filter(\.1).map(\.0).sorted()
        let paper = measured.isEmpty ? 0 : measured[measured.count / 5]
        let bar = max(minimumStep, roughness * max(paper, 0.5))
        var offPage = zip(textures, counted).map { $1 && $0 >= bar }
        if strong > ink {
            offPage = besideDesk(offPage, textures: textures, counted: counted, faint: faint, bar: bar, columns: cols, rows: rows)
        }
        offPage = joinedToBorder(offPage, columns: cols, rows: rows)
        return PageTexture(columns: cols, rows: rows, side: side, offPage: offPage, paperTexture: paper, bar: bar)
    }

    /// The off-page blocks joined to the frame's border through off-page blocks (8-connected):
    /// the desk lies beyond the page's edge, which runs out of the frame.
    static func joinedToBorder(_ offPage: [Bool], columns cols: Int, rows: Int) -> [Bool] {
        var joined = [Bool](repeating: false, count: offPage.count)
        var stack: [Int] = []
        for i in offPage.indices where offPage[i] {
            let (bx, by) = (i % cols, i / cols)
            if bx == 0 || by == 0 || bx == cols - 1 || by == rows - 1 { joined[i] = true; stack.append(i) }
        }
        while let i = stack.popLast() {
            let (bx, by) = (i % cols, i / cols)
            for ny in max(0, by - 1)...min(rows - 1, by + 1) {
                for nx in max(0, bx - 1)...min(cols - 1, bx + 1) where offPage[ny * cols + nx] && !joined[ny * cols + nx] {
                    joined[ny * cols + nx] = true
                    stack.append(ny * cols + nx)
                }
            }
        }
        return joined
    }

    /// The median of a histogram of `total` steps.
    static func median(_ histogram: [Int32], total: Int32) -> Double {
        var seen: Int32 = 0
        for k in 0..<256 {
            seen += histogram[k]
            if 2 * seen >= total { return Double(k) }
        }
        return 255
    }

    /// The off-page blocks and their 8-neighbours (one ring, not repeated: rough paper in a
    /// deep shadow would otherwise carry the desk across the page) that are as rough as the
    /// desk below the strong level (`faint`) and, below the low level, either too full of ink
    /// candidates to measure or at least half as rough as the desk's bar (a block covered by
    /// a stroke's own soft edge is smooth there): the desk's grain that passed the low ink
    /// threshold, beside the desk already found.
    static func besideDesk(
        _ offPage: [Bool], textures: [Double], counted: [Bool], faint: [Double], bar: Double, columns cols: Int, rows: Int
    ) -> [Bool] {
        var out = offPage
        for i in offPage.indices where !offPage[i] && faint[i] >= bar && (!counted[i] || textures[i] >= bar / 2) {
            let (bx, by) = (i % cols, i / cols)
            var beside = false
            for ny in max(0, by - 1)...min(rows - 1, by + 1) {
                for nx in max(0, bx - 1)...min(cols - 1, bx + 1) where offPage[ny * cols + nx] { beside = true }
            }
            out[i] = beside
        }
        return out
    }

    /// For each component of `labels`, whether most of its pixels lie off the page.
    public func offPageComponents(_ labels: ComponentLabels) -> [Bool] {
        var off = [Int](repeating: 0, count: labels.components.count)
        for run in labels.runs {
            let y = Int(run.y)
            for x in Int(run.x0)..<Int(run.x1) where isOffPage(x, y) { off[Int(run.component)] += 1 }
        }
        return labels.components.indices.map { 2 * off[$0] > labels.components[$0].area }
    }
}
