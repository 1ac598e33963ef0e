import CairoGraphics

extension SheetPanel {
    /// The prediction in a page's narrow column: the answer large with its percentage, the ten
    /// probabilities as columns labelled 0–9 (ending at the picture's bottom, like steps
    /// 1–6, or `height` below the header when given), and the verdict in short caption lines (`label 4 ✗`, the top two when uncertain).
    func drawCompactPrediction(
        _ cr: Context, _ content: SheetContent, x: Double, y: Double, width: Double, metrics m: SheetMetrics,
        height: Double? = nil
    ) {
        let side = height ?? m.side
        let v = content.verdict
        let pal = SheetStyle.palette
        let colour = v.kind == .confident ? pal.accent : v.kind == .uncertain ? pal.amber : pal.alert
        drawHeader(cr, x: x, y: y + m.headerSize, metrics: m)
        let py = y + m.headerHeight
        // the answer
        let big = Self.compactDigitSize
        cr.setFont(big, bold: true)
        cr.setColor(colour)
        let digit = "\(v.predicted)"
        cr.drawText(digit, x: x - 1, y: py + big * 0.74)
        let tx = x + cr.textExtents(digit).xAdvance + 3
        let word = v.kind == .uncertain ? "or \(v.runnerUp.map(String.init) ?? "?")?" : v.kind == .wrong ? "predicted" : "class"
        cr.drawText(
            word, x: tx, y: py + 9, size: m.captionSize, bold: v.kind == .uncertain, color: v.kind == .uncertain ? colour : pal.muted)
        cr.drawText(
            NumberFormat.percent(v.probability), x: tx, y: py + big * 0.74, size: m.captionSize, bold: true,
            color: pal.text)
        // ten columns, labels on the pictures' bottom line
        let pitch = width / 10, barWidth = pitch * 0.72
        let labelBaseline = py + side
        let barBottom = labelBaseline - m.captionSize - 2, barTop = py + big * 0.74 + 8
        for d in 0..<10 {
            let bx = x + Double(d) * pitch + (pitch - barWidth)
            let value = content.probability(of: d)
            let role =
                d == v.predicted
                ? colour : (v.kind == .uncertain && d == v.runnerUp) ? pal.amber : (v.kind == .wrong && d == v.label) ? pal.alert : nil
            cr.newPath()
            cr.rectangle(bx, barTop, barWidth, barBottom - barTop)
            cr.setColor(pal.panel)
            cr.fill()
            let hgt = max(0.75, (barBottom - barTop) * value)
            cr.newPath()
            cr.rectangle(bx, barBottom - hgt, barWidth, hgt)
            cr.setColor(role ?? pal.muted.withAlpha(0.7))
            cr.fill()
            cr.drawText(
                "\(d)", x: bx + barWidth / 2, y: labelBaseline, size: m.captionSize, bold: role != nil,
                color: role ?? pal.dim, align: .center)
        }
        // the verdict in words, where the other steps have their captions
        drawCaption(
            cr, compactPredictionLines(content), x: x, y: py + side + m.captionGap, alert: v.kind == .wrong, metrics: m)
    }

    /// Size of the large answer digit in the compact prediction.
    static let compactDigitSize = 30.0

    /// The words under the compact prediction's columns: the runner-up, the top two when
    /// unsure, the label when known.
    func compactPredictionLines(_ content: SheetContent) -> [String] {
        let v = content.verdict
        var lines: [String] = []
        switch v.kind {
        case .confident:
            if let second = v.runnerUp { lines += ["next: \(second)", NumberFormat.percent(v.runnerUpProbability)] }
        case .uncertain:
            lines.append("unsure (< \(Int(Verdict.confidenceThreshold * 100)) %)")
            if let second = v.runnerUp { lines.append("\(second): " + NumberFormat.percent(v.runnerUpProbability)) }
        case .wrong:
            lines += ["label \(v.label ?? 0) ✗", "predicted \(v.predicted)"]
        }
        if let label = v.label, v.kind != .wrong { lines.append("label \(label) ✓") }
        return lines
    }
}
