import CairoGraphics
import Geometry
import SceneGraph

/// The frame's flat layer: labels, title, legend and prediction panel.
extension FrameRenderer {
    // MARK: Layer labels (placed and drawn in FrameRenderer+Labels.swift)

    /// Digits 0–9 to the right of the output nodes; the winner bold in the accent colour.
    func paintNodeLabels(_ layer: LayerNode, _ f: FrameContext) {
        guard let grid = layer.grids.first else { return }
        let c = f.context, s = f.scale
        // The labels' size follows the nodes' pitch on screen: as large as the type scale
        // and the 11 px floor ask when there is room, smaller where the column is short, and
        // only the winner's when even 7 px labels would touch.
        let size = min(max(14 * s, Self.minimumLabelText(height: f.height)), nodePitch(grid, f.projector) * 0.92)
        let all = size >= 7
        for (n, label) in layer.nodeLabels.enumerated() where n < grid.count {
            // The winner is singled out only once the output layer lights up.
            let winner = n == scene.prediction && f.reveal[layer.index] > 0
            guard all || winner else { continue }
            guard let q = f.projector.project(grid.cellCenter(n) + grid.colStep * 0.9) else { continue }
            let type = max(size, winner ? Self.minimumLabelText(height: f.height) : 0)
            c.setFont(winner ? type * 15 / 14 : type, bold: winner)
            c.setColor(
                winner
                    ? verdictColour(verdict.kind).withAlpha(0.4 + 0.6 * f.reveal[layer.index])
                    : style.palette.muted.withAlpha(0.35 + 0.65 * f.reveal[layer.index]))
            let flip = q.x < (f.projector.project(grid.cellCenter(n))?.x ?? q.x)
            c.drawText(label, x: q.x + (flip ? -6 : 6) * s, y: q.y + type * 0.36, align: flip ? .right : .left)
        }
    }

    /// The smallest screen distance between neighbouring node centres of `grid` (down a
    /// column), in pixels.
    func nodePitch(_ grid: CellGrid, _ p: Projector) -> Double {
        guard grid.count > 1 else { return .infinity }
        var pitch = Double.infinity
        for n in 1..<min(grid.count, grid.rows) {
            guard let a = p.project(grid.cellCenter(n - 1)), let b = p.project(grid.cellCenter(n)) else { continue }
            pitch = min(pitch, abs(b.y - a.y))
        }
        return pitch
    }

    // MARK: Title

    /// Title and subtitle lines in the layout's title rectangle.
    func paintTitle(_ f: FrameContext) {
        guard let title = style.title, let box = f.layout.title else { return }
        let c = f.context, s = f.scale
        c.drawText(title, x: box.x, y: box.y + 30 * s, size: 32 * s, bold: true, color: style.palette.text)
        c.setFont(16 * s)
        c.setColor(style.palette.muted)
        for (i, line) in style.subtitle.enumerated() {
            c.drawText(line, x: box.x, y: box.y + (64 + Double(i) * 22) * s)
        }
    }

    // MARK: Legend

    /// Colour bar for the hidden activations, how it is normalised, and what the lines mean,
    /// in the layout's legend rectangle.
    func paintLegend(_ f: FrameContext) {
        guard let box = f.layout.legend else { return }
        let c = f.context, s = f.scale, pal = style.palette
        let x = box.x, barTop = box.y + 22 * s
        let map = Colormap(style.colormap)
        let high = style.rangeRule == .perMap ? "map max" : (style.rangeRule == .perLayer ? "layer max" : "global max")
        let inputNote = style.inputColormap == .grays ? "input shown as grey 0–1" : "input 0–1"
        let legend = ColourBarLegend(
            title: "ACTIVATION", colormap: map, low: map.isDiverging ? "−max" : "0", high: high,
            note: "\(style.rangeRule.legendText) · \(inputNote)")
        legend.paint(c, x: x, barTop: barTop, width: 280 * s, palette: pal, metrics: .frame(scale: s))
        if style.showEdges {
            let y = barTop + 72 * s
            c.setColor(pal.accent)
            c.setLineWidth(max(0.8, 1.5 * s))
            c.newPath()
            c.moveTo(x, y - 4 * s); c.lineTo(x + 22 * s, y - 4 * s)
            c.stroke()
            c.drawText("top weight × activation contributions", x: x + 32 * s, y: y, size: 12 * s, color: pal.dim)
            if verdict.kind == .uncertain, let second = verdict.runnerUp, !scene.runnerUpEdges.isEmpty {
                let y2 = y + 18 * s
                c.setColor(pal.amber.withAlpha(0.8))
                c.newPath()
                c.moveTo(x, y2 - 4 * s); c.lineTo(x + 22 * s, y2 - 4 * s)
                c.stroke()
                c.drawText("the same for the runner-up, \(second)", x: x + 32 * s, y: y2, size: 12 * s, color: pal.dim)
            }
        }
    }

