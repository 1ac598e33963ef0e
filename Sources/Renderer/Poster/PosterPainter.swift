import CairoGraphics
import DigitNet
import Geometry

/// Draws one poster page in the light palette. Everything is laid out on a 2480×1754 design
/// canvas and scaled uniformly (and centred) to the requested size.
public struct PosterPainter: Sendable {
    public let content: PosterContent
    public let width: Double
    public let height: Double
    let palette = Palette.light
    let viridis = Colormap(.viridis)
    let rdbu = Colormap(.rdbu)
    /// The design canvas: A4 landscape proportions, the size of the look's poster.
    public static let design = (width: 2480.0, height: 1754.0)

    /// A painter for pages of `width`×`height` user units.
    public init(content: PosterContent, width: Double, height: Double) {
        self.content = content; self.width = width; self.height = height
    }

    /// Paints the page for stage `layer` into `c` (whose user space is `width`×`height`).
    public func paint(layer: String, into c: Context) throws {
        let s = content.stageIndex(layer)
        c.save()
        c.setColor(palette.background)
        c.newPath()
        c.rectangle(0, 0, width, height)
        c.fill()
        let k = min(width / Self.design.width, height / Self.design.height)
        c.translate((width - Self.design.width * k) / 2, (height - Self.design.height * k) / 2)
        c.scale(k, k)
        try paintHeader(stage: s, c)
        let stage = content.network.stages[s]
        let body = Self.body
        if content.network.shapes[s + 1].count == 3 {
            try paintMaps(stage: s, in: body, c)
        } else if stage.operations.contains(.softmax) {
            paintProbabilities(in: body, c)
        } else {
            paintBarField(stage: s, in: body, c)
        }
        paintFooter(stage: s, c)
        c.restore()
        try c.checkStatus()
    }

    /// The page's body: from just under the header's rule (y 530) to just above the footer's
    /// text (baseline 1640, capitals from ~1622), so cards fill the page between them.
    static let body = ScreenRect(x: 130, y: 562, width: 2220, height: 1026)

    // MARK: Header and footer

    func paintHeader(stage s: Int, _ c: Context) throws {
        let stage = content.network.stages[s]
        // The input digit, pixel-crisp.
        let input = content.trace["input"]?.data ?? []
        let side = Int(Double(input.count).squareRoot())
        if side > 0 {
            let image = try Raster.image(input, width: side, height: side, color: Raster.gray)
            c.drawCells(image, x: 130, y: 130, width: 320, height: 320)
        }
        text("input · \(Tensor(zeros: content.network.inputShape).shapeLabel)", 130, 492, size: 26, color: palette.muted, c)

        let x = 530.0
        text(
            "LAYER \(s + 1) OF \(content.network.stages.count)  ·  \(content.kindTitle(stage))", x, 168, size: 26,
            bold: true, color: palette.accent, c)
        text(stage.name.rawValue, x, 292, size: 112, bold: true, color: palette.text, c)
        text(content.formula(s), x, 372, size: 36, color: palette.muted, c)
        // Shrunk until its last line's descenders stay 14 units clear of the rule at 530.
        paragraph(
            content.description(s), x: x, y: 436, width: 1230, size: 29, lineHeight: 42, color: palette.text,
            bottom: 530 - 14, c)
        paintLegends(stage: s, c)
        c.setColor(palette.border)
        c.setLineWidth(2)
        c.newPath()
        c.moveTo(130, 530); c.lineTo(2350, 530)
        c.stroke()
    }

