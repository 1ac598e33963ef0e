import CairoGraphics
import Foundation
import Geometry

/// The sweep as a figure for papers (PNG, PDF or SVG): a title, the probability curves with
/// the flips marked, and thumbnails of the changed input along the axis, each under the
/// amount it shows.
public struct SweepFigure: Sendable {
    /// Size in user units (pixels at scale 1, points in PDF/SVG).
    public static let width = 1200.0
    public static let height = 720.0

    public var title: String
    public var subtitle: String
    public var plot: SweepPlot
    /// Thumbnails: the amount index each shows, its 28×28 input, and a caption (the answer).
    public var thumbnails: [(index: Int, input: [Float], caption: String)]
    /// A light palette reads better on paper.
    public var palette: Palette

    public init(
        title: String, subtitle: String, plot: SweepPlot, thumbnails: [(index: Int, input: [Float], caption: String)],
        palette: Palette = .light
    ) {
        self.title = title
        self.subtitle = subtitle
        self.plot = plot
        self.thumbnails = thumbnails
        self.palette = palette
    }

    /// Draws the whole figure into `c` (user space `width`×`height`).
    public func draw(_ c: Context) throws {
        c.setColor(palette.background)
        c.paint()
        c.drawText(title, x: 60, y: 58, size: 26, bold: true, color: palette.text)
        c.drawText(subtitle, x: 60, y: 86, size: 14, color: palette.muted)
        let box = ScreenRect(x: 110, y: 140, width: Self.width - 170, height: 330)
        plot.paint(c, box: box, palette: palette, scale: 1.1)
        // Thumbnails under the axis, each joined to its amount by a tick.
        let side = 64.0
        let y = box.maxY + 70
        for (index, input, caption) in thumbnails where index < plot.amounts.count {
            let x = plot.x(plot.amounts[index], box)
            c.newPath()
            c.moveTo(x, box.maxY)
            c.lineTo(x, y - 4)
            c.setColor(palette.border)
            c.setLineWidth(1)
            c.stroke()
            let image = try Raster.image(width: 28, height: 28) { px, py in Raster.gray(input[py * 28 + px]) }
            c.drawImage(image, x: x - side / 2, y: y, width: side, height: side, filter: .nearest)
            c.newPath()
            c.rectangle(x - side / 2 - 0.5, y - 0.5, side + 1, side + 1)
            c.setColor(palette.muted)
            c.stroke()
            let label = index < plot.amountLabels.count ? plot.amountLabels[index] : ""
            c.drawText(label, x: x, y: y + side + 16, size: 11, color: palette.muted, align: .center)
            c.drawText(caption, x: x, y: y + side + 32, size: 11, bold: true, color: palette.text, align: .center)
        }
        try c.checkStatus()
    }
}
