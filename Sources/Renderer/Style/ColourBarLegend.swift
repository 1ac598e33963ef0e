import CairoGraphics

/// A colour-bar legend: a bold title, the colour map as a horizontal bar, value labels under
/// its ends (and centre), and a one-line note on how the values are scaled. Frames and
/// posters draw their activation and weight scales with it.
public struct ColourBarLegend {
    /// Type sizes and spacing, all measured from the bar's top edge.
    public struct Metrics: Sendable {
        public var titleSize: Double
        /// From the title's baseline down to the bar's top.
        public var titleGap: Double
        public var barHeight: Double
        public var barRadius: Double
        public var labelSize: Double
        /// From the bar's top down to the labels' baseline.
        public var labelDrop: Double
        public var noteSize: Double
        /// From the bar's top down to the note's baseline.
        public var noteDrop: Double
        /// Linear segments the gradient is built from.
        public var segments: Int

        /// The frame overlay's legend at overlay scale `s` (1 at 1080 rows).
        public static func frame(scale s: Double) -> Metrics {
            Metrics(
                titleSize: 12 * s, titleGap: 10 * s, barHeight: 12 * s, barRadius: 2 * s, labelSize: 12 * s,
                labelDrop: 28 * s, noteSize: 12 * s, noteDrop: 48 * s, segments: 16)
        }

        /// A poster's header legend (design-canvas units).
        public static let poster = Metrics(
            titleSize: 24, titleGap: 18, barHeight: 24, barRadius: 4, labelSize: 22,
            labelDrop: 58, noteSize: 21, noteDrop: 92, segments: 32)
    }

    public var title: String
    public var colormap: Colormap
    /// Labels under the bar's left end, centre (optional) and right end.
    public var low: String
    public var middle: String?
    public var high: String
    public var note: String

    public init(title: String, colormap: Colormap, low: String, middle: String? = nil, high: String, note: String) {
        self.title = title; self.colormap = colormap
        self.low = low; self.middle = middle; self.high = high; self.note = note
    }

    /// Draws the legend with the bar's top-left corner at (`x`, `barTop`), `width` wide.
    public func paint(_ c: Context, x: Double, barTop: Double, width: Double, palette: Palette, metrics m: Metrics) {
        c.drawText(title, x: x, y: barTop - m.titleGap, size: m.titleSize, bold: true, color: palette.muted)
        let stops = (0...m.segments).map { i in
            (Double(i) / Double(m.segments), colormap.color(at: Double(i) / Double(m.segments)))
        }
        c.setLinearGradient(x0: x, y0: 0, x1: x + width, y1: 0, stops: stops)
        c.newPath()
        c.roundedRectangle(x, barTop, width, m.barHeight, radius: m.barRadius)
        c.fill()
        let labelY = barTop + m.labelDrop
        c.drawText(low, x: x, y: labelY, size: m.labelSize, color: palette.muted)
        if let middle { c.drawText(middle, x: x + width / 2, y: labelY, size: m.labelSize, color: palette.muted, align: .center) }
        c.drawText(high, x: x + width, y: labelY, size: m.labelSize, color: palette.muted, align: .right)
        c.drawText(note, x: x, y: barTop + m.noteDrop, size: m.noteSize, color: palette.dim)
    }
}
