import CairoGraphics
import DigitNet
import Foundation
import Preprocessing

/// One step of the sheet: a numbered header, a picture and a caption. Each panel draws itself
/// with its header's top-left at the origin.
public enum SheetPanel: Int, CaseIterable, Sendable {
    case canvas = 1
    case inkMask, outline, boundingBox, box, field, values, flatten, prediction

    /// Side of the small square panels on the wide sheet.
    static let side = SheetMetrics.wide.side

    /// The step's name in its header.
    public var title: String {
        switch self {
        case .canvas: return "canvas"
        case .inkMask: return "ink mask"
        case .outline: return "outline"
        case .boundingBox: return "bounding box"
        case .box: return "scale to 20×20"
        case .field: return "centre in 28×28"
        case .values: return "pixel values"
        case .flatten: return "flatten"
        case .prediction: return "prediction"
        }
    }

    /// Width and height of the picture under the header at the wide sheet's sizes.
    var pictureSize: (width: Double, height: Double) { pictureSize(.wide) }

    /// Width and height of the picture under the header at sizes `m`.
    func pictureSize(_ m: SheetMetrics) -> (width: Double, height: Double) {
        switch self {
        case .values: return (28 * m.cell, 28 * m.cell)
        case .flatten: return (m.stripWidth, 28 * m.cell)
        case .prediction: return (200, 250)
        default: return (m.side, m.side)
        }
    }

    /// The whole panel's size including header (above) and a two-line caption (below).
    public var size: (width: Double, height: Double) {
        let p = pictureSize
        let width = self == .flatten ? 110 : max(p.width, 232)
        return (width, 26 + p.height + 64)
    }

    /// Draws header, picture and caption with the header's top-left at (x, y), at sizes `m`;
    /// with `captionWidth` the caption is wrapped to it (`CaptionWrap`, at most
    /// `WidePhotoLayout.captionLines` lines), else its lines are drawn as they are.
    func draw(
        _ cr: Context, _ content: SheetContent, x: Double, y: Double, metrics m: SheetMetrics = .wide,
        captionWidth: Double? = nil
    ) throws {
        drawHeader(cr, x: x, y: y + m.headerSize, metrics: m)
        let py = y + m.headerHeight
        switch self {
        case .canvas: try drawCanvas(cr, content, x, py, m)
        case .inkMask: try drawInkMask(cr, content, x, py, m)
        case .outline: try drawOutline(cr, content, x, py, m)
        case .boundingBox: try drawBoundingBox(cr, content, x, py, m)
        case .box: try drawBox(cr, content, x, py, m)
        case .field: try drawField(cr, content, x, py, m)
        case .values: drawValues(cr, content, x, py, m)
        case .flatten: try drawFlatten(cr, content, x, py, m)
        case .prediction: drawPrediction(cr, content, x, py)
        }
        if self != .prediction {
            let lines = drawnCaption(content, metrics: m, captionWidth: captionWidth, context: cr)
            drawCaption(cr, lines, x: x, y: py + pictureSize(m).height + m.captionGap, metrics: m, limit: lines.count)
        }
    }

    /// The caption's lines as `draw` draws them: as they are (at most three), or wrapped to
    /// `captionWidth` (or `m.wrapWidth`) in `cr` at the caption size, every line (the layouts
    /// leave room for `WidePhotoLayout.captionLines`; their tests check that is enough).
    func drawnCaption(_ content: SheetContent, metrics m: SheetMetrics, captionWidth: Double?, context cr: Context) -> [String] {
        let lines = caption(content, compact: m.compact)
        guard let width = captionWidth ?? m.wrapWidth else { return Array(lines.prefix(3)) }
        cr.setFont(m.captionSize)
        let wrapped = lines.flatMap { CaptionWrap.printedLines($0, width: width, context: cr) }
        return wrapped
    }

    // MARK: Header and caption

    func drawHeader(_ cr: Context, x: Double, y: Double, metrics m: SheetMetrics = .wide) {
        if m.wrapWidth != nil {
            return SheetHeader.draw(cr, number: "\(rawValue)", title: shortTitle, x: x, baseline: y, metrics: m)
        }
        cr.setFont(m.headerSize, bold: true)
        cr.setColor(SheetStyle.palette.accent)
        let number = "\(rawValue) "
        cr.drawText(number, x: x, y: y)
        cr.setColor(SheetStyle.palette.text)
        cr.drawText(m.compact ? shortTitle : title, x: x + cr.textExtents(number).xAdvance, y: y)
    }

