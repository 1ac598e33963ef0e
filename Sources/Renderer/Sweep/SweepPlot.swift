import CairoGraphics
import Foundation
import Geometry

/// A plot of the top probabilities against a sweep's amount: one curve per plotted digit,
/// the flip points (where the top answer changes) marked and labelled, and optionally a
/// cursor at the current amount. Drawn into any rectangle at any scale (video panel or
/// figure).
public struct SweepPlot: Sendable {
    /// One digit's probability at each amount.
    public struct Curve: Sendable, Equatable {
        public var label: String
        public var values: [Double]
        public init(label: String, values: [Double]) { self.label = label; self.values = values }
    }

    /// A change of the top answer between two sampled amounts.
    public struct Flip: Sendable, Equatable {
        public var amount: Double
        public var from: Int
        public var to: Int
        public var fromLabel: String
        public var toLabel: String
        public init(amount: Double, from: Int, to: Int, fromLabel: String? = nil, toLabel: String? = nil) {
            self.amount = amount
            self.from = from
            self.to = to
            self.fromLabel = fromLabel ?? "\(from)"
            self.toLabel = toLabel ?? "\(to)"
        }
        public var text: String { "\(fromLabel) → \(toLabel)" }
    }

    /// The axis's name, and each amount written with its unit.
    public var axisTitle: String
    public var amountLabels: [String]
    public var amounts: [Double]
    public var curves: [Curve]
    public var flips: [Flip]
    /// Index into `amounts` of the current amount, or nil for no cursor.
    public var cursor: Int?
    /// Whether a line marks amount 0 (none for factors).
    public var markZero: Bool

    public init(
        axisTitle: String, amounts: [Double], amountLabels: [String], curves: [Curve], flips: [Flip], cursor: Int?,
        markZero: Bool
    ) {
        self.axisTitle = axisTitle
        self.amounts = amounts
        self.amountLabels = amountLabels
        self.curves = curves
        self.flips = flips
        self.cursor = cursor
        self.markZero = markZero
    }

    /// Curve colours, in plotted order.
    static func colour(_ i: Int, _ palette: Palette) -> RGBA {
        [palette.accent, palette.amber, RGBA(0.85, 0.45, 0.85)][i % 3]
    }

    /// The x of `amount` inside `box`.
    func x(_ amount: Double, _ box: ScreenRect) -> Double {
        guard let first = amounts.first, let last = amounts.last, first != last else { return box.midX }
        return box.x + box.width * (amount - first) / (last - first)
    }

    /// Paints the plot: axes in `box` (the data area; labels go outside it, `s` scales text
    /// and lines, 1 at 1080 rows).
    public func paint(_ c: Context, box: ScreenRect, palette: Palette, scale s: Double) {
        // Grid and axes.
        c.setLineWidth(max(0.5, 1 * s))
        for p in [0.0, 0.5, 1.0] {
            let y = box.maxY - box.height * p
            c.newPath()
            c.moveTo(box.x, y)
            c.lineTo(box.maxX, y)
            c.setColor(p == 0 ? palette.muted.withAlpha(0.8) : palette.border)
            c.stroke()
            c.drawText("\(Int(p * 100)) %", x: box.x - 6 * s, y: y + 4 * s, size: 10 * s, color: palette.dim, align: .right)
        }
        if let first = amounts.first, let last = amounts.last, let firstLabel = amountLabels.first, let lastLabel = amountLabels.last {
            c.drawText(firstLabel, x: box.x, y: box.maxY + 16 * s, size: 11 * s, color: palette.muted, align: .left)
            c.drawText(lastLabel, x: box.maxX, y: box.maxY + 16 * s, size: 11 * s, color: palette.muted, align: .right)
            if min(first, last) < 0, max(first, last) > 0, markZero {
                let zx = x(0, box)
                c.newPath()
                c.moveTo(zx, box.y)
                c.lineTo(zx, box.maxY)
                c.setColor(palette.border)
                c.stroke()
            }
        }
        c.drawText(axisTitle, x: box.midX, y: box.maxY + 16 * s, size: 11 * s, color: palette.dim, align: .center)
        // Flip points: a dashed vertical line with the change written above; a label that
        // would run into the one before it goes one row lower, inside the plot's top.
        var lastLabelEnd = -Double.infinity
        var row = 0
        for flip in flips {
            let fx = x(flip.amount, box)
            c.newPath()
            c.setDash([4 * s, 3 * s])
            c.moveTo(fx, box.y)
            c.lineTo(fx, box.maxY)
            c.setColor(palette.amber.withAlpha(0.8))
            c.stroke()
            c.setDash([])
            c.setFont(12 * s, bold: true)
            let w = c.textExtents(flip.text).xAdvance
            row = fx - w / 2 < lastLabelEnd + 6 * s ? (row + 1) % 3 : 0
            lastLabelEnd = fx + w / 2
            c.drawText(
                flip.text, x: fx, y: box.y - 6 * s + Double(row) * 15 * s, size: 12 * s, bold: true, color: palette.amber, align: .center)
        }
        // Curves.
        for (i, curve) in curves.enumerated() {
            c.newPath()
            for (j, v) in curve.values.enumerated() where j < amounts.count {
                let px = x(amounts[j], box), py = box.maxY - box.height * min(max(v, 0), 1)
                if j == 0 { c.moveTo(px, py) } else { c.lineTo(px, py) }
            }
            c.setColor(Self.colour(i, palette))
            c.setLineWidth(max(1, 2.2 * s))
            c.stroke()
        }
        // Legend: the digits, right-aligned above the flip labels.
        var lx = box.maxX
        let ly = box.y - 26 * s
        for (i, curve) in curves.enumerated().reversed() {
            c.setFont(12 * s, bold: true)
            let w = c.textExtents(curve.label).xAdvance
            c.drawText(curve.label, x: lx, y: ly, size: 12 * s, bold: true, color: Self.colour(i, palette), align: .right)
            lx -= w + 18 * s
            c.newPath()
            c.moveTo(lx + 4 * s, ly - 4 * s)
            c.lineTo(lx + 14 * s, ly - 4 * s)
            c.setColor(Self.colour(i, palette))
            c.setLineWidth(max(1, 2.2 * s))
            c.stroke()
            lx -= 8 * s
        }
        // Cursor.
        if let cursor, cursor >= 0, cursor < amounts.count {
            let cx = x(amounts[cursor], box)
            c.newPath()
            c.moveTo(cx, box.y)
            c.lineTo(cx, box.maxY)
            c.setColor(palette.text.withAlpha(0.9))
            c.setLineWidth(max(1, 1.5 * s))
            c.stroke()
            let label = cursor < amountLabels.count ? amountLabels[cursor] : ""
            c.drawText(label, x: cx, y: box.maxY + 30 * s, size: 12 * s, bold: true, color: palette.text, align: .center)
        }
    }
}
