import CairoGraphics

extension SheetPage {
    /// Where the page draws: the title and subtitle, each first-row column's header, picture and
    /// caption (as wrapped), the prediction column, and the value grid and flatten strip with
    /// their headers, note and captions, in reading order.
    public func frames() throws -> [SheetFrame] {
        let cr = try Context(try ImageSurface(width: 1, height: 1))
        let l = layout(cr)
        let m = l.metrics
        var frames: [SheetFrame] = []
        func add(_ frame: SheetFrame?) { if let frame { frames.append(frame) } }
        add(
            .text(
                "title", [SheetPainter.title(content)], x: l.margin, baseline: l.titleBaseline, leading: 0, size: l.titleSize,
                bold: true, context: cr))
        add(
            .text(
                "subtitle", l.subtitleLines, x: l.margin, baseline: l.subtitleBaseline,
                leading: SheetPageLayout.subtitleSize * 1.25, size: SheetPageLayout.subtitleSize, context: cr))
        for (column, x) in zip(l.columns, l.stepX) {
            let (number, title) = column.header
            let name = "\(number) \(title)"
            var header = column.headerLines(content, metrics: m, context: cr)
            if !header.isEmpty { header[0] = "\(number) " + header[0] }
            add(
                .text(
                    "\(name) header", header, x: x, baseline: l.rowOneTop + m.headerSize, leading: SheetHeader.leading(m),
                    size: m.headerSize, bold: true, context: cr))
            frames.append(SheetFrame("\(name) picture", x: x, y: l.rowOneTop + m.headerHeight, width: m.side, height: m.side))
            let caption: [String]
            switch column {
            case .step(let panel): caption = panel.drawnCaption(content, metrics: m, captionWidth: nil, context: cr)
            case .photo(let step):
                cr.setFont(m.captionSize)
                caption = step.captionLines(content.stages, compact: true, width: m.wrapWidth ?? m.side, context: cr)
            }
            add(
                .text(
                    "\(name) caption", caption, x: x, baseline: l.rowOneTop + m.headerHeight + m.side + m.captionGap,
                    leading: m.captionLeading, size: m.captionSize, context: cr))
        }
        let answer = SheetPanel.prediction.compactPredictionLines(content).count
        frames.append(
            SheetFrame(
                "9 prediction", x: l.predictionX, y: l.rowOneTop, width: l.predictionWidth,
                height: m.headerHeight + l.predictionHeight + m.captionHeight(lines: answer)))
        // the second row, drawn with one-line headers at the usual size
        let top = l.rowTwoTop, header = SheetPageLayout.headerHeight, grid = 28 * m.cell
        for (panel, x) in [(SheetPanel.values, l.valuesX), (.flatten, l.flattenX)] {
            let name = "\(panel.rawValue) \(panel.title)"
            add(
                .text(
                    "\(name) header", [name], x: x, baseline: top + SheetPageLayout.headerSize, leading: 0,
                    size: SheetPageLayout.headerSize, bold: true, context: cr))
        }
        if let note = SheetFrame.text(
            "7 note", [SheetPanel.valuesNote], x: 0, baseline: top + SheetPageLayout.headerSize, leading: 0, size: m.captionSize,
            context: cr)
        {
            frames.append(SheetFrame(note.name, x: l.valuesX + grid - note.width, y: note.y, width: note.width, height: note.height))
        }
        frames.append(SheetFrame("7 pixel values picture", x: l.valuesX, y: top + header, width: grid, height: grid))
        cr.setFont(m.captionSize)
        let labels = m.stripWidth + 8 + cr.textExtents("783").xAdvance
        frames.append(SheetFrame("8 flatten picture", x: l.flattenX, y: top + header, width: labels, height: grid))
        add(
            .text(
                "7 pixel values caption", SheetPanel.values.shortCaption(content), x: l.valuesX,
                baseline: top + header + grid + m.captionGap, leading: m.captionLeading, size: m.captionSize, context: cr))
        return frames
    }

    /// The widest value label (`255`) in the grid's font, and the grid's cell: the label must
    /// fit its cell for the numbers to stay apart.
    public func valueLabelAndCell() throws -> (label: Double, cell: Double) {
        let cr = try Context(try ImageSurface(width: 1, height: 1))
        let m = layout(cr).metrics
        cr.setFont(m.valueSize, bold: true, condensed: true)
        return (cr.textExtents("255").xAdvance, m.cell)
    }
}
