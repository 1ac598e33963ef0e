/// Ink thresholds from the paper's own noise, block by block: a photo's paper is quiet (sensor
/// noise only) while a desk, a textured table or a finger's rim is not, so one threshold for
/// the whole frame either lets the desk's grain in as ink or, computed over it, loses faint
/// pencil. The page is cut into square blocks; each gets the median and spread of its
/// darkness; the quietest blocks are the paper and set the page's thresholds, and a block whose
/// neighbourhood is loud everywhere (the desk) raises its own to stay above its texture.
public struct NoiseThresholds: Sendable {
    /// Darkness above which a pixel may be ink, and which a piece must reach somewhere, on paper.
    public var low: Int
    public var high: Int
    /// Blocks across and down, and their side in pixels.
    public var columns: Int
    public var rows: Int
    public var side: Int
    /// Low and high thresholds per block (row by row), never below `low` and `high`.
    public var blockLow: [UInt8]
    public var blockHigh: [UInt8]

    /// The low threshold at pixel (x, y).
    @inline(__always) func lowAt(_ x: Int, _ y: Int) -> UInt8 { blockLow[min(rows - 1, y / side) * columns + min(columns - 1, x / side)] }
    /// The high threshold at pixel (x, y).
    @inline(__always) func highAt(_ x: Int, _ y: Int) -> UInt8 {
        blockHigh[min(rows - 1, y / side) * columns + min(columns - 1, x / side)]
    }

    /// Thresholds for `darkness` (signed, 0 = paper): per block of `side` pixels the median and
    /// spread ((median − lower quartile) / 0.674, as for a normal) of every other pixel; the
    /// paper is the blocks whose spread is at most `quietShare` × the 30th percentile of
    /// spreads; `low` = paper median + `deviations` × paper spread (at least `minimumLow`), and
    /// `high` twice that. A block's own bar is the smallest `median + deviations · spread` of
    /// its 3×3 neighbourhood of blocks (a block full of ink borrows its neighbours' paper).
    public static func measure(
        _ darkness: Plane<Float>, side: Int = 32, deviations: Double = 5, minimumLow: Int = 14, minimumHigh: Int = 40,
        quietShare: Double = 1.5
    ) -> NoiseThresholds {
        let w = darkness.width, h = darkness.height
        let side = max(4, min(side, max(w, h)))
        let cols = max(1, (w + side - 1) / side), rows = max(1, (h + side - 1) / side)
        var medians = [Double](repeating: 0, count: cols * rows), spreads = [Double](repeating: 0, count: cols * rows)
        var sample: [Float] = []
        sample.reserveCapacity(side * side / 4 + 4)
        for by in 0..<rows {
            for bx in 0..<cols {
                sample.removeAll(keepingCapacity: true)
                for y in Swift.stride(from: by * side, to: min(h, (by + 1) * side), by: 2) {
                    for x in Swift.stride(from: bx * side, to: min(w, (bx + 1) * side), by: 2) { sample.append(darkness.pixels[y * w + x]) }
                }
                guard !sample.isEmpty else { continue }
                // The median, then the lower quartile among the values before it (as in a sorted sample).
                let m = sample.count / 2, q = sample.count / 4
                let (median, lower) = sample.withUnsafeMutableBufferPointer { a in
                    let median = OrderStatistic.select(a, m, in: 0..<a.count)
                    return (Double(median), Double(q < m ? OrderStatistic.select(a, q, in: 0..<m) : median))
                }
                medians[by * cols + bx] = median
                spreads[by * cols + bx] = max(0.5, (median - lower) / 0.674)
            }
        }
        let sortedSpreads = spreads.sorted()
        let quiet = sortedSpreads[min(sortedSpreads.count - 1, sortedSpreads.count * 3 / 10)] * quietShare
        var paperMedians: [Double] = [], paperSpreads: [Double] = []
        for i in spreads.indices where spreads[i] <= quiet { paperMedians.append(medians[i]); paperSpreads.append(spreads[i]) }
        paperMedians.sort(); paperSpreads.sort()
        let paperMedian = paperMedians.isEmpty ? 0 : paperMedians[paperMedians.count / 2]
        let paperSpread = paperSpreads.isEmpty ? 0.5 : paperSpreads[paperSpreads.count / 2]
        let low = min(200, max(minimumLow, Int((paperMedian + deviations * paperSpread).rounded(.up))))
        let high = min(230, max(minimumHigh, 2 * low))
        let own = zip(medians, spreads).map { $0 + deviations * $1 }
        var blockLow = [UInt8](repeating: 0, count: cols * rows), blockHigh = [UInt8](repeating: 0, count: cols * rows)
        for by in 0..<rows {
            for bx in 0..<cols {
                var bar = Double.infinity
                for ny in max(0, by - 1)...min(rows - 1, by + 1) {
                    for nx in max(0, bx - 1)...min(cols - 1, bx + 1) { bar = min(bar, own[ny * cols + nx]) }
                }
                let l = min(200, max(low, Int(bar.rounded(.up))))
                blockLow[by * cols + bx] = UInt8(l)
                blockHigh[by * cols + bx] = UInt8(min(230, max(high, 2 * l)))
            }
        }
        return NoiseThresholds(low: low, high: high, columns: cols, rows: rows, side: side, blockLow: blockLow, blockHigh: blockHigh)
    }
}
