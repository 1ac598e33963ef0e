import Geometry

/// Where the cards of a poster's many-map page go: one compact card per feature map (the map,
/// a one-line caption, and for a convolution the filter's kernels, one per input channel, as
/// a small block), in the grid that makes the maps largest within the page's body.
///
/// Used when a stage has more maps than the roomy four-column cards hold (more than 16):
/// at 64 filters × 32 input channels the maps are about 90 and the kernels 16 design units
/// across (2480-wide page), so each 3×3 kernel's weights stay distinguishable squares of
/// 5 units (3 px even on a 1920×1080 page).
public struct MapGallery: Sendable, Equatable {
    /// One map's card and the places inside it.
    public struct Card: Sendable, Equatable {
        public var frame: ScreenRect
        /// The feature map (its aspect kept).
        public var map: ScreenRect
        /// Baseline origin of the card's caption (`map 12 · max 1.23`).
        public var captionX: Double, captionY: Double
        /// Top-left of the kernel block (kernels row-major, `kernelColumns` across).
        public var kernelsX: Double, kernelsY: Double
    }

    public var cards: [Card]
    public var columns: Int
    public var rows: Int
    /// Caption type size.
    public var captionSize: Double
    /// Kernel side and the gap between kernels; 0 when the stage has no kernels.
    public var kernelSide: Double
    public var kernelGap: Double
    /// Kernels per row of a card's block.
    public var kernelColumns: Int

    /// Padding inside a card and gap between cards (design units).
    static let pad = 8.0, gap = 12.0
    /// Gap between the kernels of a block.
    static let kernelGapSize = 2.0

    /// Cards for `channels` maps of `mapHeight`×`mapWidth` cells, each with `kernels`
    /// kernels (0 for pooling), filling `body`.
    public init(channels: Int, mapHeight: Int, mapWidth: Int, kernels: Int, in body: ScreenRect) {
        let n = max(channels, 1)
        let aspect = Double(max(mapHeight, 1)) / Double(max(mapWidth, 1))
        var best: (score: Double, layout: MapGallery)?
        for cols in 1...n {
            let rows = (n + cols - 1) / cols
            let cardW = (body.width - Self.gap * Double(cols - 1)) / Double(cols)
            let cardH = (body.height - Self.gap * Double(rows - 1)) / Double(rows)
            guard let candidate = Self.cardLayout(cardW: cardW, cardH: cardH, aspect: aspect, kernels: kernels) else { continue }
            // Larger maps first; with kernels, a map of 4 kernels' width counts as much as the kernels.
            let score = kernels > 0 ? min(candidate.mapSide / 4, candidate.kernelSide) : candidate.mapSide
            if best == nil || score > best!.score + 1e-9 {
                best = (score, Self.place(n, cols: cols, rows: rows, body: body, cardW: cardW, cardH: cardH, inner: candidate))
            }
        }
        self = best?.layout ?? MapGallery(cards: [], columns: 0, rows: 0, captionSize: 0, kernelSide: 0, kernelGap: 0, kernelColumns: 0)
    }

    init(cards: [Card], columns: Int, rows: Int, captionSize: Double, kernelSide: Double, kernelGap: Double, kernelColumns: Int) {
        self.cards = cards; self.columns = columns; self.rows = rows; self.captionSize = captionSize
        self.kernelSide = kernelSide; self.kernelGap = kernelGap; self.kernelColumns = kernelColumns
    }

    /// The inside of one card: map side, caption size, kernel block.
    struct Inner {
        var mapSide: Double
        var mapHeight: Double
        var captionSize: Double
        var kernelSide: Double
        var kernelGap: Double
        var kernelColumns: Int
    }

    /// A card's inside. Without kernels: the caption across the top, the map below it.
    /// With kernels: the map on the left as tall as the card, and beside it a column with
    /// the caption on top and the kernel block below; the map may give up to 40 % of its
    /// side to the block. Among block shapes, the one that best balances a map of at least
    /// 4 kernels' width with the largest kernels wins. Nil when nothing fits.
    static func cardLayout(cardW: Double, cardH: Double, aspect: Double, kernels: Int) -> Inner? {
        let caption = min(24, max(16, cardH * 0.16))
        let innerW = cardW - 2 * pad
        guard kernels > 0 else {
            let innerH = cardH - 2 * pad - caption * 1.35
            guard innerW > 8, innerH > 8 else { return nil }
            let side = min(innerW, innerH / aspect)
            return Inner(mapSide: side, mapHeight: side * aspect, captionSize: caption, kernelSide: 0, kernelGap: 0, kernelColumns: 0)
        }
        let innerH = cardH - 2 * pad, blockH = innerH - caption * 1.35
        guard innerW > 8, blockH > 2 else { return nil }
        var best: (score: Double, inner: Inner)?
        for kRows in 1...kernels {
            let kCols = (kernels + kRows - 1) / kRows
            let gapsH = kernelGapSize * Double(kRows - 1), gapsW = kernelGapSize * Double(kCols - 1)
            for share in [1.0, 0.9, 0.8, 0.7, 0.6] {
                let side = min(innerH / aspect, innerW) * share
                let k = min((blockH - gapsH) / Double(kRows), (innerW - side - pad - gapsW) / Double(kCols))
                guard k > 1 else { continue }
                let score = min(side / 4, k)
                if best == nil || score > best!.score + 1e-9 {
                    best = (
                        score,
                        Inner(
                            mapSide: side, mapHeight: side * aspect, captionSize: caption, kernelSide: k,
                            kernelGap: kernelGapSize, kernelColumns: kCols)
                    )
                }
            }
        }
        return best?.inner
    }

    static func place(_ n: Int, cols: Int, rows: Int, body: ScreenRect, cardW: Double, cardH: Double, inner: Inner) -> MapGallery {
        var cards: [Card] = []
        for i in 0..<n {
            let frame = ScreenRect(
                x: body.x + Double(i % cols) * (cardW + gap), y: body.y + Double(i / cols) * (cardH + gap), width: cardW,
                height: cardH)
            if inner.kernelSide > 0 {
                // The map on the left, the caption and kernels in the column beside it.
                let map = ScreenRect(x: frame.x + pad, y: frame.y + pad, width: inner.mapSide, height: inner.mapHeight)
                cards.append(
                    Card(
                        frame: frame, map: map, captionX: map.maxX + pad, captionY: frame.y + pad + inner.captionSize * 0.9,
                        kernelsX: map.maxX + pad, kernelsY: frame.y + pad + inner.captionSize * 1.35))
            } else {
                let top = frame.y + pad + inner.captionSize * 1.35
                let map = ScreenRect(x: frame.x + pad, y: top, width: inner.mapSide, height: inner.mapHeight)
                cards.append(
                    Card(
                        frame: frame, map: map, captionX: frame.x + pad, captionY: frame.y + pad + inner.captionSize,
                        kernelsX: map.maxX + pad, kernelsY: top))
            }
        }
        return MapGallery(
            cards: cards, columns: cols, rows: rows, captionSize: inner.captionSize, kernelSide: inner.kernelSide,
            kernelGap: inner.kernelGap, kernelColumns: inner.kernelColumns)
    }

    /// Top-left of kernel `index` in `card`'s block.
    public func kernelOrigin(_ index: Int, in card: Card) -> (x: Double, y: Double) {
        let cols = max(kernelColumns, 1)
        return (
            card.kernelsX + Double(index % cols) * (kernelSide + kernelGap),
            card.kernelsY + Double(index / cols) * (kernelSide + kernelGap)
        )
    }
}
