import CairoGraphics

/// The dark palette and type of the preprocessing sheet (see `look/README.md`).
enum SheetStyle {
    static let background = RGBA(hex: "#0d1117") ?? RGBA(0.05, 0.07, 0.09)
    static let gradientCentre = RGBA(hex: "#16202c") ?? RGBA(0.09, 0.13, 0.17)
    static let gradientEdge = RGBA(hex: "#07090d") ?? RGBA(0.03, 0.04, 0.05)
    static let text = RGBA(hex: "#e6edf3") ?? RGBA(0.9, 0.93, 0.95)
    static let muted = RGBA(hex: "#8b949e") ?? RGBA(0.55, 0.58, 0.62)
    static let dim = RGBA(hex: "#6e7681") ?? RGBA(0.43, 0.46, 0.51)
    static let border = RGBA(hex: "#30363d") ?? RGBA(0.19, 0.21, 0.24)
    static let panel = (RGBA(hex: "#161b22") ?? RGBA(0.09, 0.11, 0.13)).withAlpha(0.92)
    static let panelInside = RGBA(hex: "#0b0f14") ?? RGBA(0.04, 0.06, 0.08)
    static let accent = RGBA(hex: "#58d5ff") ?? RGBA(0.35, 0.84, 1)
    static let amber = RGBA(hex: "#ffb454") ?? RGBA(1, 0.71, 0.33)
    static let speck = RGBA(hex: "#f85149") ?? RGBA(0.97, 0.32, 0.29)
    static let grid = RGBA(1, 1, 1, 0.06)
    static let font = "DejaVu Sans"
    static let condensed = "DejaVu Sans Condensed"

    /// Fills the whole sheet with the background and its radial glow.
    static func paintBackground(_ cr: Context, width: Double, height: Double) {
        cr.setColor(background)
        cr.paint()
        cr.setRadialGradient(cx0: width / 2, cy0: height / 2, r0: 0, cx1: width / 2, cy1: height / 2,
                             r1: max(width, height) * 0.62, stops: [(0, gradientCentre), (1, gradientEdge)])
        cr.paint()
    }

    /// Sets the font and size.
    static func font(_ cr: Context, _ size: Double, bold: Bool = false, condensed: Bool = false) {
        cr.selectFont(condensed ? Self.condensed : font, weight: bold ? .bold : .normal)
        cr.setFontSize(size)
    }

    /// A rounded rectangle filled and bordered.
    static func card(_ cr: Context, _ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: RGBA, radius: Double = 3) {
        cr.newPath()
        cr.roundedRectangle(x, y, w, h, radius: radius)
        cr.setColor(fill)
        cr.fillPreserve()
        cr.setColor(border)
        cr.setLineWidth(1)
        cr.stroke()
    }

    /// A right-pointing arrow from (x0, y) to (x1, y).
    static func arrow(_ cr: Context, from x0: Double, to x1: Double, y: Double, colour: RGBA = muted) {
        cr.setColor(colour)
        cr.setLineWidth(1.5)
        cr.setLineCap(.round)
        cr.moveTo(x0, y); cr.lineTo(x1 - 2, y); cr.stroke()
        cr.moveTo(x1 - 8, y - 5); cr.lineTo(x1, y); cr.lineTo(x1 - 8, y + 5)
        cr.setLineJoin(.round)
        cr.stroke()
    }
}
