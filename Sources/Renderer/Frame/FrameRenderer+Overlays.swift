import CairoGraphics
import Geometry
import SceneGraph

/// The frame's flat layer: labels, title, legend and prediction panel.
extension FrameRenderer {
    // MARK: Layer labels

    /// Name and shape under each layer, the operation between layers, digits beside the
    /// output column. Where the view squeezes layers together (end-on views in an orbit),
    /// a label or caption that would overlap one already drawn is left out rather than
    /// printed over it: layer labels first in data-flow order, then the captions.
    func paintLabels(_ f: FrameContext) {
        let c = f.context, p = f.projector, s = f.scale, pal = style.palette
        let anchors = scene.layers.map { p.project($0.labelAnchor) }
        var taken: [ScreenRect] = []
        func free(_ box: ScreenRect) -> Bool { !taken.contains { $0.intersects(box) } }
        for (i, layer) in scene.layers.enumerated() {
            guard let a = anchors[i] else { continue }
            c.setFont(17 * s, bold: true)
            let nameWidth = c.textExtents(layer.name.rawValue).xAdvance
            c.setFont(14 * s)
            let shapeWidth = c.textExtents(layer.shapeLabel).xAdvance
            let w = max(nameWidth, shapeWidth)
            let box = ScreenRect(x: a.x - w / 2, y: a.y + 2 * s, width: w, height: 37 * s)
            guard free(box) else { continue }
            taken.append(box)
            let alpha = 0.35 + 0.65 * f.reveal[i]
            c.setFont(17 * s, bold: true)
            c.setColor(pal.text.withAlpha(alpha))
            c.drawText(layer.name.rawValue, x: a.x, y: a.y + 17 * s, align: .center)
            c.setFont(14 * s)
            c.setColor(pal.muted.withAlpha(alpha))
            c.drawText(layer.shapeLabel, x: a.x, y: a.y + 35 * s, align: .center)
        }
        for (i, layer) in scene.layers.enumerated() {
            if i > 0, let a = anchors[i], let b = anchors[i - 1], !layer.caption.isEmpty {
                c.setFont(12 * s)
                let w = max(c.textExtents(layer.caption).xAdvance, 28 * s)
                let mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2 + 4 * s
                // Halfway between the layers' labels; lower down when that spot is taken.
                for drop in [0.0, 30, 48, 64] {
                    let box = ScreenRect(x: mx - w / 2, y: my + (drop - 10) * s, width: w, height: 24 * s)
                    guard free(box) else { continue }
                    taken.append(box)
                    paintCaption(layer.caption, at: (mx, my + drop * s), alpha: 0.35 + 0.65 * f.reveal[i], f)
                    break
                }
            }
            if !layer.nodeLabels.isEmpty { paintNodeLabels(layer, f) }
        }
    }

    /// The operation between two layers: small dim text over an arrow.
    /// `at` is the text's centre baseline.
    func paintCaption(_ text: String, at point: (x: Double, y: Double), alpha: Double, _ f: FrameContext) {
        let c = f.context, s = f.scale
        let mx = point.x, my = point.y
        c.setFont(12 * s)
        c.setColor(style.palette.dim.withAlpha(alpha))
        c.drawText(text, x: mx, y: my, align: .center)
        let y = my + 10 * s, half = 14 * s
        c.setLineWidth(max(0.6, 1 * s))
        c.newPath()
        c.moveTo(mx - half, y); c.lineTo(mx + half, y)
        c.moveTo(mx + half - 4 * s, y - 3 * s); c.lineTo(mx + half, y); c.lineTo(mx + half - 4 * s, y + 3 * s)
        c.stroke()
    }

    /// Digits 0–9 to the right of the output nodes; the winner bold in the accent colour.
    func paintNodeLabels(_ layer: LayerNode, _ f: FrameContext) {
        guard let grid = layer.grids.first else { return }
        let c = f.context, s = f.scale
        let side: Double = 1
        for (n, label) in layer.nodeLabels.enumerated() where n < grid.count {
            let offsetAlong = grid.colStep * (side > 0 ? 0.9 : -0.9)
            guard let q = f.projector.project(grid.cellCenter(n) + offsetAlong) else { continue }
            // The winner is singled out only once the output layer lights up.
            let winner = n == scene.prediction && f.reveal[layer.index] > 0
            c.setFont((winner ? 15 : 14) * s, bold: winner)
            c.setColor(
                winner
                    ? verdictColour(verdict.kind).withAlpha(0.4 + 0.6 * f.reveal[layer.index])
                    : style.palette.muted.withAlpha(0.35 + 0.65 * f.reveal[layer.index]))
            let flip = q.x < (f.projector.project(grid.cellCenter(n))?.x ?? q.x)
            c.drawText(label, x: q.x + (flip ? -6 : 6) * s, y: q.y + 5 * s, align: flip ? .right : .left)
        }
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
