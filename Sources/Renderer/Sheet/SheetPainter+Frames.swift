import CairoGraphics

extension SheetPainter {
    /// Where a photo's sheet (`WidePhotoLayout`) draws: the title, each step's header, picture
    /// and caption (as wrapped), the value grid's note, the prediction, the key to 2c's colours
    /// and every arrow segment, in reading order. Empty for a drawn canvas's sheet.
    public func photoFrames() throws -> [SheetFrame] {
        guard content.stages.photo != nil else { return [] }
        typealias L = WidePhotoLayout
        let cr = try Context(try ImageSurface(width: 1, height: 1))
        let m = SheetMetrics.wide
        var frames: [SheetFrame] = []
        func add(_ frame: SheetFrame?) { if let frame { frames.append(frame) } }
        add(.text("title", [title], x: 56, baseline: 62, leading: 0, size: 30, bold: true, context: cr))
        add(.text("subtitle", [Self.subtitle(content)], x: 56, baseline: 94, leading: 0, size: 16, context: cr))

        /// Header, picture and caption of a small panel at `o`.
        func panel(
            _ name: String, header: String, at o: (x: Double, y: Double), picture: (width: Double, height: Double), caption: [String]
        ) {
            add(
                .text(
                    "\(name) header", [header], x: o.x, baseline: o.y + m.headerSize, leading: 0, size: m.headerSize, bold: true,
                    context: cr))
            frames.append(SheetFrame("\(name) picture", x: o.x, y: o.y + m.headerHeight, width: picture.width, height: picture.height))
            add(
                .text(
                    "\(name) caption", caption, x: o.x, baseline: o.y + m.headerHeight + picture.height + m.captionGap,
                    leading: m.captionLeading, size: m.captionSize, context: cr))
        }
        let canvas = L.origin(of: .canvas)
        panel(
            "1 canvas", header: "1 canvas", at: canvas, picture: SheetPanel.canvas.pictureSize,
            caption: SheetPanel.canvas.drawnCaption(content, metrics: m, captionWidth: L.captionWidth, context: cr))
        for step in PhotoSheetPanel.allCases {
            cr.setFont(m.captionSize)
            panel(
                "\(step.number) \(step.title)", header: "\(step.number) \(step.title)", at: L.origin(of: step),
                picture: (m.side, m.side),
                caption: step.captionLines(content.stages, compact: false, width: L.captionWidth, context: cr))
        }
        let size = PhotoSheetPanel.keySize(cr)
        frames.append(SheetFrame("key to 2c", x: L.keyOrigin.x, y: L.keyOrigin.y, width: size.width, height: size.height))
        for panel in SheetPanel.allCases.dropFirst() where panel != .prediction {
            let o = L.origin(of: panel)
            var picture = panel.pictureSize
            if panel == .flatten {
                // the tick labels beside the strip
                cr.setFont(11)
                picture.width += 8 + cr.textExtents("783").xAdvance
            }
            let name = "\(panel.rawValue) \(panel.title)"
            do {
                add(
                    .text(
                        "\(name) header", [name], x: o.x, baseline: o.y + m.headerSize, leading: 0, size: m.headerSize, bold: true,
                        context: cr))
                frames.append(SheetFrame("\(name) picture", x: o.x, y: o.y + m.headerHeight, width: picture.width, height: picture.height))
                let lines = panel.drawnCaption(content, metrics: m, captionWidth: L.captionWidth, context: cr).filter { !$0.isEmpty }
                add(
                    .text(
                        "\(name) caption", lines, x: o.x, baseline: o.y + m.headerHeight + panel.pictureSize.height + m.captionGap,
                        leading: m.captionLeading, size: m.captionSize, context: cr))
            }
            if panel == .values,
                let note = SheetFrame.text(
                    "7 note", [SheetPanel.valuesNote], x: 0, baseline: o.y + m.headerSize, leading: 0, size: m.captionSize, context: cr)
            {
                frames.append(
                    SheetFrame(note.name, x: o.x + panel.pictureSize.width - note.width, y: note.y, width: note.width, height: note.height))
            }
        }
        let p = L.origin(of: .prediction)
        frames.append(SheetFrame("9 prediction", x: p.x - 4, y: p.y, width: 204, height: L.predictionBottom - p.y))
        frames += arrowFrames()
        return frames
    }

    /// The arrows of a photo's sheet, one frame a straight segment.
    func arrowFrames() -> [SheetFrame] {
        WidePhotoLayout.arrows.flatMap { arrow in
            zip(arrow.points.dropLast(), arrow.points.dropFirst()).map { SheetFrame.arrow(arrow.name, from: $0, to: $1) }
        }
    }
}