    /// The step's name in a narrow column (a page's first row).
    public var shortTitle: String {
        switch self {
        case .boundingBox: return "crop box"
        case .box: return "to 20×20"
        case .field: return "to 28×28"
        default: return title
        }
    }

    func drawCaption(
        _ cr: Context, _ lines: [String], x: Double, y: Double, alert: Bool = false, metrics m: SheetMetrics = .wide,
        limit: Int = 3
    ) {
        cr.setFont(m.captionSize)
        for (i, line) in lines.prefix(limit).enumerated() {
            cr.setColor(
                i == 0 ? (alert ? SheetStyle.palette.alert : SheetStyle.palette.muted) : SheetStyle.palette.dim)
            cr.drawText(line, x: x, y: y + Double(i) * m.captionLeading)
        }
    }

    /// The caption lines under the picture: full sentences on the wide sheet, short ones
    /// (`compact`) under a page's narrow pictures.
    func caption(_ content: SheetContent, compact: Bool) -> [String] {
        compact ? shortCaption(content) : caption(content)
    }

    func caption(_ content: SheetContent) -> [String] {
        let s = content.stages
        let total = s.canvas.width * s.canvas.height
        switch self {
        case .canvas:
            let transparent = s.canvas.hasTransparency
            let over = s.canvasColour == .white ? "white" : "black"
            return [
                "\(s.canvas.width)×\(s.canvas.height) px, " + (s.photo != nil ? "photo as given" : "as drawn"),
                transparent ? "transparent → composited over \(over)" : "opaque",
            ]
        case .inkMask:
            if let photo = PhotoSheetPanel.inkMaskCaption(s) { return photo }
            let side = s.separation.inkIsDark ? "dark" : "light"
            let percent = 100 * Double(s.keptInkPixels) / Double(max(1, total))
            // two decimals below 1 % so tiny ink does not read "0.0 %"
            let share = String(format: percent < 1 ? "%.2f" : "%.1f", percent)
            let dropped = s.droppedComponents.count
            let rule = s.separation.decidedByBorder ? "background = border's side" : "ink = minority side"
            return [
                "Otsu split at \(s.separation.threshold), \(side) ink", rule,
                dropped > 0
                    ? "\(s.keptInkPixels) px ink, \(dropped) speck\(dropped == 1 ? "" : "s") dropped"
                    : "\(s.keptInkPixels) px (\(share) %) are ink",
            ]
        case .outline:
            let kept = s.components.filter(\.kept).count
            return ["\(s.outline.count) boundary pixels", "\(kept) stroke\(kept == 1 ? "" : "s") kept whole"]
        case .boundingBox:
            let b = s.boundingBox
            return ["crop \(b.width)×\(b.height) px", "at (\(b.x), \(b.y))"]
        case .box:
            let w = s.strokeWidth
            let stroke =
                w.radius == 0
                ? String(format: "stroke %.1f px, kept as drawn", w.measured)
                : String(format: "stroke %.1f → %.1f px (MNIST's)", w.measured, w.result)
            return ["→ \(s.box.width)×\(s.box.height), aspect kept", "area-averaged", stroke]
        case .field:
            let p = s.placement
            return ["centre of mass → middle", String(format: "shift (%+d, %+d) px", p.shift.x, p.shift.y)]
        case .values:
            let nonzero = content.networkInput.filter { $0 > 0 }.count
            return ["\(nonzero) of 784 cells hold ink", content.isMNIST ? "MNIST's own pixels, as the network read them" : ""]
        case .flatten:
            return ["784 values", "then " + content.normalization.formula]
        case .prediction:
            return []
        }
    }

    // MARK: Pictures

    func frame(_ cr: Context, _ x: Double, _ y: Double, _ m: SheetMetrics, fill: RGBA = SheetStyle.palette.inset) {
        let (w, h) = pictureSize(m)
        cr.newPath()
        cr.rectangle(x, y, w, h)
        cr.setColor(fill)
        cr.fill()
    }