    /// Colour scales on the right of the header.
    func paintLegends(stage s: Int, _ c: Context) {
        let stage = content.network.stages[s]
        let x = 1830.0, w = 520.0
        let values = activation(s)
        if stage.operations.contains(.softmax) {
            text("PROBABILITY", x, 168, size: 24, bold: true, color: palette.muted, c)
            paragraph(
                "Softmax of the ten scores: every bar is a share of 100 %; the winner is highlighted.",
                x: x, y: 210, width: w, size: 22, lineHeight: 32, color: palette.dim, c)
            let v = content.verdict
            fitText(v.line, x, 420, width: w, size: 30, bold: true, color: verdictColour(v.kind), c)
            return
        }
        let relu = stage.operations.contains(.relu) || s > 0
        let count = content.network.shapes[s + 1].count == 3 ? content.network.shapes[s + 1][0] : 0
        let activation = ColourBarLegend(
            title: relu ? "ACTIVATION (after ReLU)" : "ACTIVATION", colormap: viridis, low: "0",
            high: NumberFormat.decimal(Double(values.max() ?? 0)),
            note: count > 0 ? "one shared scale: 0 → layer max, all \(count) maps" : "bar height and colour: 0 → layer max")
        activation.paint(c, x: x, barTop: 186, width: w, palette: palette, metrics: .poster)
        if let conv = stage.conv {
            let m = Double(conv.weight.map(abs).max() ?? 0)
            let kernel = ColourBarLegend(
                title: "KERNEL WEIGHT", colormap: rdbu, low: "−" + NumberFormat.decimal(m), middle: "0",
                high: "+" + NumberFormat.decimal(m), note: "diverging, centred at 0, same range for all \(conv.filters)")
            kernel.paint(c, x: x, barTop: 366, width: w, palette: palette, metrics: .poster)
        }
    }

    func paintFooter(stage s: Int, _ c: Context) {
        // Title · verdict (in its colour) · note, one line.
        let v = content.verdict
        let lead = Titles.reading(content.inputLabel, network: content.network.architecture.name) + " · "
        text(lead, 130, 1640, size: 24, color: palette.dim, c)
        c.setFont(24)
        var fx = 130 + c.textExtents(lead).xAdvance
        text(v.line, fx, 1640, size: 24, bold: v.kind != .confident, color: verdictColour(v.kind), c)
        c.setFont(24, bold: v.kind != .confident)
        fx += c.textExtents(v.line).xAdvance
        text(" · crisp pixels = one activation each", fx, 1640, size: 24, color: palette.dim, c)
        // The pipeline, this layer emphasised, right-aligned.
        let (names, here) = Self.footerTrail(content.network.stages.map(\.name.rawValue), current: s)
        var x = 2350.0
        for (i, name) in names.enumerated().reversed() {
            let current = i == here
            c.setFont(24, bold: current)
            let wName = c.textExtents(name).xAdvance
            x -= wName
            c.setColor(current ? palette.accent : palette.dim)
            c.moveTo(x, 1640); c.showText(name)
            if i > 0 {
                c.setFont(24)
                let arrow = " → "
                x -= c.textExtents(arrow).xAdvance
                c.setColor(palette.dim)
                c.moveTo(x, 1640); c.showText(arrow)
            }
        }
    }

    // MARK: Feature maps

    /// One card per feature map with its max, peak and, for convolutions, its kernel(s).
    func paintMaps(stage s: Int, in body: ScreenRect, _ c: Context) throws {
        let shape = content.network.shapes[s + 1]
        let (channels, h, w) = (shape[0], shape[1], shape[2])
        if channels > Self.roomyMapLimit { return try paintMapGallery(stage: s, in: body, c) }
        let values = activation(s)
        let layerMax = values.max() ?? 0
        let conv = content.network.stages[s].conv
        let cols = 4
        let rows = (channels + cols - 1) / cols
        let gap = 40.0
        let tileW = (body.width - gap * Double(cols - 1)) / Double(cols)
        let roomH = (body.height - gap * Double(rows - 1)) / Double(rows)
        let metrics = TileMetrics(compact: roomH < 300)
        // Cards fill the body; each map sits under its card's title, as large as the kernel
        // column beside it allows.
        let side = min(roomH - metrics.header - metrics.pad, (tileW - 2 * metrics.pad) * 0.62)
        let tileH = roomH
        let top = body.y
        let kernelMax = conv.map { Double($0.weight.map(abs).max() ?? 0) } ?? 0
        for ch in 0..<channels {
            let tile = ScreenRect(
                x: body.x + Double(ch % cols) * (tileW + gap), y: top + Double(ch / cols) * (tileH + gap),
                width: tileW, height: tileH)
            let map = Array(values[(ch * h * w)..<((ch + 1) * h * w)])
            try paintMapTile(
                channel: ch, map: map, width: w, height: h, layerMax: layerMax, conv: conv,
                kernelMax: kernelMax, in: tile, metrics: metrics, side: side, c)
        }
    }

