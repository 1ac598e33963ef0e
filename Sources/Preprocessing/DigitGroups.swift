/// Telling one digit from several: ink components are gathered into groups (pieces whose boxes
/// overlap across, or nearly touch), and groups about as tall and as heavy as the largest are
/// separate digits. A digit drawn in two strokes (a 4, a 5's flag) or broken by pencil grain
/// stays one group: its pieces overlap or lie close; digits written side by side do not.
public enum DigitGroups {
    /// Settings of the grouping.
    public struct Rule: Sendable, Equatable {
        /// Pieces are considered when at least this share of the largest piece's area.
        public var pieceShare = 0.4
        /// Pieces join when the gap between their boxes across is at most this share of the
        /// tallest piece's height (and they overlap or nearly touch up and down)…
        public var acrossGap = 0.15
        /// …or when they overlap across and the gap up and down is at most this share.
        public var downGap = 0.35
        /// A group is a digit when at least this share of the tallest group's height…
        public var heightShare = 0.7
        /// …and of the heaviest group's area.
        public var areaShare = 0.4
        public init() {}
    }

    /// The boxes of the separate digits among `components` (none when the page holds at most
    /// one digit), top to bottom, left to right. `digit` is the ink taken for the digit (the
    /// area of its largest piece, and its box): pieces are measured against it, so stray specks never count.
    public static func find(_ components: [InkComponent], digit: (area: Int, box: PixelRect), rule: Rule = Rule()) -> [PixelRect] {
        guard digit.area > 0 else { return [] }
        let pieces = components.filter {
            Double($0.area) >= rule.pieceShare * Double(digit.area)
                && Double($0.bounds.height) >= rule.heightShare * Double(digit.box.height)
        }
        guard pieces.count > 1 else { return [] }
        let tallest = max(digit.box.height, pieces.map(\.bounds.height).max() ?? 0)
        let h = Double(tallest)
        var parent = Array(pieces.indices)
        func root(_ i: Int) -> Int {
            var r = i
            while parent[r] != r { r = parent[r] }
            return r
        }
        for i in pieces.indices {
            for j in pieces.indices where j > i {
                let a = pieces[i].bounds, b = pieces[j].bounds
                let gapX = max(0, max(b.x - a.maxX, a.x - b.maxX)), gapY = max(0, max(b.y - a.maxY, a.y - b.maxY))
                let joined =
                    (Double(gapX) <= rule.acrossGap * h && Double(gapY) <= rule.acrossGap * h)
                    || (gapX == 0 && Double(gapY) <= rule.downGap * h)
                if joined { parent[root(j)] = root(i) }
            }
        }
        var groups: [Int: (box: PixelRect, area: Int)] = [:]
        for i in pieces.indices {
            let r = root(i)
            if let g = groups[r] {
                groups[r] = (g.box.union(pieces[i].bounds), g.area + pieces[i].area)
            } else {
                groups[r] = (pieces[i].bounds, pieces[i].area)
            }
        }
        guard groups.count > 1, let tallestGroup = groups.values.map(\.box.height).max(),
            let heaviest = groups.values.map(\.area).max()
        else { return [] }
        let digits = groups.values.filter {
            Double($0.box.height) >= rule.heightShare * Double(tallestGroup) && Double($0.area) >= rule.areaShare * Double(heaviest)
        }
        guard digits.count > 1 else { return [] }
        return digits.map(\.box).sorted { ($0.y / max(1, tallestGroup), $0.x) < ($1.y / max(1, tallestGroup), $1.x) }
    }
}
