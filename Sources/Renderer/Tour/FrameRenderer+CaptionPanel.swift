import CairoGraphics
import Geometry

extension FrameRenderer {
    /// The caption as a lower-third panel: wrapped to at most `TourLayout.captionLines`
    /// lines (the type shrinks, down to 75 %, before a line is dropped), centred at the bottom
    /// of `band`, never taller than it.
    func paintCaptionPanel(_ text: String, in band: ScreenRect, alpha: Double, size: Double, lineHeight: Double, _ f: FrameContext) {
        let c = f.context, s = f.scale, pal = style.palette
        let padX = 28 * s, padY = 20 * s
        var scale = 1.0
        var lines: [String] = []
        while true {
            c.setFont(size * scale)
            lines = CaptionWrap.lines(text, width: band.width - 2 * padX, context: c)
            if lines.count <= TourLayout.captionLines || scale <= 0.75 { break }
            scale -= 0.05
        }
        if lines.count > TourLayout.captionLines {
            lines = Array(lines.prefix(TourLayout.captionLines))
            lines[lines.count - 1] += " …"
        }
        let widest = lines.map { c.textExtents($0).xAdvance }.max() ?? 0
        let w = min(band.width, widest + 2 * padX)
        let h = Double(lines.count) * lineHeight * scale + 2 * padY - (lineHeight - size) * scale
        let x = band.x + (band.width - w) / 2, y = band.y + band.height - h
        c.newPath()
        c.roundedRectangle(x, y, w, h, radius: 12 * s)
        c.setColor(pal.panel.withAlpha(pal.panel.a * alpha))
        c.fillPreserve()
        c.setColor(pal.border.withAlpha(alpha))
        c.setLineWidth(max(0.6, 1 * s))
        c.stroke()
        c.newPath()
        c.rectangle(x, y + 12 * s, 3 * s, h - 24 * s)
        c.setColor(pal.accent.withAlpha(0.9 * alpha))
        c.fill()
        c.setFont(size * scale)
        c.setColor(pal.text.withAlpha(alpha))
        for (i, line) in lines.enumerated() {
            c.drawText(line, x: x + padX, y: y + padY + size * scale * 0.8 + Double(i) * lineHeight * scale)
        }
    }
}
