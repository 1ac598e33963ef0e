import CairoGraphics

/// Draws the preprocessing sheet on a printable page (`--page a4|letter`): portrait, two rows
/// (steps 1–6 and the prediction; the value grid and the flatten strip), equal margins, every
/// text at least `PaperSize.smallestFontSize()` so it prints at 6 pt or more on a page printed
/// 150 mm wide. Layout in `SheetPageLayout`.
public struct SheetPage: Sendable {
    public let paper: PaperSize
    public let content: SheetContent

    public init(paper: PaperSize, content: SheetContent) {
        self.paper = paper; self.content = content
    }

    /// The first row's squares, left to right.
    static let steps: [SheetPanel] = [.canvas, .inkMask, .outline, .boundingBox, .box, .field]

    /// The page size in points (the user units of `draw`).
    public var size: (width: Double, height: Double) { paper.points }

    /// The layout, measured with `cr`'s fonts.
    func layout(_ cr: Context) -> SheetPageLayout {
        cr.save()
        defer { cr.restore() }
        return SheetPageLayout(paper: paper, content: content, subtitle: SheetPainter.subtitle(content), measuring: cr)
    }

    /// Draws the page into `cr`, whose user space is `size` points.
    public func draw(_ cr: Context) throws {
        let l = layout(cr)
        let m = l.metrics
        let pal = SheetStyle.palette
        SheetStyle.paintBackground(cr, width: l.width, height: l.height)
        cr.drawText(SheetPainter.title(content), x: l.margin, y: l.titleBaseline, size: l.titleSize, bold: true, color: pal.text)
        for (i, line) in l.subtitleLines.enumerated() {
            cr.drawText(
                line, x: l.margin, y: l.subtitleBaseline + Double(i) * SheetPageLayout.subtitleSize * 1.25,
                size: SheetPageLayout.subtitleSize, color: pal.muted)
        }
        for (panel, x) in zip(Self.steps, l.stepX) {
            try panel.draw(cr, content, x: x, y: l.rowOneTop, metrics: m)
        }
        SheetPanel.prediction.drawCompactPrediction(
            cr, content, x: l.predictionX, y: l.rowOneTop, width: l.predictionWidth, metrics: m)
        try SheetPanel.values.draw(cr, content, x: l.valuesX, y: l.rowTwoTop, metrics: m)
        try SheetPanel.flatten.draw(cr, content, x: l.flattenX, y: l.rowTwoTop, metrics: m)
        try cr.checkStatus()
    }
}
