import CairoGraphics

/// Draws the preprocessing sheet, one picture from the raw canvas to the 784 numbers and
/// the prediction, laid out like `look/preprocess.png`; or any one of its steps alone.
public struct SheetPainter: Sendable {
    /// Sheet size in user units (pixels at scale 1, points in PDF/SVG).
    public static let width = 2400.0
    public static let height = 700.0
    /// Space around a step drawn alone.
    public static let stepMargin = 24.0

    public let content: SheetContent

    public init(content: SheetContent) { self.content = content }

    /// Top-left of each panel's header on the sheet.
    static func origin(of panel: SheetPanel) -> (x: Double, y: Double) {
        let smallTop = 262.0, tallTop = 122.0
        switch panel {
        case .values: return (1532, tallTop)
        case .flatten: return (2064, tallTop)
        case .prediction: return (2172, smallTop)
        default: return (56 + Double(panel.rawValue - 1) * 246, smallTop)
        }
    }

    /// The centre line the arrows run along (middle of the small pictures).
    static let arrowY = 262.0 + 26 + SheetPanel.side / 2

    /// The sheet's size in user units for `content`: `width`×`height` for a drawn canvas or an
    /// MNIST digit, taller for a photo (`WidePhotoLayout`: a second row for its three steps).
    public static func size(_ content: SheetContent) -> (width: Double, height: Double) {
        content.stages.photo != nil ? (WidePhotoLayout.width, WidePhotoLayout.height) : (width, height)
    }

    /// Draws the whole sheet into `cr`, whose user space is `size(content)`.
    public func draw(_ cr: Context) throws {
        if content.stages.photo != nil { return try drawPhoto(cr) }
        SheetStyle.paintBackground(cr, width: Self.width, height: Self.height)
        drawTitle(cr)
        for panel in SheetPanel.allCases {
            let o = Self.origin(of: panel)
            try panel.draw(cr, content, x: o.x, y: o.y)
        }
        for (from, to) in zip(SheetPanel.allCases.dropLast(), SheetPanel.allCases.dropFirst()) {
            let a = Self.origin(of: from), b = Self.origin(of: to)
            let end = from == .flatten ? a.x + from.pictureSize.width + 40 : a.x + from.pictureSize.width
            SheetStyle.arrow(cr, from: end + 12, to: b.x - 12, y: Self.arrowY)
        }
        try cr.checkStatus()
    }

    /// The size of `panel` drawn alone, margins included.
    public static func stepSize(_ panel: SheetPanel) -> (width: Double, height: Double) {
        let (w, h) = panel.size
        return (w + 2 * stepMargin, h + 2 * stepMargin)
    }

    /// Draws `panel` alone on the sheet's background into `cr`, whose user space is
    /// `stepSize(panel)`.
    public func drawStep(_ panel: SheetPanel, _ cr: Context) throws {
        let (w, h) = Self.stepSize(panel)
        SheetStyle.paintBackground(cr, width: w, height: h)
        try panel.draw(cr, content, x: Self.stepMargin, y: Self.stepMargin)
        try cr.checkStatus()
    }

    func drawTitle(_ cr: Context) {
        let palette = SheetStyle.palette
        cr.drawText(title, x: 56, y: 62, size: 30, bold: true, color: palette.text)
        cr.drawText(Self.subtitle(content), x: 56, y: 94, size: 16, color: palette.muted)
    }

    /// `Preprocessing sample 7, MNIST-style`: the input's name, never a class (see `Titles`).
    var title: String { Self.title(content) }

    /// The title for `content`, on the wide sheet and on pages.
    public static func title(_ content: SheetContent) -> String { Titles.preprocessing(content.inputName) }

    /// What the sheet shows, naming the input's file (never its full path) and saying whether
    /// it was drawn, photographed or is MNIST's own.
    public static func subtitle(_ content: SheetContent) -> String {
        var source = Titles.shortName(content.source)
        if source.count > 70 { source = "…" + source.suffix(69) }
        if content.isMNIST {
            return
                "\(content.inputName) is already an MNIST digit: the network reads its own pixels (7); steps 2–6 re-run the pipeline on it for comparison."
        }
        let start = content.stages.photo != nil ? "the photo" : "the raw canvas"
        return "From \(start) (\(source)) to the 784 numbers the network reads — every step is deterministic and reproducible."
    }
}