    func border(_ cr: Context, _ x: Double, _ y: Double, _ m: SheetMetrics) {
        let (w, h) = pictureSize(m)
        let line = min(1, m.detail)
        cr.newPath()
        cr.rectangle(x + line / 2, y + line / 2, w - line, h - line)
        cr.setColor(SheetStyle.palette.border)
        cr.setLineWidth(line)
        cr.stroke()
    }

    func drawRaster(_ cr: Context, _ image: ImageSurface, _ fit: CanvasFit, enlarged: Bool) {
        if enlarged {
            cr.drawCells(image, x: fit.x, y: fit.y, width: fit.width, height: fit.height)
        } else {
            cr.drawImage(image, x: fit.x, y: fit.y, width: fit.width, height: fit.height, filter: .good)
        }
    }

    func fit(_ s: PreprocessedDigit, _ x: Double, _ y: Double, _ m: SheetMetrics) -> CanvasFit {
        CanvasFit(canvasWidth: s.canvas.width, canvasHeight: s.canvas.height, panelX: x, panelY: y, side: m.side)
    }

    func drawCanvas(_ cr: Context, _ content: SheetContent, _ x: Double, _ y: Double, _ m: SheetMetrics) throws {
        let s = content.stages
        frame(cr, x, y, m)
        let f = fit(s, x, y, m)
        if s.canvas.hasTransparency { checkerboard(cr, f) }
        drawRaster(
            cr, try SheetRasters.canvas(s, maxSide: Int(m.side * 2)), f,
            enlarged: SheetRasters.isEnlarged(s, panel: m.side))
        try inset(cr, s, f, x, y, m) { region, side in try SheetRasters.canvas(s, maxSide: side, region: region) }
        border(cr, x, y, m)
    }

    /// Draws the magnified inset when the ink is tiny on this picture (see `InkInset`).
    func inset(
        _ cr: Context, _ s: PreprocessedDigit, _ f: CanvasFit, _ x: Double, _ y: Double, _ m: SheetMetrics,
        raster: (PixelRect, Int) throws -> ImageSurface
    ) throws {
        guard let i = InkInset(s, fit: f, x: x, y: y, side: m.side) else { return }
        try i.draw(cr, lineWidth: InkInset.lineWidth(m), background: SheetStyle.palette.inset, raster: raster)
    }

    func checkerboard(_ cr: Context, _ f: CanvasFit) {
        let tile = 8.0
        cr.save()
        cr.newPath()
        cr.rectangle(f.x, f.y, f.width, f.height)
        cr.clip()
        var row = 0
        var ty = f.y
        while ty < f.y + f.height {
            var tx = f.x + (row % 2 == 0 ? 0 : tile)
            while tx < f.x + f.width {
                cr.rectangle(tx, ty, tile, tile)
                tx += 2 * tile
            }
            ty += tile; row += 1
        }
        cr.setColor(RGBA(1, 1, 1, 0.08))
        cr.fill()
        cr.restore()
    }

    func drawInkMask(_ cr: Context, _ content: SheetContent, _ x: Double, _ y: Double, _ m: SheetMetrics) throws {
        let s = content.stages
        frame(cr, x, y, m)
        let (ink, speck) = (SheetStyle.palette.accent, SheetStyle.palette.alert)
        let image = try SheetRasters.mask(s, maxSide: Int(m.side * 2), ink: ink, speck: speck)
        let f = fit(s, x, y, m)
        drawRaster(cr, image, f, enlarged: SheetRasters.isEnlarged(s, panel: m.side))
        try inset(cr, s, f, x, y, m) { region, side in
            try SheetRasters.mask(s, maxSide: side, ink: ink, speck: speck, region: region)
        }
        // ring each dropped speck so a small one is still seen (inside the picture only)
        cr.save()
        cr.newPath()
        cr.rectangle(x, y, m.side, m.side)
        cr.clip()
        defer { cr.restore() }
        for c in s.droppedComponents {
            let cx = f.x + (Double(c.bounds.x) + Double(c.bounds.width) / 2) * f.scale
            let cy = f.y + (Double(c.bounds.y) + Double(c.bounds.height) / 2) * f.scale
            let r = max(5 * m.detail, Double(max(c.bounds.width, c.bounds.height)) * f.scale / 2 + 3 * m.detail)
            cr.newPath()
            cr.arc(cx, cy, radius: r)
            cr.setColor(SheetStyle.palette.alert)
            cr.setLineWidth(m.detail)
            cr.setDash([2 * m.detail, 2 * m.detail])
            cr.stroke()
            cr.setDash([])
        }
        border(cr, x, y, m)
    }