    /// Type sizes and spacing of a map card.
    struct TileMetrics {
        var compact: Bool
        var title: Double { compact ? 24 : 30 }
        var small: Double { compact ? 17 : 20 }
        var pad: Double { compact ? 14 : 22 }
        /// From the card's top to the map's top.
        var header: Double { pad * 1.8 + title }
    }

    func paintMapTile(
        channel ch: Int, map: [Float], width w: Int, height h: Int, layerMax: Float, conv: Conv2D?,
        kernelMax: Double, in t: ScreenRect, metrics m: TileMetrics, side: Double, _ c: Context
    ) throws {
        card(t, c)
        let compact = m.compact
        let titleSize = m.title, small = m.small, pad = m.pad
        let titleY = t.y + pad + titleSize
        text("map \(ch)", t.x + pad, titleY, size: titleSize, bold: true, color: palette.text, c)
        let mapMax = map.max() ?? 0
        let maxText = "max " + NumberFormat.decimal(Double(mapMax))
        c.setFont(titleSize * 0.85)
        let mw = c.textExtents(maxText).xAdvance
        text(maxText, t.x + t.width - pad, titleY, size: titleSize * 0.85, color: palette.muted, align: .right, c)
        c.setColor(viridis.color(at: layerMax > 0 ? Double(mapMax / layerMax) : 0))
        c.newPath()
        c.arc(t.x + t.width - pad - mw - titleSize * 0.45, titleY - titleSize * 0.32, radius: titleSize * 0.3)
        c.fill()

        // The map and its column, centred in the card's height under the title.
        let top = t.y + m.header + max(0, (t.height - m.header - m.pad - side) / 2)
        let range = ValueRange(low: 0, high: max(layerMax, 1e-12))
        let image = try Raster.image(map, width: w, height: h) { viridis.color(at: range.normalize($0)) }
        let mapW = side * Double(w) / Double(max(w, h)), mapH = side * Double(h) / Double(max(w, h))
        c.drawCells(image, x: t.x + pad, y: top, width: mapW, height: mapH)
        // The peak cell, outlined.
        var peak = 0
        for i in map.indices where map[i] > map[peak] { peak = i }
        let cell = mapW / Double(w)
        let (pr, pc) = (peak / w, peak % w)
        if mapMax > 0 {
            c.newPath()
            c.rectangle(t.x + pad + Double(pc) * cell, top + Double(pr) * cell, cell, cell)
            c.setLineWidth(max(2, cell * 0.22))
            c.setColor(RGBA(1, 1, 1))
            c.strokePreserve()
            c.setLineWidth(max(1, cell * 0.1))
            c.setColor(palette.text)
            c.stroke()
        }

        // The side column: kernels (convolutions) or statistics (pooling).
        let cx = t.x + pad + mapW + pad
        let colW = t.x + t.width - pad - cx
        var y = top + small
        if let conv {
            let label =
                conv.inChannels == 1 ? "kernel \(conv.kernel)×\(conv.kernel)" : "\(conv.inChannels) kernels \(conv.kernel)×\(conv.kernel)"
            text(label, cx, y, size: small, color: palette.muted, c)
            y += small * 0.6
            let perRow = conv.inChannels == 1 ? 1 : min(4, conv.inChannels)
            let kRowsNeeded = Double((conv.inChannels + perRow - 1) / perRow)
            let kGap = 4.0
            // Fit the kernels between the label and the bias line, within the map's height.
            let roomH = mapH - small * 3.4
            let kSide = min(
                (colW - kGap * Double(perRow - 1)) / Double(perRow), conv.inChannels == 1 ? colW * 0.75 : colW,
                roomH / kRowsNeeded - kGap)
            let n = conv.kernel * conv.kernel
            for ic in 0..<conv.inChannels {
                let start = (ch * conv.inChannels + ic) * n
                let weights = Array(conv.weight[start..<(start + n)])
                let kimg = try Raster.image(weights, width: conv.kernel, height: conv.kernel) {
                    rdbu.color(at: kernelMax > 0 ? (Double($0) / kernelMax + 1) / 2 : 0.5)
                }
                let kx = cx + Double(ic % perRow) * (kSide + kGap), ky = y + Double(ic / perRow) * (kSide + kGap)
                c.drawCells(kimg, x: kx, y: ky, width: kSide, height: kSide)
                c.newPath()
                c.rectangle(kx, ky, kSide, kSide)
                c.setLineWidth(1)
                c.setColor(palette.border)
                c.stroke()
            }
            let kRows = (conv.inChannels + perRow - 1) / perRow
            y += Double(kRows) * (kSide + kGap) + small * 1.4
            text("bias " + NumberFormat.signed(Double(conv.bias[ch])), cx, y, size: small, color: palette.dim, c)
        } else {
            let zeros = map.filter { $0 <= 0 }.count
            let mean = map.reduce(0, +) / Float(max(map.count, 1))
            text("mean " + NumberFormat.decimal(Double(mean)), cx, y + small * 0.4, size: small, color: palette.muted, c)
            text(
                "zeros \(Int((Double(zeros) / Double(max(map.count, 1)) * 100).rounded())) %", cx, y + small * 1.9,
                size: small, color: palette.muted, c)
        }
        let bottom = top + mapH
        if conv == nil || !compact {
            text("peak □", cx, bottom - small * 1.5, size: small, color: palette.dim, c)
            text("(\(pr), \(pc))", cx, bottom, size: small, color: palette.dim, c)
        }
    }

