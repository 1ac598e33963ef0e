import CairoGraphics

/// Round-capped segments of one width and one colour stroked as one path, the way Cairo
/// strokes a path of many `moveTo`/`lineTo` pieces: where segments overlap (contribution
/// lines converging on a node) the ink is their union, laid down once, not once per line.
///
/// Coverage of a pixel by one segment: with `d` the distance from the pixel centre to the
/// segment and `r` half the width, the overlap of `[d − ½, d + ½]` with `[−r, r]` (a
/// one-pixel box filter across the line: exact across a long straight line, 1 inside a
/// wide line, the line's width at the centre of a line thinner than a pixel; the round cap
/// is the same distance to the end point). The union's coverage is the largest over the
/// segments, quantised to 0…255; the colour is composited OVER each pixel once at
/// coverage × opacity.
///
/// The band is scanned row by row (each pixel row of the target once, in memory order): per
/// row, each segment crossing it raises a one-row coverage buffer over the pixels within
/// `r + ½` of its line, then the touched pixels are composited and the buffer cleared. No
/// square root except near the round caps. Memory: one byte per pixel of a row and a few
/// words per segment, per `draw` (independent of the number of cells).
/// `ReferenceStrokeBand` is the naive version this is tested against.
public struct StrokeBand: Sendable {
    /// Segment end points in device pixels (pixel `x` covers `x…x+1`).
    public var segments: [(SIMD2<Double>, SIMD2<Double>)]
    /// Stroke width in pixels.
    public var width: Double
    /// The colour; its alpha is the band's opacity.
    public var color: RGBA

    /// A band of `segments` stroked `width` pixels wide in `color`.
    public init(segments: [(SIMD2<Double>, SIMD2<Double>)], width: Double, color: RGBA) {
        self.segments = segments
        self.width = width
        self.color = color
    }

    /// Narrowest line (pixels) the frame strokes as a `StrokeBand`; thinner ones (small
    /// frames) stay Cairo strokes. Where several lines much thinner than a pixel cross inside
    /// one pixel their union covers about the sum of their coverages, and the per-pixel
    /// maximum would leave such knots visibly fainter than Cairo's exact union.
    public static let minimumWidth = 0.6

    /// Coverage 0…1 of a pixel whose centre is `distance` from a line `halfWidth` pixels
    /// wide on each side.
    @inline(__always)
    public static func coverage(distance d: Double, halfWidth r: Double) -> Double {
        min(max(min(d + 0.5, r) - max(d - 0.5, -r), 0), 1)
    }

    /// Distance from (`px`, `py`) to the segment `a`–`b` as both rasterizers compute it (`line`
    /// is `Line(a, b)`):
    /// where the point projects inside the segment, its distance to the line through it
    /// (`n`, `offset`: the line's unit normal and `n·a`; `dx`, `dy`, `length2`: `b − a` and
    /// its squared length); beyond either end, its distance to that end (the round cap).
    @inline(__always)
    static func distance(
        _ px: Double, _ py: Double, _ a: SIMD2<Double>, _ b: SIMD2<Double>, line: Line
    ) -> Double {
        let t = (px - a.x) * line.dx + (py - a.y) * line.dy
        if t >= 0 && t <= line.length2 && line.length2 > 0 {
            return abs(line.nx * px + line.ny * py - line.offset)
        }
        let e = t < line.length2 / 2 ? a : b
        let ex = px - e.x, ey = py - e.y
        return (ex * ex + ey * ey).squareRoot()
    }

    /// What `distance` needs of a segment, computed once per segment.
    struct Line {
        var dx: Double, dy: Double, length2: Double
        var nx: Double, ny: Double, offset: Double

        init(_ a: SIMD2<Double>, _ b: SIMD2<Double>) {
            dx = b.x - a.x
            dy = b.y - a.y
            length2 = dx * dx + dy * dy
            let length = length2.squareRoot()
            nx = length > 0 ? -dy / length : 0
            ny = length > 0 ? dx / length : 0
            offset = nx * a.x + ny * a.y
        }
    }

    /// Coverage quantised to a byte, as both rasterizers store it.
    @inline(__always)
    static func level(_ cover: Double) -> UInt8 { UInt8(cover * 255 + 0.5) }

    /// `color` at coverage `level` (0…255) and opacity `alpha` (0…255) OVER `dst`.
    @inline(__always)
    static func composite(_ color: UInt32, level: UInt32, alpha: UInt32, over dst: UInt32) -> UInt32 {
        let a = (level * alpha + 127) / 255
        return a == 0 ? dst : QuadRasterizer.over(color, dst, a)
    }

    /// The premultiplied opaque colour and the opacity byte, nil when nothing would show.
    var paint: (color: UInt32, alpha: UInt32)? {
        let opacity = min(max(color.a, 0), 1)
        let alpha = UInt32(opacity * 255 + 0.5)
        guard alpha > 0, width > 0, width.isFinite else { return nil }
        return (TexturedQuad.pixel(color.withAlpha(1)), alpha)
    }

