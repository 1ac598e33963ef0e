import Geometry

/// Where a frame's overlays sit and the area left for the network, for one frame size and
/// style. The overlay painters draw into these rectangles and the camera framing (a still's
/// `fittedCamera`, an orbit's `PoseFraming`) keeps the network in `free` and out of
/// `keepOut`, so resizing a panel here moves both.
///
/// Sizes are designed for 1080 rows and multiplied by `scale` (the shorter side over 1080,
/// so portrait frames keep panels that fit side by side).
public struct FrameLayout: Sendable, Equatable {
    public let width: Double
    public let height: Double
    /// Overlay scale: 1 when the shorter side is 1080 (or the style's fixed `overlayScale`).
    public let scale: Double
    /// Title and subtitle lines, top-left; nil without a title.
    public let title: ScreenRect?
    /// Colour legend, bottom-left; nil when hidden.
    public let legend: ScreenRect?
    /// Prediction panel, bottom-right; nil when hidden.
    public let prediction: ScreenRect?
    /// Where the network is framed: the frame less its margins (a wider top one under a
    /// title). The prediction panel reaches into its bottom-right corner, so framing also
    /// keeps the network out of `keepOut`.
    public let free: ScreenRect
    /// Space kept between the network and an overlay.
    public let clearance: Double

    /// Margins of the free area.
    let top: Double, left: Double, bottom: Double, right: Double
    /// Whether the title box is measured and kept out of (rather than above) the free area.
    let titleBeside: Bool

    /// The layout of a `width`×`height` frame drawn with `style`.
    ///
    /// Without `titleWidth` the title band spans the frame and the free area starts below
    /// it. With `titleWidth` (the widest title or subtitle line as drawn, in pixels) the
    /// title box is only that wide, the free area starts at the top margin, and the title box
    /// joins `keepOut`: the network may rise beside the title (it climbs toward the right
    /// in the three-quarter view, where the title is not).
    public init(width: Int, height: Int, style: FrameStyle, titleWidth: Double? = nil) {
        let w = Double(width), h = Double(height)
        // By the shorter side: a portrait frame gets the overlays of its width's landscape frame.
        let s = style.overlayScale ?? min(w, h) / 1080
        self.width = w
        self.height = h
        self.scale = s
        self.clearance = 8 * s
        // Title 32 px bold and the subtitle lines 22 px apart, from 48 px down.
        let extraLines = Double(max(0, style.subtitle.count - 2))
        let fullTitle = w - 64 * s - 72 * s
        self.title =
            style.title == nil
            ? nil
            : ScreenRect(
                x: 64 * s, y: 48 * s, width: min(fullTitle, titleWidth.map { $0 + 16 * s } ?? fullTitle),
                height: (94 + 22 * extraLines) * s)
        self.titleBeside = style.title != nil && titleWidth != nil
        // The legend's text runs a little past its 280 px bar.
        self.legend = style.showLegend ? ScreenRect(x: 64 * s, y: h - 164 * s, width: 284 * s, height: 104 * s) : nil
        self.prediction =
            style.showPrediction
            ? ScreenRect(x: w - 64 * s - 440 * s, y: h - 56 * s - 300 * s, width: 440 * s, height: 300 * s) : nil
        self.top = (style.title == nil || titleWidth != nil ? 60 : 170 + 22 * extraLines) * s
        self.left = 60 * s
        self.bottom = 190 * s
        self.right = 72 * s
        self.free = ScreenRect(x: left, y: top, width: w - left - right, height: h - top - bottom)
    }

    /// The bottom overlays (and a measured title) grown by `clearance`: the network stays out of these.
    public var keepOut: [ScreenRect] {
        [titleBeside ? title : nil, legend, prediction].compactMap { $0?.outset(by: clearance) }
    }

    /// The free area with its bottom raised to end 16 px (at 1080 rows) above `y`, when
    /// that is higher than the usual bottom margin.
    public func freeArea(endingAbove y: Double) -> ScreenRect {
        let bottom = max(self.bottom, height - y + 16 * scale)
        return ScreenRect(x: left, y: top, width: width - left - right, height: height - top - bottom)
    }
}
