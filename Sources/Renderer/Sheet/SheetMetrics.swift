/// The sizes one layout of the preprocessing sheet draws its panels at: the wide 2400×700
/// sheet (`wide`) or a printable page (`page(_:)`, every text at least the page's smallest
/// font size).
public struct SheetMetrics: Sendable, Equatable {
    /// Side of the small square pictures (steps 1–6).
    public var side: Double
    /// Cell of the 28×28 value grid.
    public var cell: Double
    /// Width of the flatten strip.
    public var stripWidth: Double
    /// Step headers (`5 scale to 20×20`), bold.
    public var headerSize: Double
    /// Space from the top of a header to the picture under it.
    public var headerHeight: Double
    /// Captions under the pictures, and the space between their baselines.
    public var captionSize: Double
    public var captionLeading: Double
    /// The value grid's numbers (DejaVu Sans Condensed Bold).
    public var valueSize: Double
    /// Space from the picture's bottom to the first caption baseline.
    public var captionGap: Double
    /// Short captions and step names (for narrow pictures on a page).
    public var compact: Bool
    /// Width headers and captions are wrapped to (`CaptionWrap`; a photo's page, whose nine
    /// steps share the first row); nil: drawn as they are.
    public var wrapWidth: Double? = nil

    /// The wide sheet of `look/preprocess.png`.
    public static let wide = SheetMetrics(
        side: 196, cell: 17, stripWidth: 24, headerSize: 16, headerHeight: 26, captionSize: 13,
        captionLeading: 19, valueSize: 8.2, captionGap: 22, compact: false)

    /// Marker sizes (crosses, rings) relative to the wide sheet's.
    var detail: Double { max(0.5, side / Self.wide.side) }

    /// Height of `lines` caption lines under a picture.
    func captionHeight(lines: Int) -> Double { captionGap + Double(max(0, lines - 1)) * captionLeading + captionSize * 0.3 }
}