    /// Pixels (half-open, clipped to `limit`) whose centres may lie within `reach` of `lo…hi`.
    @inline(__always)
    static func pixelRange(_ lo: Double, _ hi: Double, reach: Double, limit: Int) -> Range<Int> {
        let first = max(0, min(Double(limit), (lo - reach - 0.5).rounded(.down)))
        let end = max(first, min(Double(limit), (hi + reach - 0.5).rounded(.up) + 1))
        return Int(first)..<Int(end)
    }

    /// Strokes the band into `target`.
    public func draw(into target: PixelTarget) {
        guard let (c, alpha) = paint else { return }
        let r = width / 2, reach = r + 0.5
        // Per segment: its line and the rows and columns it may touch; by first row.
        var items: [Item] = segments.compactMap { a, b in
            guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return nil }
            let rows = Self.pixelRange(min(a.y, b.y), max(a.y, b.y), reach: reach, limit: target.height)
            let columns = Self.pixelRange(min(a.x, b.x), max(a.x, b.x), reach: reach, limit: target.width)
            guard !rows.isEmpty, !columns.isEmpty else { return nil }
            return Item(a: a, b: b, line: Line(a, b), rows: rows, columns: columns)
        }
        guard !items.isEmpty else { return }
        items.sort { $0.rows.lowerBound < $1.rows.lowerBound }
        let lastRow = items.map(\.rows.upperBound).max() ?? 0
        // One row of coverage (zero between rows) and the column spans written into it.
        var coverage = [UInt8](repeating: 0, count: target.width)
        var spans: [(Int, Int)] = []
        var active: [Int] = []
        var next = 0
        coverage.withUnsafeMutableBufferPointer { coverage in
            let line = coverage.baseAddress!
            for y in items[0].rows.lowerBound..<lastRow {
                while next < items.count && items[next].rows.lowerBound <= y {
                    active.append(next)
                    next += 1
                }
                active.removeAll { items[$0].rows.upperBound <= y }
                guard !active.isEmpty else { continue }
                spans.removeAll(keepingCapacity: true)
                let py = Double(y) + 0.5
                for i in active {
                    if let span = Self.cover(row: py, items[i], r: r, reach: reach, into: line) { spans.append(span) }
                }
                // Each touched pixel once (its coverage is cleared as it is composited).
                let row = target.row(y)
                for (lo, hi) in spans {
                    for x in lo...hi where line[x] != 0 {
                        let level = line[x]
                        line[x] = 0
                        if level == 255 && alpha == 255 && c >> 24 == 255 {
                            row[x] = c
                        } else {
                            row[x] = Self.composite(c, level: UInt32(level), alpha: alpha, over: row[x])
                        }
                    }
                }
            }
        }
    }

    /// A segment ready to scan: end points, line, the rows and columns it may touch.
    struct Item {
        var a: SIMD2<Double>, b: SIMD2<Double>
        var line: Line
        var rows: Range<Int>, columns: Range<Int>
    }

    /// Raises `buffer` (coverage of one row of pixels, centres at height `py`) to `item`'s coverage
    /// where that is larger; returns the columns written (nil: none).
    @inline(__always)
    static func cover(
        row py: Double, _ item: Item, r: Double, reach: Double, into buffer: UnsafeMutablePointer<UInt8>
    ) -> (Int, Int)? {
        let l = item.line
        var columns = item.columns
        if abs(l.nx) > 1e-9 {
            // |nx·px + ny·py − offset| < reach, solved for px, then a pixel of margin.
            let u = (l.offset - l.ny * py - reach) / l.nx, v = (l.offset - l.ny * py + reach) / l.nx
            columns = pixelRange(min(u, v), max(u, v), reach: 1, limit: item.columns.upperBound).clamped(to: item.columns)
        } else if l.length2 > 0 && abs(l.ny * py - l.offset) > reach + 1e-9 {
            return nil
        }
        var touched = (Int.max, Int.min)
        for x in columns {
            let d = distance(Double(x) + 0.5, py, item.a, item.b, line: l)
            guard d < reach else { continue }
            let level = level(coverage(distance: d, halfWidth: r))
            guard level > 0 else { continue }
            if level > buffer[x] { buffer[x] = level }
            touched = (min(touched.0, x), max(touched.1, x))
        }
        return touched.0 <= touched.1 ? touched : nil
    }
}

/// The naive twin of `StrokeBand`, for tests: every pixel of the target, its coverage the
/// largest over all segments computed afresh (no boxes, no spans), composited the same way.
public enum ReferenceStrokeBand {
    /// Strokes `band` into `target`.
    public static func draw(_ band: StrokeBand, into target: PixelTarget) {
        guard let (c, alpha) = band.paint else { return }
        let r = band.width / 2
        let drawn = band.segments.filter { $0.0.x.isFinite && $0.0.y.isFinite && $0.1.x.isFinite && $0.1.y.isFinite }
        for y in 0..<target.height {
            let row = target.row(y)
            for x in 0..<target.width {
                var best: UInt8 = 0
                for (a, b) in drawn {
                    let d = StrokeBand.distance(Double(x) + 0.5, Double(y) + 0.5, a, b, line: StrokeBand.Line(a, b))
                    best = max(best, StrokeBand.level(StrokeBand.coverage(distance: d, halfWidth: r)))
                }
                guard best > 0 else { continue }
                row[x] = StrokeBand.composite(c, level: UInt32(best), alpha: alpha, over: row[x])
            }
        }
    }
}
