import CairoGraphics

/// The typeface of every picture (DejaVu Sans, see `look/README.md`): set here, once.
public enum Typeface {
    /// Titles, labels, captions and numbers.
    public static let family = "DejaVu Sans"
    /// Dense numbers (the sheet's value grid).
    public static let condensed = "DejaVu Sans Condensed"
}

extension Context {
    /// Selects the typeface at `size`, bold or regular, condensed or not.
    func setFont(_ size: Double, bold: Bool = false, condensed: Bool = false) {
        selectFont(condensed ? Typeface.condensed : Typeface.family, weight: bold ? .bold : .normal)
        setFontSize(size)
    }

    /// Draws `string` with its baseline at `y` in the typeface at `size` and `color`.
    func drawText(
        _ string: String, x: Double, y: Double, size: Double, bold: Bool = false, color: RGBA,
        align: Align = .left
    ) {
        setFont(size, bold: bold)
        setColor(color)
        drawText(string, x: x, y: y, align: align)
    }
}
