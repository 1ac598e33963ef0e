import CairoGraphics

extension PhotoSheetPanel {
    /// What the colours of step 2c stand for (see `PhotoSheetRasters.dropped`).
    static var keyEntries: [(colour: RGBA, text: String)] {
        let palette = SheetStyle.palette
        return [
            (palette.accent, "kept: the digit's ink"),
            (palette.amber, "printed lines (ruled, grid, page edge)"),
            (palette.alert, "noise: weak specks, thin shadow edges"),
            (palette.muted, "ink off the page (the desk)"),
        ]
    }

    /// The title over the key.
    static let keyTitle = "colours of 2c"

    /// Size of the key drawn at sizes `m` (title, then one swatch and text a line).
    static func keySize(_ cr: Context, metrics m: SheetMetrics = .wide) -> (width: Double, height: Double) {
        cr.save()
        defer { cr.restore() }
        cr.setFont(m.headerSize, bold: true)
        var width = cr.textExtents(keyTitle).xAdvance
        cr.setFont(m.captionSize)
        for entry in keyEntries { width = max(width, m.captionSize * 1.6 + cr.textExtents(entry.text).xAdvance) }
        return (width, m.headerHeight + Double(keyEntries.count) * m.captionLeading * 1.3)
    }

    /// Draws the key with its title's top-left at (x, y), at sizes `m`.
    static func drawKey(_ cr: Context, x: Double, y: Double, metrics m: SheetMetrics = .wide) {
        cr.setFont(m.headerSize, bold: true)
        cr.setColor(SheetStyle.palette.text)
        cr.drawText(keyTitle, x: x, y: y + m.headerSize)
        cr.setFont(m.captionSize)
        let swatch = m.captionSize * 0.85
        for (i, entry) in keyEntries.enumerated() {
            let baseline = y + m.headerHeight + m.captionSize + Double(i) * m.captionLeading * 1.3
            cr.newPath()
            cr.rectangle(x, baseline - swatch, swatch, swatch)
            cr.setColor(entry.colour)
            cr.fill()
            cr.setColor(SheetStyle.palette.muted)
            cr.drawText(entry.text, x: x + m.captionSize * 1.6, y: baseline)
        }
    }
}
