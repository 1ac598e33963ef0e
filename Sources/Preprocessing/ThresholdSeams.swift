/// Ink pieces cut off by a block's raised threshold: the desk's grain beside the page edge
/// passes the paper's low ink threshold in the blocks that borrow the paper's bar (a block's
/// bar is the quietest of its 3×3 neighbourhood's), and stops where the next blocks, loud all
/// round, raise their own. Such a piece ends along a block seam with pixels beyond it that are
/// as dark as the piece's own ink, while ink on paper ends where the paper begins, whatever
/// the blocks' bars. A piece is cut (texture, not a stroke) when most of the pixels just across
/// a seam from it, in a block whose bar is clearly higher than the piece's side, are at least
/// as dark as the piece's side's bar.
public enum ThresholdSeams {
    /// Settings of the rule.
    public struct Rule: Sendable, Equatable {
        /// The bar across the seam must be at least this many darkness levels higher…
        public var barStep = 8
        /// …and this share of the pixels across such seams at least as dark as the piece's bar…
        public var darkShare = 0.5
        /// …and there at least this many of them (a stroke's corner at a seam does not count).
        public var minimumDark = 12
        public init() {}
    }

    /// For each component of `labels` (on the plane of `darkness` and `noise`), whether it is cut by a raised bar.
    public static func cutPieces(
        _ labels: ComponentLabels, darkness: Plane<UInt8>, noise: NoiseThresholds, rule: Rule = Rule()
    ) -> [Bool] {
        let w = labels.width, h = labels.height
        guard darkness.width == w, darkness.height == h, w > 0, h > 0 else { return labels.components.map { _ in false } }
        var owner = [Int32](repeating: -1, count: w * h)
        for run in labels.runs { for x in Int(run.x0)..<Int(run.x1) { owner[Int(run.y) * w + x] = run.component } }
        var across = [Int](repeating: 0, count: labels.components.count), dark = across
        let side = noise.side
        // The pixel at (x, y) of piece `c` and its neighbour (nx, ny) across a block seam.
        func visit(_ c: Int, _ x: Int, _ y: Int, _ nx: Int, _ ny: Int) {
            let n = ny * w + nx
            guard owner[n] != Int32(c) else { return }
            let mine = Int(noise.lowAt(x, y)), theirs = Int(noise.lowAt(nx, ny))
            guard theirs >= mine + rule.barStep else { return }
            across[c] += 1
            if Int(darkness.pixels[n]) >= mine { dark[c] += 1 }
        }
        for run in labels.runs {
            let y = Int(run.y), c = Int(run.component)
            for x in Int(run.x0)..<Int(run.x1) {
                let (cx, cy) = (x % side, y % side)
                guard cx == 0 || cx == side - 1 || cy == 0 || cy == side - 1 else { continue }
                if cx == 0 && x > 0 { visit(c, x, y, x - 1, y) }
                if cx == side - 1 && x < w - 1 { visit(c, x, y, x + 1, y) }
                if cy == 0 && y > 0 { visit(c, x, y, x, y - 1) }
                if cy == side - 1 && y < h - 1 { visit(c, x, y, x, y + 1) }
            }
        }
        return labels.components.indices.map { c in
            dark[c] >= rule.minimumDark && Double(dark[c]) >= rule.darkShare * Double(across[c])
        }
    }
}
