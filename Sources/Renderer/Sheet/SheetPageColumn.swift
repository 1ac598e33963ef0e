import CairoGraphics

/// One column of a page's first row: a step of the sheet, or one of a photo's steps 2a–2c
/// (between the canvas and the ink mask, in the order they happen).
enum SheetPageColumn: Equatable, Sendable {
    case step(SheetPanel)
    case photo(PhotoSheetPanel)

    /// The first row's columns for `content`: steps 1–6, with 2a–2c after the canvas for a photo.
    static func all(_ content: SheetContent) -> [SheetPageColumn] {
        let steps = SheetPage.steps.map { SheetPageColumn.step($0) }
        guard content.stages.photo != nil else { return steps }
        return [steps[0]] + PhotoSheetPanel.allCases.map { .photo($0) } + steps.dropFirst()
    }

    /// The number and the name its header shows.
    var header: (number: String, title: String) {
        switch self {
        case .step(let panel): return ("\(panel.rawValue)", panel.shortTitle)
        case .photo(let step): return (step.number, step.shortTitle)
        }
    }

    /// The header's lines as drawn at sizes `m` (the number before the first).
    func headerLines(_ content: SheetContent, metrics m: SheetMetrics, context cr: Context) -> [String] {
        SheetHeader.lines(number: header.number, title: header.title, metrics: m, context: cr)
    }

    /// The caption's lines as drawn at sizes `m` (wrapped to `m.wrapWidth` when set).
    func captionLines(_ content: SheetContent, metrics m: SheetMetrics, context cr: Context) -> [String] {
        cr.setFont(m.captionSize)
        switch self {
        case .step(let panel):
            let lines = panel.shortCaption(content)
            guard let width = m.wrapWidth else { return lines }
            return lines.flatMap { CaptionWrap.printedLines($0, width: width, context: cr) }
        case .photo(let step):
            let lines = step.shortCaption(content.stages)
            guard let width = m.wrapWidth else { return lines }
            return lines.flatMap { CaptionWrap.printedLines($0, width: width, context: cr) }
        }
    }

    /// Draws the column with its header's top-left at (x, y).
    func draw(_ cr: Context, _ content: SheetContent, x: Double, y: Double, metrics m: SheetMetrics) throws {
        switch self {
        case .step(let panel): try panel.draw(cr, content, x: x, y: y, metrics: m)
        case .photo(let step): try step.draw(cr, content.stages, x: x, y: y, metrics: m, captionWidth: m.wrapWidth ?? m.side)
        }
    }
}