    func drawOutline(_ cr: Context, _ content: SheetContent, _ x: Double, _ y: Double, _ m: SheetMetrics) throws {
        let s = content.stages
        frame(cr, x, y, m)
        let enlarged = SheetRasters.isEnlarged(s, panel: m.side)
        let (line, fill) = (SheetStyle.palette.amber, SheetStyle.palette.amber.withAlpha(0.16))
        let image = try SheetRasters.outline(s, maxSide: Int(m.side), line: line, fill: fill)
        let f = fit(s, x, y, m)
        drawRaster(cr, image, f, enlarged: enlarged)
        try inset(cr, s, f, x, y, m) { region, side in
            try SheetRasters.outline(s, maxSide: side, line: line, fill: fill, region: region)
        }
        border(cr, x, y, m)
    }

    func drawBoundingBox(_ cr: Context, _ content: SheetContent, _ x: Double, _ y: Double, _ m: SheetMetrics) throws {
        let s = content.stages
        frame(cr, x, y, m)
        let f = fit(s, x, y, m)
        let (ink, speck) = (SheetStyle.palette.muted, SheetStyle.palette.dim.withAlpha(0.5))
        let image = try SheetRasters.mask(s, maxSide: Int(m.side * 2), ink: ink, speck: speck)
        drawRaster(cr, image, f, enlarged: SheetRasters.isEnlarged(s, panel: m.side))
        let b = s.boundingBox
        cr.newPath()
        cr.rectangle(f.x + Double(b.x) * f.scale, f.y + Double(b.y) * f.scale, Double(b.width) * f.scale, Double(b.height) * f.scale)
        cr.setColor(SheetStyle.palette.amber)
        cr.setLineWidth(1.5 * m.detail)
        cr.stroke()
        if let i = InkInset(s, fit: f, x: x, y: y, side: m.side) {
            try i.draw(cr, lineWidth: InkInset.lineWidth(m), background: SheetStyle.palette.inset) { region, side in
                try SheetRasters.mask(s, maxSide: side, ink: ink, speck: speck, region: region)
            }
            // the box again, inside the inset
            let inner = CanvasFit(
                canvasWidth: i.region.width, canvasHeight: i.region.height, panelX: i.inset.x, panelY: i.inset.y,
                side: i.inset.side)
            cr.newPath()
            cr.rectangle(
                inner.x + Double(b.x - i.region.x) * inner.scale, inner.y + Double(b.y - i.region.y) * inner.scale,
                Double(b.width) * inner.scale, Double(b.height) * inner.scale)
            cr.setColor(SheetStyle.palette.amber)
            cr.setLineWidth(1.5 * m.detail)
            cr.stroke()
        }
        border(cr, x, y, m)
    }

    /// Faint lines between the cells of an n×n grid drawn at (x, y) with the given cell size.
    func gridLines(_ cr: Context, _ x: Double, _ y: Double, cells n: Int, cell: Double, width: Double = 0.6) {
        cr.newPath()
        for i in 1..<n {
            let o = Double(i) * cell
            cr.moveTo(x + o, y); cr.lineTo(x + o, y + Double(n) * cell)
            cr.moveTo(x, y + o); cr.lineTo(x + Double(n) * cell, y + o)
        }
        cr.setColor(SheetStyle.palette.gridLine)
        cr.setLineWidth(width)
        cr.stroke()
    }

    func drawBox(_ cr: Context, _ content: SheetContent, _ x: Double, _ y: Double, _ m: SheetMetrics) throws {
        let s = content.stages
        frame(cr, x, y, m, fill: RGBA(0, 0, 0))
        let cell = m.side / 20
        // the scaled digit sits centred in its 20×20 box, as it is fitted
        let ox = Double((20 - s.box.width) / 2), oy = Double((20 - s.box.height) / 2)
        cr.drawCells(
            try SheetRasters.gray(s.box), x: x + ox * cell, y: y + oy * cell,
            width: Double(s.box.width) * cell, height: Double(s.box.height) * cell)
        gridLines(cr, x, y, cells: 20, cell: cell, width: 0.6 * m.detail)
        cr.newPath()
        cr.rectangle(x + ox * cell, y + oy * cell, Double(s.box.width) * cell, Double(s.box.height) * cell)
        cr.setColor(SheetStyle.palette.amber)
        cr.setLineWidth(1.5 * m.detail)
        cr.stroke()
        border(cr, x, y, m)
    }

