import CairoGraphics

/// Where everything goes on a printable page (`SheetPage`): portrait, equal margins, two
/// rows. The first row holds steps 1–6 as small squares and the prediction; the second the
/// 28×28 value grid, as large as the page allows, with the flatten strip at its right.
///
/// Portrait because the value grid sets the scale: its cells must hold three digits at the
/// page's smallest font size (8.45 pt on A4, 8.65 pt on letter, so they print at 6 pt or more on a page
/// 150 mm wide), about 17 pt per cell, 480 pt for the grid; landscape pages would need 12 pt
/// type and 24 pt cells, a grid taller than the page.
struct SheetPageLayout {
    /// The page, in points.
    let width: Double, height: Double
    /// The same margin on all four sides (10 mm).
    let margin: Double
    /// The sizes the panels are drawn at (small squares `side`, grid `cell`).
    let metrics: SheetMetrics
    /// Title size (shrunk until it fits the line) and its baseline; the subtitle's lines.
    let titleSize: Double
    let titleBaseline: Double
    let subtitleLines: [String]
    let subtitleBaseline: Double
    /// Top of the first row's headers; its columns (steps 1–6, and 2a–2c for a photo) and the
    /// x of each; the prediction column and its picture's height.
    let rowOneTop: Double
    let columns: [SheetPageColumn]
    let stepX: [Double]
    let predictionHeight: Double
    let predictionX: Double
    let predictionWidth: Double
    /// Top of the second row's headers; x of the value grid and of the flatten strip.
    let rowTwoTop: Double
    let valuesX: Double
    let flattenX: Double

    static let marginMillimetres = 10.0
    /// Horizontal space between the first row's columns (six steps; nine for a photo).
    static let columnGap = 8.0
    static let narrowColumnGap = 6.0
    /// Least vertical space between title, first row and second row.
    static let rowGap = 12.0
    /// Width of the prediction column.
    static let predictionColumn = 86.0
    /// Least height of the prediction's picture (its ten columns under the answer) when the
    /// squares are narrower (a photo's nine columns).
    static let predictionPicture = 64.0
    static let subtitleSize = 9.5
    /// Step headers in a photo's nine narrow columns.
    static let narrowHeaderSize = 9.5
    /// Space from the top of a one-line header to the picture under it.
    static let headerHeight = 16.0
    /// Size of the step headers (in a photo's nine narrow columns `narrowHeaderSize`).
    static let headerSize = 10.5
    static let largestTitle = 17.0

    /// The layout of `content` on `paper`; `cr` measures text (its font state is changed).
    init(paper: PaperSize, content: SheetContent, subtitle: String, measuring cr: Context) {
        let (w, h) = paper.points
        width = w; height = h
        margin = Self.marginMillimetres * PaperSize.pointsPerMillimetre
        let smallest = paper.smallestFontSize()
        let caption = max(9, smallest)
        var m = SheetMetrics(
            side: 0, cell: 0, stripWidth: 14, headerSize: Self.headerSize, headerHeight: Self.headerHeight, captionSize: caption,
            captionLeading: caption * 1.22, valueSize: smallest, captionGap: caption * 1.6, compact: true)
        let inner = w - 2 * margin

        // Title: one line, shrunk to fit; subtitle: wrapped to the width.
        var size = Self.largestTitle
        let title = SheetPainter.title(content)
        cr.setFont(size, bold: true)
        while size > 11, cr.textExtents(title).xAdvance > inner {
            size -= 0.5
            cr.setFont(size, bold: true)
        }
        titleSize = size
        titleBaseline = margin - cr.textExtents(title).yBearing
        cr.setFont(Self.subtitleSize)
        subtitleLines = CaptionWrap.printedLines(subtitle, width: inner, context: cr)
        subtitleBaseline = titleBaseline + Self.subtitleSize * 1.9
        let titleBottom = subtitleBaseline + Double(subtitleLines.count - 1) * Self.subtitleSize * 1.25 + 3

        // Row one: six squares (nine for a photo) and the prediction column across the width.
        columns = SheetPageColumn.all(content)
        let narrow = columns.count > SheetPage.steps.count
        let gap = narrow ? Self.narrowColumnGap : Self.columnGap
        let n = Double(columns.count)
        predictionWidth = Self.predictionColumn
        m.side = ((inner - predictionWidth - n * gap) / n).rounded(.down)
        let (left, pitch) = (margin, m.side + gap)
        stepX = columns.indices.map { left + Double($0) * pitch }
        predictionX = w - margin - predictionWidth
        let rowOne: Double
        if narrow {
            // Nine narrow columns: headers and captions wrapped to them; the prediction keeps
            // the height its ten columns need.
            m.wrapWidth = pitch - 2
            m.headerSize = max(smallest, Self.narrowHeaderSize)
            let headerLines = columns.map { $0.headerLines(content, metrics: m, context: cr).count }.max() ?? 1
            m.headerHeight += Double(headerLines - 1) * SheetHeader.leading(m)
            let captionLines = columns.map { $0.captionLines(content, metrics: m, context: cr).count }.max() ?? 3
            predictionHeight = max(m.side, Self.predictionPicture)
            let predictionLines = SheetPanel.prediction.compactPredictionLines(content).count
            rowOne =
                m.headerHeight
                + max(m.side + m.captionHeight(lines: captionLines), predictionHeight + m.captionHeight(lines: predictionLines))
        } else {
            predictionHeight = m.side
            rowOne = m.headerHeight + m.side + m.captionHeight(lines: 3)
        }

        // Row two: the grid as large as the width and the height left allow.
        cr.setFont(Self.headerSize, bold: true)  // the second row's headers keep the usual size
        let flattenHeader = cr.textExtents("8 " + SheetPanel.flatten.title).xAdvance
        cr.setFont(m.captionSize)
        let flattenLabels = m.stripWidth + 8 + cr.textExtents("783").xAdvance
        let flattenWidth = max(flattenHeader, flattenLabels)
        flattenX = w - margin - flattenWidth
        // the second row's captions: two lines, the last one's ink bottom on the margin
        let lines = SheetPanel.values.shortCaption(content)
        let last = cr.textExtents(lines.last ?? "")
        let descent = last.yBearing + last.height
        let rowTwoFixed = Self.headerHeight + m.captionGap + Double(lines.count - 1) * m.captionLeading + max(0, descent)
        let byWidth = (flattenX - Self.columnGap * 1.5 - margin) / 28
        let byHeight = (h - margin - titleBottom - 2 * Self.rowGap - rowOne - rowTwoFixed) / 28
        m.cell = (min(byWidth, byHeight) * 20).rounded(.down) / 20
        metrics = m
        valuesX = margin
        // What is left goes into the two gaps, so the bottom margin equals the top one.
        let spare = h - margin - titleBottom - rowOne - rowTwoFixed - 28 * m.cell
        rowOneTop = titleBottom + spare / 2
        rowTwoTop = rowOneTop + rowOne + spare / 2
    }
}
