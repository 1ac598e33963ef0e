import CairoGraphics
import Foundation
import Geometry

/// The panel a sweep video adds to a frame, in the replay's right-hand column (above the
/// prediction panel): what is varied, the changed 28×28 input now, and the probability plot
/// with a cursor at the current amount.
public struct SweepPanel: Sendable {
    public let layout: ReplayLayout
    public let palette: Palette

    public init(layout: ReplayLayout, palette: Palette = .dark) {
        self.layout = layout
        self.palette = palette
    }

    /// Paints the panel: `title` (e.g. `ROTATE −60° → 60°`), the current `input` (28×28)
    /// and `plot`.
    public func paint(title: String, input: [Float], plot: SweepPlot, into c: Context) throws {
        let s = layout.frame.scale
        let box = layout.canvasPanel
        c.newPath()
        c.roundedRectangle(box.x, box.y, box.width, box.height, radius: 12 * s)
        c.setColor(palette.panel)
        c.fillPreserve()
        c.setColor(palette.border)
        c.setLineWidth(max(0.6, 1 * s))
        c.stroke()
        c.drawText("SWEEP", x: box.x + 24 * s, y: box.y + 38 * s, size: 13 * s, bold: true, color: palette.muted)
        c.drawText(title, x: box.maxX - 24 * s, y: box.y + 38 * s, size: 13 * s, color: palette.muted, align: .right)
        // The input as the network sees it now.
        let side = min(150 * s, box.height * 0.35)
        let ix = box.midX - side / 2, iy = box.y + 56 * s
        let image = try Raster.image(width: 28, height: 28) { x, y in Raster.gray(input[y * 28 + x]) }
        c.drawImage(image, x: ix, y: iy, width: side, height: side, filter: .nearest)
        c.newPath()
        c.rectangle(ix - 0.5, iy - 0.5, side + 1, side + 1)
        c.setColor(palette.muted.withAlpha(0.8))
        c.stroke()
        if let cursor = plot.cursor, cursor < plot.amountLabels.count {
            c.drawText(
                plot.amountLabels[cursor], x: box.midX, y: iy + side + 20 * s, size: 15 * s, bold: true, color: palette.text, align: .center
            )
        }
        // The plot below it.
        let top = iy + side + 64 * s
        let area = ScreenRect(x: box.x + 64 * s, y: top, width: box.width - 88 * s, height: max(40 * s, box.maxY - top - 56 * s))
        c.drawText("TOP-3 PROBABILITIES", x: box.x + 24 * s, y: top - 22 * s, size: 11 * s, bold: true, color: palette.muted)
        plot.paint(c, box: area, palette: palette, scale: s)
        try c.checkStatus()
    }
}
