import CairoGraphics
import Foundation
import Preprocessing

/// The steps a photographed page takes before its ink mask, drawn like the sheet's panels
/// (header, picture, caption): the light as estimated, the page with that light divided out,
/// and what was dropped as printed lines, noise or ink off the page (the desk). Only photos have them (`stages.photo`).
public enum PhotoSheetPanel: Int, CaseIterable, Sendable {
    case background = 1
    case normalised, dropped

    /// The step's name in its header.
    public var title: String {
        switch self {
        case .background: return "light estimate"
        case .normalised: return "light divided out"
        case .dropped: return "lines and noise dropped"
        }
    }

    /// File name of the step's PNG beside the sheet's own (`02a-light-estimate.png`…).
    public var fileName: String {
        "02\(["a", "b", "c"][rawValue - 1])-" + title.replacingOccurrences(of: " ", with: "-") + ".png"
    }

    /// Size of the panel drawn alone (header, square picture, three caption lines, margins).
    public static let size = (width: 232.0 + 48, height: 26.0 + SheetPanel.side + 64 + 48)

    /// Caption lines for the step.
    public func caption(_ s: PreprocessedDigit) -> [String] {
        guard let p = s.photo else { return ["not a photo"] }
        switch self {
        case .background:
            let plane = p.plane.map { $0.isShrunk ? "page shrunk to \($0.width)×\($0.height)" : "page at full size" } ?? ""
            let filter = p.illumination.inkIsDark ? "closing" : "opening"
            return [plane, "light: grey-level \(filter)", "(ink and lines filled in)"]
        case .normalised:
            let side = p.illumination.inkIsDark ? "dark" : "light"
            return ["ink darkness against the paper", "\(side) ink; hysteresis \(p.lowThreshold)…\(p.highThreshold)", ""]
        case .dropped:
            let tilt = String(format: "%.1f°", p.tilt * 180 / .pi)
            return [
                "\(p.lines.count) printed line\(p.lines.count == 1 ? "" : "s") (tilt \(tilt))",
                "\(p.linePixels) px as lines, \(p.noisePixels) px as noise",
                p.offPagePixels > 0 ? "\(p.offPagePixels) px off the page (rough: desk)" : "no ink off the page",
            ]
        }
    }

    /// Draws the step alone on the sheet's background into `cr`, whose user space is `size`.
    public func drawStep(_ s: PreprocessedDigit, _ cr: Context) throws {
        SheetStyle.paintBackground(cr, width: Self.size.width, height: Self.size.height)
        try draw(cr, s, x: 24, y: 24)
        try cr.checkStatus()
    }

    /// Draws header, picture and caption with the header's top-left at (x, y).
    func draw(_ cr: Context, _ s: PreprocessedDigit, x: Double, y: Double) throws {
        cr.setFont(16, bold: true)
        cr.setColor(SheetStyle.palette.accent)
        let number = "2\(["a", "b", "c"][rawValue - 1]) "
        cr.drawText(number, x: x, y: y + 16)
        cr.setColor(SheetStyle.palette.text)
        cr.drawText(title, x: x + cr.textExtents(number).xAdvance, y: y + 16)
        let py = y + 26, side = SheetPanel.side
        cr.newPath()
        cr.rectangle(x, py, side, side)
        cr.setColor(SheetStyle.palette.inset)
        cr.fill()
        if let image = try PhotoSheetRasters.picture(self, s) {
            let fit = CanvasFit(canvasWidth: image.width, canvasHeight: image.height, panelX: x, panelY: py, side: side)
            cr.drawImage(image, x: fit.x, y: fit.y, width: fit.width, height: fit.height, filter: .good)
        }
        cr.newPath()
        cr.rectangle(x + 0.5, py + 0.5, side - 1, side - 1)
        cr.setColor(SheetStyle.palette.border)
        cr.setLineWidth(1)
        cr.stroke()
        cr.setFont(13)
        for (i, line) in caption(s).prefix(3).enumerated() {
            cr.setColor(i == 0 ? SheetStyle.palette.muted : SheetStyle.palette.dim)
            cr.drawText(line, x: x, y: py + side + 22 + Double(i) * 19)
        }
    }

    /// The ink-mask caption for a photo (the clean canvas's says where Otsu split).
    static func inkMaskCaption(_ s: PreprocessedDigit) -> [String]? {
        guard let p = s.photo else { return nil }
        let dropped = s.droppedComponents.count
        return [
            "light divided out, hysteresis \(p.lowThreshold)…\(p.highThreshold)",
            "\(p.lines.count) printed line\(p.lines.count == 1 ? "" : "s") removed",
            "\(s.keptInkPixels) px ink, \(dropped) piece\(dropped == 1 ? "" : "s") dropped",
        ]
    }
}