    func drawField(_ cr: Context, _ content: SheetContent, _ x: Double, _ y: Double, _ m: SheetMetrics) throws {
        let s = content.stages
        let cell = m.side / 28
        frame(cr, x, y, m, fill: RGBA(0, 0, 0))
        cr.drawCells(try SheetRasters.gray(s.field), x: x, y: y, width: m.side, height: m.side)
        gridLines(cr, x, y, cells: 28, cell: cell, width: 0.6 * m.detail)
        // dashed cross through the field's centre
        cr.newPath()
        cr.moveTo(x, y + m.side / 2); cr.lineTo(x + m.side, y + m.side / 2)
        cr.moveTo(x + m.side / 2, y); cr.lineTo(x + m.side / 2, y + m.side)
        cr.setColor(SheetStyle.palette.muted.withAlpha(0.6))
        cr.setLineWidth(0.8 * m.detail)
        cr.setDash([3 * m.detail, 3 * m.detail])
        cr.stroke()
        cr.setDash([])
        // centre of mass
        let cx = x + s.placement.centreOfMassX * cell, cy = y + s.placement.centreOfMassY * cell
        cr.newPath()
        let (ring, arm) = (6 * m.detail, 10 * m.detail)
        cr.arc(cx, cy, radius: ring)
        cr.moveTo(cx - arm, cy); cr.lineTo(cx + arm, cy)
        cr.moveTo(cx, cy - arm); cr.lineTo(cx, cy + arm)
        cr.setColor(SheetStyle.palette.amber)
        cr.setLineWidth(1.6 * m.detail)
        cr.stroke()
        border(cr, x, y, m)
    }

    /// The note over the value grid's right edge.
    static let valuesNote = "0–255 per cell (0 = background, shown as \(zeroLabel))"

    /// What a zero cell of the value grid shows.
    public static let zeroLabel = "·"

    /// The 784 texts of the value grid, row by row: the network's input values × 255 rounded
    /// (`content.networkInput`, the numbers the network read), `zeroLabel` for 0.
    public static func valueLabels(_ content: SheetContent) -> [String] {
        content.networkInput.prefix(784).map { v in
            let level = Int((Double(v) * 255).rounded())
            return level == 0 ? zeroLabel : "\(level)"
        }
    }

    func drawValues(_ cr: Context, _ content: SheetContent, _ x: Double, _ y: Double, _ m: SheetMetrics) {
        let field = Plane(width: 28, height: 28, pixels: content.networkInput)
        let cell = m.cell
        frame(cr, x, y, m, fill: RGBA(0.02, 0.025, 0.03))
        for row in 0..<28 {
            for col in 0..<28 {
                let v = Double(field[col, row])
                guard v > 0 else { continue }
                cr.newPath()
                cr.rectangle(x + Double(col) * cell, y + Double(row) * cell, cell, cell)
                cr.setColor(RGBA(v, v, v))
                cr.fill()
            }
        }
        gridLines(cr, x, y, cells: 28, cell: cell)
        cr.setFont(m.valueSize, bold: true, condensed: true)
        let lift = 3.2 * m.valueSize / 8.2
        let labels = Self.valueLabels(content)
        for row in 0..<28 {
            for col in 0..<28 {
                let v = Double(field[col, row])
                let label = labels[row * 28 + col]
                let cx = x + (Double(col) + 0.5) * cell, cy = y + (Double(row) + 0.5) * cell + lift
                if label == Self.zeroLabel {
                    cr.setColor(SheetStyle.palette.dim.withAlpha(0.55))
                } else {
                    cr.setColor(v > 0.5 ? RGBA(0.05, 0.07, 0.09) : SheetStyle.palette.text)
                }
                cr.drawText(label, x: cx, y: cy, align: .center)
            }
        }
        border(cr, x, y, m)
        cr.setFont(m.captionSize)
        cr.setColor(SheetStyle.palette.muted)
        cr.drawText(
            Self.valuesNote, x: x + pictureSize(m).width,
            y: y - m.headerHeight + m.headerSize, align: .right)
    }

