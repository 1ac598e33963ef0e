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

    /// Size of the panel drawn alone (header, square picture, up to four wrapped caption lines,
    /// margins).
    public static let size = (
        width: 232.0 + 48, height: 26.0 + SheetPanel.side + SheetMetrics.wide.captionHeight(lines: captionLimit) + 3 + 48
    )

    /// Caption lines a step has room for once wrapped to its column.
    static let captionLimit = WidePhotoLayout.captionLines

    /// The step's number in its header (`2a`).
    public var number: String { "2" + ["a", "b", "c"][rawValue - 1] }

    /// The step's name in a page's narrow column.
    public var shortTitle: String {
        switch self {
        case .background: return "light"
        case .normalised: return "divided"
        case .dropped: return "dropped"
        }
    }

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
        try draw(cr, s, x: 24, y: 24, captionWidth: Self.size.width - 48)
        try cr.checkStatus()
    }

    /// Draws header, picture and caption with the header's top-left at (x, y), at sizes `m`:
    /// the caption wrapped to `captionWidth` (`CaptionWrap`), at most `captionLimit` lines.
    func draw(
        _ cr: Context, _ s: PreprocessedDigit, x: Double, y: Double, metrics m: SheetMetrics = .wide, captionWidth: Double
    ) throws {
        drawHeader(cr, x: x, y: y, metrics: m)
        let py = y + m.headerHeight, side = m.side
        cr.newPath()
        cr.rectangle(x, py, side, side)
        cr.setColor(SheetStyle.palette.inset)
        cr.fill()
        if let image = try PhotoSheetRasters.picture(self, s) {
            let fit = CanvasFit(canvasWidth: image.width, canvasHeight: image.height, panelX: x, panelY: py, side: side)
            cr.drawImage(image, x: fit.x, y: fit.y, width: fit.width, height: fit.height, filter: .good)
        }
        let line = min(1, m.detail)
        cr.newPath()
        cr.rectangle(x + line / 2, py + line / 2, side - line, side - line)
        cr.setColor(SheetStyle.palette.border)
        cr.setLineWidth(line)
        cr.stroke()
        cr.setFont(m.captionSize)
        let lines = captionLines(s, compact: m.compact, width: captionWidth, context: cr)
        let colours = captionColours(compact: m.compact)
        for (i, line) in lines.enumerated() {
            if let colours, lines.count <= colours.count {
                cr.setColor(colours[i])
            } else {
                cr.setColor(i == 0 ? SheetStyle.palette.muted : SheetStyle.palette.dim)
            }
            cr.drawText(line, x: x, y: py + side + m.captionGap + Double(i) * m.captionLeading)
        }
    }

    /// The header: the number in the accent colour, the name (short on a page) after it.
    func drawHeader(_ cr: Context, x: Double, y: Double, metrics m: SheetMetrics) {
        SheetHeader.draw(cr, number: number, title: m.compact ? shortTitle : title, x: x, baseline: y + m.headerSize, metrics: m)
    }

    /// The caption as drawn: `caption` (or `shortCaption` when `compact`) wrapped to `width` in
    /// `context`'s current font (the layouts leave room for `captionLimit` lines).
    public func captionLines(_ s: PreprocessedDigit, compact: Bool, width: Double, context: Context) -> [String] {
        let lines = compact ? shortCaption(s) : caption(s)
        return lines.flatMap { CaptionWrap.printedLines($0, width: width, context: context) }
    }

    /// Caption lines for a page's narrow column (about nine characters a line): what
    /// `caption` says, in fewer words.
    public func shortCaption(_ s: PreprocessedDigit) -> [String] {
        guard let p = s.photo else { return ["not a photo"] }
        switch self {
        case .background:
            return ["the paper's", "light"]
        case .normalised:
            return ["page ÷", "light", "\(p.lowThreshold)…\(p.highThreshold)"]
        case .dropped:
            // one line a colour of the picture, drawn in that colour (`captionColours`)
            var lines = ["\(p.lines.count) line\(p.lines.count == 1 ? "" : "s")", "\(Self.count(p.noisePixels)) noise"]
            if p.offPagePixels > 0 { lines.append("\(Self.count(p.offPagePixels)) desk") }
            return lines
        }
    }

    /// A pixel count in at most four characters (`246`, `15k`).
    static func count(_ n: Int) -> String {
        n < 1000 ? "\(n)" : "\(Int((Double(n) / 1000).rounded()))k"
    }

    /// The colour of each caption line when the lines name the picture's colours (2c on a
    /// page: lines amber, noise red, desk muted, as in the picture); nil: the usual greys.
    func captionColours(compact: Bool) -> [RGBA]? {
        guard compact, self == .dropped else { return nil }
        let palette = SheetStyle.palette
        return [palette.amber, palette.alert, palette.muted]
    }

    /// The ink-mask caption for a photo (the clean canvas's says where Otsu split): what
    /// hysteresis kept of 2b once 2c's lines and noise were taken out.
    static func inkMaskCaption(_ s: PreprocessedDigit) -> [String]? {
        guard let p = s.photo else { return nil }
        let dropped = s.droppedComponents.count
        return [
            "on 2b: above \(p.lowThreshold), core above \(p.highThreshold)",
            "\(s.keptInkPixels) px kept as the digit",
            dropped > 0 ? "\(dropped) other piece\(dropped == 1 ? "" : "s") left out (ringed)" : "nothing else left out",
        ]
    }
}