    // MARK: Prediction panel

    /// The verdict this frame states: the scene's probabilities against the style's label.
    var verdict: Verdict { Verdict(probabilities: scene.probabilities, label: style.label) }

    /// Bottom-right panel: the input thumbnail, ten probability bars and a header that states
    /// the verdict: the winner and its percentage when confident, the top two in amber when
    /// uncertain, `label 4 · predicted 9 ✗` in red when a known label disagrees. Until the
    /// reveal reaches the output layer the panel shows no answer: empty bars, no numbers.
    func paintPrediction(_ f: FrameContext) {
        guard let box = f.layout.prediction else { return }
        let c = f.context, s = f.scale, pal = style.palette
        let (x, y, w, h) = (box.x, box.y, box.width, box.height)
        let outputReveal = f.reveal.last ?? 1
        let verdict = verdict
        c.newPath()
        c.roundedRectangle(x, y, w, h, radius: 12 * s)
        c.setColor(pal.panel)
        c.fillPreserve()
        c.setColor(pal.border)
        c.setLineWidth(max(0.6, 1 * s))
        c.stroke()

        let shown = min(1, max(0, (outputReveal - 0.5) * 2))
        paintPredictionHeader(verdict, shown: shown, box: box, f)
        paintThumbnail(verdict, shown: shown, box: box, f)

        // Ten bars, filled as far as the reveal has reached the output.
        let bx = x + 176 * s, labelX = bx - 8 * s, trackW = 170 * s, rowH = 21 * s
        let top = y + 70 * s
        for d in 0..<min(10, scene.probabilities.count) {
            let ry = top + Double(d) * rowH
            let p = Double(scene.probabilities[d]) * outputReveal
            // No digit is singled out before the answer shows.
            let role = shown > 0 ? barRole(d, verdict) : .other
            c.setFont(13 * s, bold: role != .other)
            c.setColor(barColour(role, shown: shown))
            c.drawText("\(d)", x: labelX, y: ry + 5 * s, align: .right)
            c.newPath()
            c.roundedRectangle(bx, ry - 4 * s, trackW, 9 * s, radius: 2 * s)
            c.setColor(pal.border.withAlpha(0.6))
            c.fill()
            guard outputReveal > 0 else { continue }
            let fillW = max(2 * s, trackW * min(max(p, 0), 1))
            c.newPath()
            c.roundedRectangle(bx, ry - 4 * s, fillW, 9 * s, radius: 2 * s)
            c.setColor(
                role == .other || role == .label
                    ? pal.muted.withAlpha(0.7 * outputReveal) : barColour(role, shown: 1).withAlpha(outputReveal))
            c.fill()
            guard shown > 0 else { continue }
            c.setFont(11 * s, bold: role == .winner)
            c.setColor((role == .winner ? pal.text : pal.dim).withAlpha(shown))
            c.drawText(NumberFormat.percent(Double(scene.probabilities[d])), x: x + w - 20 * s, y: ry + 4 * s, align: .right)
        }
    }

    /// What a bar stands for in the verdict.
    enum BarRole { case winner, runnerUp, label, other }

    func barRole(_ d: Int, _ v: Verdict) -> BarRole {
        if d == v.predicted { return .winner }
        if v.kind == .wrong, d == v.label { return .label }
        if v.kind == .uncertain, d == v.runnerUp { return .runnerUp }
        return .other
    }

