/// Telling a number written in one joined stroke ("12" with the 2 touching the 1) from one
/// digit: the ink is clearly wider than tall, and one column near the middle crosses at most
/// about one stroke while the ink on either side of it runs nearly the full height (two
/// digits standing side by side). Narrow pairs (a joined "10" is no wider than tall) are not
/// caught: with the width bar lowered to 0.75, single 0s, 4s, 5s and 9s were refused. A wide single digit fails one of these: a 0, 2, 3, 5, 6, 8
/// or 9 crosses two or more strokes in every middle column; a 7's or a 4's single-stroke
/// columns leave a side much shorter than the whole.
public enum JoinedDigits {
    /// Settings of the test.
    public struct Rule: Sendable, Equatable {
        /// The ink must be at least this many times as wide as tall.
        public var minimumAspect = 1.3
        /// The cut is searched between these shares of the width.
        public var searchFrom = 0.25
        public var searchTo = 0.75
        /// At the cut, the ink across must be at most this many stroke widths.
        public var maximumCutStrokes = 1.6
        /// Each side's ink must span at least this share of the whole height…
        public var sideHeightShare = 0.85
        /// …and hold at least this share of the ink.
        public var sideAreaShare = 0.15
        public init() {}
    }

    /// Where the two digits of a joined pair lie in `ink` (true = ink of the digit, the plane
    /// cropped to its box), left then right, in the plane's pixels; nil when it reads as one digit.
    public static func split(_ ink: Plane<Bool>, rule: Rule = Rule()) -> [PixelRect]? {
        let w = ink.width, h = ink.height
        guard w >= 6, h >= 6, Double(w) >= rule.minimumAspect * Double(h) else { return nil }
        let (area, edges) = StrokeWidth.areaAndEdges(ink)
        let stroke = StrokeWidth.estimate(area: area, edges: edges)
        guard area > 0, stroke > 0 else { return nil }
        var columns = [Int](repeating: 0, count: w)
        for y in 0..<h { for x in 0..<w where ink.pixels[y * w + x] { columns[x] += 1 } }
        let from = max(1, Int(Double(w) * rule.searchFrom)), to = min(w - 2, Int(Double(w) * rule.searchTo))
        guard from <= to else { return nil }
        // The thinnest column (ties: nearest the middle).
        var cut = from
        for x in from...to where columns[x] < columns[cut] || (columns[x] == columns[cut] && abs(2 * x - w) < abs(2 * cut - w)) {
            cut = x
        }
        guard Double(columns[cut]) <= rule.maximumCutStrokes * stroke else { return nil }
        guard let left = bounds(ink, columns: 0..<cut), let right = bounds(ink, columns: (cut + 1)..<w) else { return nil }
        for side in [left, right] {
            guard Double(side.box.height) >= rule.sideHeightShare * Double(h), Double(side.area) >= rule.sideAreaShare * Double(area),
                Double(side.box.width) >= stroke
            else { return nil }
        }
        return [left.box, right.box]
    }

    /// Box and pixel count of the ink in `columns`.
    static func bounds(_ ink: Plane<Bool>, columns: Range<Int>) -> (box: PixelRect, area: Int)? {
        guard !columns.isEmpty else { return nil }
        var minX = Int.max, maxX = -1, minY = Int.max, maxY = -1, area = 0
        for y in 0..<ink.height {
            for x in columns where ink.pixels[y * ink.width + x] {
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y); area += 1
            }
        }
        guard maxX >= 0 else { return nil }
        return (PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1), area)
    }
}