    func drawFlatten(_ cr: Context, _ content: SheetContent, _ x: Double, _ y: Double, _ m: SheetMetrics) throws {
        let (w, h) = pictureSize(m)
        frame(cr, x, y, m, fill: RGBA(0, 0, 0))
        cr.drawImage(try SheetRasters.strip(content.networkInput), x: x, y: y, width: w, height: h, filter: .good)
        // a tick for each image row (every 28 values)
        cr.newPath()
        for r in 1..<28 {
            let ty = y + h * Double(r) / 28
            cr.moveTo(x + w, ty); cr.lineTo(x + w + 4, ty)
        }
        cr.setColor(SheetStyle.palette.border)
        cr.setLineWidth(min(1, m.detail))
        cr.stroke()
        border(cr, x, y, m)
        cr.setFont(m.compact ? m.captionSize : 11)
        cr.setColor(SheetStyle.palette.dim)
        cr.drawText("0", x: x + w + 8, y: y + 8)
        cr.drawText("783", x: x + w + 8, y: y + h)
    }

    /// The answer: the digit large with its percentage when confident; the top two with
    /// both percentages in amber when uncertain; in red, with `label 4 · predicted 9 ✗`
    /// under the bars, when a known label disagrees.
    func drawPrediction(_ cr: Context, _ content: SheetContent, _ x: Double, _ y: Double) {
        let p = content
        let v = p.verdict
        let pal = SheetStyle.palette
        let colour = v.kind == .confident ? pal.accent : v.kind == .uncertain ? pal.amber : pal.alert
        cr.setFont(104, bold: true)
        cr.setColor(colour)
        cr.drawText("\(v.predicted)", x: x - 4, y: y + 88)
        let digitWidth = cr.textExtents("\(v.predicted)").xAdvance
        if v.kind == .uncertain, let second = v.runnerUp {
            cr.setFont(26, bold: true)
            cr.setColor(colour)
            cr.drawText("or \(second)?", x: x + digitWidth + 6, y: y + 44)
            cr.setFont(13)
            cr.drawText(v.detail, x: x + digitWidth + 6, y: y + 76)
        } else {
            cr.setFont(14)
            cr.setColor(pal.muted)
            cr.drawText(v.kind == .wrong ? "predicted" : "class", x: x + digitWidth + 6, y: y + 44)
            cr.setFont(26, bold: true)
            cr.setColor(pal.text)
            cr.drawText(v.detail, x: x + digitWidth + 6, y: y + 76)
        }
        let barX = x + 16, barW = 176.0, top = y + 116
        for d in 0..<10 {
            let by = top + Double(d) * 13
            let value = p.probability(of: d)
            let role: Color =
                d == v.predicted
                ? .winner
                : (v.kind == .uncertain && d == v.runnerUp)
                    ? .runnerUp
                    : (v.kind == .wrong && d == v.label) ? .label : .other
            cr.setFont(11, bold: role != .other)
            cr.setColor(role == .winner ? colour : role == .runnerUp ? pal.amber : role == .label ? pal.alert : pal.dim)
            cr.drawText("\(d)", x: x, y: by + 8)
            cr.newPath()
            cr.rectangle(barX, by, barW, 9)
            cr.setColor(pal.panel)
            cr.fill()
            cr.newPath()
            cr.rectangle(barX, by, max(1.5, barW * value), 9)
            cr.setColor(role == .winner ? colour : role == .runnerUp ? pal.amber.withAlpha(0.75) : pal.muted.withAlpha(0.7))
            cr.fill()
        }
        var lines: [String] = []
        if v.kind == .wrong { lines.append(v.headline) }
        if let second = v.runnerUp, v.kind != .uncertain {
            lines.append("runner-up \(second) (\(NumberFormat.percent(v.runnerUpProbability)))")
        }
        if v.kind == .uncertain { lines.append("top answer below \(Int(Verdict.confidenceThreshold * 100)) %") }
        if let label = v.label, v.kind != .wrong { lines.append("label \(label) ✓") }
        drawCaption(cr, lines, x: x, y: top + 10 * 13 + 20, alert: v.kind == .wrong)
    }

    /// What a bar of the prediction panel stands for.
    private enum Color { case winner, runnerUp, label, other }
}
