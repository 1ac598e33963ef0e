import CairoGraphics

extension SheetPainter {
    /// Draws a photo's sheet (`WidePhotoLayout`): steps 1 and 2a–2c on the first row with the
    /// key to 2c's colours, steps 2–9 on the second; captions wrapped to their columns.
    func drawPhoto(_ cr: Context) throws {
        typealias L = WidePhotoLayout
        SheetStyle.paintBackground(cr, width: L.width, height: L.height)
        drawTitle(cr)
        for panel in SheetPanel.allCases {
            let o = L.origin(of: panel)
            try panel.draw(cr, content, x: o.x, y: o.y, captionWidth: L.captionWidth)
        }
        for step in PhotoSheetPanel.allCases {
            let o = L.origin(of: step)
            try step.draw(cr, content.stages, x: o.x, y: o.y, captionWidth: L.captionWidth)
        }
        PhotoSheetPanel.drawKey(cr, x: L.keyOrigin.x, y: L.keyOrigin.y)
        // 1 → 2a → 2b → 2c on the first row
        let yA = L.arrowY(rowTop: L.rowOneTop), side = SheetPanel.side
        var x = L.origin(of: .canvas).x + side
        for step in PhotoSheetPanel.allCases {
            SheetStyle.arrow(cr, from: x + 12, to: L.origin(of: step).x - 12, y: yA)
            x = L.origin(of: step).x + side
        }
        SheetStyle.arrow(cr, through: L.returnArrow)
        // 2 → … → 9 on the second row
        let yB = L.arrowY(rowTop: L.rowTwoTop)
        let rowTwo = Array(SheetPanel.allCases.dropFirst())
        for (from, to) in zip(rowTwo.dropLast(), rowTwo.dropFirst()) {
            let a = L.origin(of: from), b = L.origin(of: to)
            let end = from == .flatten ? a.x + from.pictureSize.width + 40 : a.x + from.pictureSize.width
            SheetStyle.arrow(cr, from: end + 12, to: b.x - 12, y: yB)
        }
        try cr.checkStatus()
    }
}
