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
        for (column, x) in zip(l.columns, l.stepX) {
            try column.draw(cr, content, x: x, y: l.rowOneTop, metrics: m)
        }
        var prediction = m
        prediction.wrapWidth = m.wrapWidth.map { _ in l.predictionWidth }
        SheetPanel.prediction.drawCompactPrediction(
            cr, content, x: l.predictionX, y: l.rowOneTop, width: l.predictionWidth, metrics: prediction,
            height: l.predictionHeight)
        // the second row's panels are wide: their headers and captions are not wrapped
        var rowTwo = m
        rowTwo.wrapWidth = nil
        rowTwo.headerHeight = SheetPageLayout.headerHeight
        rowTwo.headerSize = SheetPageLayout.headerSize
        try SheetPanel.values.draw(cr, content, x: l.valuesX, y: l.rowTwoTop, metrics: rowTwo)
        try SheetPanel.flatten.draw(cr, content, x: l.flattenX, y: l.rowTwoTop, metrics: rowTwo)
        try cr.checkStatus()
    }

    /// The first row's headers, captions and answer texts that are wider than their column
    /// (a square and the gap after it; the prediction's column), measured with the fonts they
    /// are drawn in. Empty when no text runs into its neighbour.
    public func textsWiderThanTheirColumns() throws -> [String] {
        let cr = try Context(try ImageSurface(width: 1, height: 1))
        let l = layout(cr)
        let m = l.metrics
        var wide: [String] = []
        func check(_ text: String, _ limit: Double, size: Double, bold: Bool = false) {
            cr.setFont(size, bold: bold)
            if cr.textExtents(text).xAdvance > limit { wide.append(text) }
        }
        for column in l.columns {
            let limit = l.stepX.count > 1 ? l.stepX[1] - l.stepX[0] - 2 : m.side
            let header = column.header, lines = column.headerLines(content, metrics: m, context: cr)
            for (i, line) in lines.enumerated() {
                check(i == 0 ? "\(header.number) \(line)" : line, limit, size: m.headerSize, bold: true)
            }
            for line in column.captionLines(content, metrics: m, context: cr) { check(line, limit, size: m.captionSize) }
        }
        let column = l.predictionWidth
        check("\(SheetPanel.prediction.rawValue) \(SheetPanel.prediction.shortTitle)", column, size: m.headerSize, bold: true)
        for line in SheetPanel.prediction.compactPredictionLines(content) { check(line, column, size: m.captionSize) }
        let v = content.verdict
        cr.setFont(SheetPanel.compactDigitSize, bold: true)
        let digit = cr.textExtents("\(v.predicted)").xAdvance + 3
        for text in ["or \(v.runnerUp ?? 0)?", "predicted", NumberFormat.percent(v.probability)] {
            check(text, column - digit, size: m.captionSize, bold: true)
        }
        return wide
    }
}