    /// The colour of a bar's digit (and its fill, for the winner and an uncertain runner-up).
    func barColour(_ role: BarRole, shown: Double) -> RGBA {
        let pal = style.palette
        switch role {
        case .winner: return verdictColour(verdict.kind).withAlpha(0.4 + 0.6 * shown)
        case .runnerUp: return pal.amber.withAlpha((0.4 + 0.6 * shown) * 0.75)
        case .label: return pal.alert.withAlpha(0.4 + 0.6 * shown)
        case .other: return pal.muted
        }
    }

    /// Accent when confident, amber when uncertain, the alert red when wrong.
    func verdictColour(_ kind: Verdict.Kind) -> RGBA {
        switch kind {
        case .confident: return style.palette.accent
        case .uncertain: return style.palette.amber
        case .wrong: return style.palette.alert
        }
    }

    /// The panel's first row: `PREDICTION` and, once `shown` > 0, the verdict at that opacity.
    /// A confident answer is the digit large and its percentage; otherwise the headline
    /// (`9 or 4?`, `label 4 · predicted 9 ✗`) replaces the word PREDICTION, shrunk to fit.
    func paintPredictionHeader(_ v: Verdict, shown: Double, box: ScreenRect, _ f: FrameContext) {
        let c = f.context, s = f.scale, pal = style.palette
        let left = box.x + 24 * s, right = box.x + box.width - 24 * s
        let colour = verdictColour(v.kind)
        if v.kind == .confident || shown <= 0 {
            c.setFont(13 * s, bold: true)
            c.setColor(pal.muted)
            c.drawText("PREDICTION", x: left, y: box.y + 38 * s)
            guard shown > 0 else { return }
            c.setFontSize(22 * s)
            c.setColor(colour.withAlpha(shown))
            c.drawText(v.detail, x: right, y: box.y + 42 * s, align: .right)
            let pw = c.textExtents(v.detail).xAdvance
            c.setFontSize(32 * s)
            c.setColor(pal.text.withAlpha(shown))
            c.drawText(v.headline, x: right - pw - 14 * s, y: box.y + 44 * s, align: .right)
            return
        }
        c.setFont(18 * s)
        let detailW = c.textExtents(v.detail).xAdvance
        c.setColor(colour.withAlpha(shown))
        c.drawText(v.detail, x: right, y: box.y + 42 * s, align: .right)
        let room = right - detailW - 16 * s - left
        var size = (v.kind == .uncertain ? 28 : 20) * s
        c.setFont(size, bold: true)
        let natural = c.textExtents(v.headline).xAdvance
        if natural > room, natural > 0 { size *= room / natural }
        c.setFont(size, bold: true)
        c.drawText(v.headline, x: left, y: box.y + 43 * s)
    }

    /// The input thumbnail, pixel-crisp, captioned with its size and, when known, its label
    /// (red once the answer is shown and disagrees with it).
    func paintThumbnail(_ v: Verdict, shown: Double, box: ScreenRect, _ f: FrameContext) {
        let c = f.context, s = f.scale, pal = style.palette
        let t = 112 * s, tx = box.x + 24 * s, ty = box.y + 62 * s
        if let image = try? ImageSurface(width: scene.inputSide, height: scene.inputSide, bgra: thumbnail),
            scene.inputSide > 0
        {
            c.drawImage(image, x: tx, y: ty, width: t, height: t, filter: .nearest)
        }
        c.newPath()
        c.rectangle(tx - 0.5, ty - 0.5, t + 1, t + 1)
        c.setColor(pal.muted.withAlpha(0.8))
        c.setLineWidth(max(0.6, 1 * s))
        c.stroke()
        c.setFont(12 * s)
        c.setColor(pal.muted)
        c.drawText("input \(scene.inputSide)×\(scene.inputSide)", x: tx + t / 2, y: ty + t + 20 * s, align: .center)
        if let label = v.label {
            let wrong = v.isWrong && shown > 0
            c.setFont(13 * s, bold: wrong)
            c.setColor(wrong ? pal.alert.withAlpha(0.4 + 0.6 * shown) : pal.muted)
            c.drawText("label \(label)", x: tx + t / 2, y: ty + t + 40 * s, align: .center)
        }
    }
}
