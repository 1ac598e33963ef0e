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
        for arrow in L.arrows { SheetStyle.arrow(cr, through: arrow.points) }
        try cr.checkStatus()
    }
}
