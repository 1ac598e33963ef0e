import CairoGraphics

extension SheetPanel {
    /// The panels that show the whole canvas, and so a magnified inset when the ink is tiny.
    public static let canvasPanels: [SheetPanel] = [.canvas, .inkMask, .outline, .boundingBox]

    /// The inset this panel draws when its picture's top-left is at (x, y), or nil.
    func inkInset(_ content: SheetContent, x: Double, y: Double, metrics m: SheetMetrics) -> InkInset? {
        guard Self.canvasPanels.contains(self) else { return nil }
        return InkInset(content.stages, fit: fit(content.stages, x, y, m), x: x, y: y, side: m.side)
    }
}

extension SheetPainter {
    /// The panels that draw a magnified inset of tiny ink on the wide sheet.
    public var insetPanels: [SheetPanel] {
        SheetPanel.canvasPanels.filter { panel in
            let o = content.stages.photo != nil ? WidePhotoLayout.origin(of: panel) : Self.origin(of: panel)
            return panel.inkInset(content, x: o.x, y: o.y + SheetMetrics.wide.headerHeight, metrics: .wide) != nil
        }
    }
}

extension SheetPage {
    /// Fills `cr` (user space `size`) with the page's background only, nothing on it.
    public func drawBackground(_ cr: Context) {
        SheetStyle.paintBackground(cr, width: size.width, height: size.height)
    }

    /// The panels that draw a magnified inset of tiny ink on this page.
    public func insetPanels() throws -> [SheetPanel] {
        try SheetPanel.canvasPanels.filter { try insetFrame(of: $0) != nil }
    }

    /// Where `panel`'s magnified inset is drawn on the page (points), or nil when it has none.
    public func insetFrame(of panel: SheetPanel) throws -> (x: Double, y: Double, side: Double)? {
        let l = layout(try Context(try ImageSurface(width: 1, height: 1)))
        guard let index = l.columns.firstIndex(of: .step(panel)) else { return nil }
        return panel.inkInset(
            content, x: l.stepX[index], y: l.rowOneTop + l.metrics.headerHeight, metrics: l.metrics)?.inset
    }
}
