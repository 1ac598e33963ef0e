import CairoGraphics

/// A step's header (`2b light divided out`): the number in the accent colour, the name after
/// it; wrapped to `SheetMetrics.wrapWidth` when set (the number stays on the first line).
enum SheetHeader {
    /// The name's lines: the first follows the number, the others start at the left edge.
    static func lines(number: String, title: String, metrics m: SheetMetrics, context cr: Context) -> [String] {
        guard let width = m.wrapWidth else { return [title] }
        cr.setFont(m.headerSize, bold: true)
        let indent = cr.textExtents(number + " ").xAdvance
        let lines = CaptionWrap.printedLines(title, width: width - indent, context: cr)
        // a first word too wide beside the number goes under it
        if let first = lines.first, cr.textExtents(first).xAdvance > width - indent {
            return [""] + CaptionWrap.printedLines(title, width: width, context: cr)
        }
        return lines
    }

    /// Space between the baselines of a wrapped header's lines.
    static func leading(_ m: SheetMetrics) -> Double { (m.headerSize * 1.15).rounded() }

    /// Draws the header with its first baseline at `baseline`.
    static func draw(_ cr: Context, number: String, title: String, x: Double, baseline: Double, metrics m: SheetMetrics) {
        let lines = lines(number: number, title: title, metrics: m, context: cr)
        cr.setFont(m.headerSize, bold: true)
        cr.setColor(SheetStyle.palette.accent)
        let numbered = number + " "
        cr.drawText(numbered, x: x, y: baseline)
        cr.setColor(SheetStyle.palette.text)
        let indent = cr.textExtents(numbered).xAdvance
        for (i, line) in lines.enumerated() {
            cr.drawText(line, x: x + (i == 0 ? indent : 0), y: baseline + Double(i) * leading(m))
        }
    }
}
