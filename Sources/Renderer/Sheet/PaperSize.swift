/// A printable page for the preprocessing sheet's page layout (`--page a4|letter`), portrait.
public enum PaperSize: String, CaseIterable, Sendable {
    case a4, letter

    /// Points (1/72 inch) per millimetre.
    public static let pointsPerMillimetre = 72 / 25.4

    /// The page's width and height in millimetres (portrait).
    public var millimetres: (width: Double, height: Double) {
        switch self {
        case .a4: return (210, 297)
        case .letter: return (215.9, 279.4)
        }
    }

    /// The page's width and height in points, the sheet's user units.
    public var points: (width: Double, height: Double) {
        let mm = millimetres
        return (mm.width * Self.pointsPerMillimetre, mm.height * Self.pointsPerMillimetre)
    }

    /// How much the page shrinks when printed `printedWidth` millimetres wide (150 mm: 0.714 for A4).
    public func printScale(printedWidth: Double) -> Double { printedWidth / millimetres.width }

    /// The smallest font size on the page (in points) that still prints at `printed` points
    /// when the page is printed `printedWidth` millimetres wide, with 0.01 pt to spare (so
    /// rounding in the file cannot take it below), rounded up to 0.05 pt.
    public func smallestFontSize(printed: Double = 6, printedWidth: Double = 150) -> Double {
        ((printed / printScale(printedWidth: printedWidth) + 0.01) * 20).rounded(.up) / 20
    }
}