    // MARK: Dense layers

    /// Node values as a bar field: height and colour by value, every tenth index labelled.
    func paintBarField(stage s: Int, in body: ScreenRect, _ c: Context) {
        card(body, c)
        let values = activation(s)
        let maxValue = max(values.max() ?? 0, 1e-12)
        let zeros = values.filter { $0 <= 0 }.count
        text(
            "node values after ReLU — \(values.count) nodes, \(zeros) at zero", body.x + 40, body.y + 64, size: 32,
            bold: true, color: palette.text, c)
        let area = ScreenRect(x: body.x + 120, y: body.y + 140, width: body.width - 180, height: body.height - 260)
        let step = area.width / Double(values.count)
        let barW = step * 0.78
        let base = area.y + area.height
        // Grid lines on round values; the axis ends on the first at or above the maximum.
        let ticks = AxisTicks(maximum: Double(maxValue))
        for (q, value) in ticks.values.enumerated() {
            let y = base - area.height * value / ticks.top
            c.newPath(); c.moveTo(area.x - 10, y); c.lineTo(area.x + area.width, y)
            c.setLineWidth(q == 0 ? 2 : 1)
            c.setColor(q == 0 ? palette.muted : palette.border)
            c.stroke()
            text(ticks.label(value), area.x - 20, y + 8, size: 22, color: palette.dim, align: .right, c)
        }
        let ranked = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
        let top5 = Set(ranked.prefix(5))
        for (i, v) in values.enumerated() {
            let x = area.x + Double(i) * step + (step - barW) / 2
            let t = Double(v) / ticks.top
            if v > 0 {
                c.newPath()
                c.rectangle(x, base - area.height * t, barW, area.height * t)
                c.setColor(viridis.color(at: Double(v / maxValue)))
                c.fill()
            } else {
                c.newPath()
                c.rectangle(x, base - 3, barW, 3)
                c.setColor(palette.border)
                c.fill()
            }
            if top5.contains(i) && v > 0 {
                text("#\(i)", x + barW / 2, base - area.height * t - 12, size: 20, bold: true, color: palette.text, align: .center, c)
            }
            if i % Self.barLabelStride(count: values.count) == 0 {
                text("\(i)", x + barW / 2, base + 36, size: 20, color: palette.dim, align: .center, c)
            }
        }
        text("node index", area.x + area.width / 2, base + 80, size: 22, color: palette.muted, align: .center, c)
    }

    // MARK: Output

    /// Ten probability bars with percentages and logits. The winner is in the verdict's
    /// colour (accent, amber when uncertain, red when a known label disagrees), an uncertain
    /// runner-up in amber, a disagreeing label's digit in red and tagged `label`. The tracks
    /// end before the widest percentage begins, so a full bar never runs under its number.
    func paintProbabilities(in body: ScreenRect, _ c: Context) {
        card(body, c)
        let p = content.trace.probabilities
        let logits = content.trace.logits
        let v = content.verdict
        let rowH = (body.height - 80) / 10
        let percentRight = body.x + body.width - 250
        c.setFont(40, bold: true)
        let widest = c.textExtents(">99.99 %").xAdvance
        let trackX = body.x + 190, trackW = percentRight - widest - 40 - trackX
        for d in 0..<min(10, p.count) {
            let y = body.y + 40 + Double(d) * rowH
            let mid = y + rowH / 2
            let isWinner = d == v.predicted
            let isLabel = v.kind == .wrong && d == v.label
            let isRunnerUp = v.kind == .uncertain && d == v.runnerUp
            let colour =
                isWinner
                ? verdictColour(v.kind) : isLabel ? palette.alert : isRunnerUp ? palette.amber : palette.muted
            let name = d < content.network.labels.count ? content.network.labels[d] : "\(d)"
            text(name, body.x + 110, mid + 20, size: 54, bold: isWinner || isLabel, color: colour, align: .center, c)
            if isLabel { text("label", body.x + 110, mid + 42, size: 17, bold: true, color: palette.alert, align: .center, c) }
            c.newPath()
            c.roundedRectangle(trackX, mid - 22, trackW, 44, radius: 8)
            c.setColor(palette.border.withAlpha(0.6))
            c.fill()
            let w = max(6, trackW * Double(p[d]))
            c.newPath()
            c.roundedRectangle(trackX, mid - 22, w, 44, radius: 8)
            c.setColor(isWinner || isRunnerUp ? colour : palette.dim)
            c.fill()
            text(
                NumberFormat.percent(Double(p[d])), percentRight, mid + 14, size: isWinner ? 40 : 34, bold: isWinner,
                color: isWinner ? palette.text : palette.muted, align: .right, c)
            if d < logits.count {
                text(
                    "logit " + NumberFormat.signed(Double(logits[d])), body.x + body.width - 40, mid + 10, size: 22,
                    color: palette.dim, align: .right, c)
            }
        }
    }

    /// Accent when confident, amber when uncertain, the alert red when wrong.
    func verdictColour(_ kind: Verdict.Kind) -> RGBA {
        switch kind {
        case .confident: return palette.accent
        case .uncertain: return palette.amber
        case .wrong: return palette.alert
        }
    }

    // MARK: Pieces

    func activation(_ s: Int) -> [Float] { content.trace[content.network.stages[s].name]?.data ?? [] }

    func card(_ r: ScreenRect, _ c: Context) {
        c.newPath()
        c.roundedRectangle(r.x, r.y, r.width, r.height, radius: 14)
        c.setColor(palette.panel)
        c.fillPreserve()
        c.setColor(palette.border)
        c.setLineWidth(2)
        c.stroke()
    }

    func text(
        _ s: String, _ x: Double, _ y: Double, size: Double, bold: Bool = false, color: RGBA,
        align: Context.Align = .left, _ c: Context
    ) {
        c.drawText(s, x: x, y: y, size: size, bold: bold, color: color, align: align)
    }

    /// `s` on one line from (`x`, `y`), shrunk (never below 60 %) to fit `width`.
    func fitText(
        _ s: String, _ x: Double, _ y: Double, width: Double, size: Double, bold: Bool = false, color: RGBA,
        _ c: Context
    ) {
        c.setFont(size, bold: bold)
        let natural = c.textExtents(s).xAdvance
        let fitted = natural > width && natural > 0 ? max(size * 0.6, size * width / natural) : size
        text(s, x, y, size: fitted, bold: bold, color: color, c)
    }

    /// Word-wrapped text starting with its first baseline at `y`. With a `bottom`, size and
    /// line height shrink (never below 70 %) until the last line's descenders stay above it.
    func paragraph(
        _ s: String, x: Double, y: Double, width: Double, size: Double, lineHeight: Double, color: RGBA,
        bottom: Double = .infinity, _ c: Context
    ) {
        var k = 1.0
        var lines = wrapped(s, width: width, size: size, c)
        while k > 0.7, y + Double(lines.count - 1) * lineHeight * k + size * k * 0.25 > bottom {
            k -= 0.05
            lines = wrapped(s, width: width, size: size * k, c)
        }
        c.setFont(size * k)
        c.setColor(color)
        for (i, line) in lines.enumerated() { c.drawText(line, x: x, y: y + Double(i) * lineHeight * k) }
    }

    /// `s` broken into lines no wider than `width` at `size`.
    func wrapped(_ s: String, width: Double, size: Double, _ c: Context) -> [String] {
        c.setFont(size)
        return CaptionWrap.printedLines(s, width: width, context: c)
    }
}
