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
        let side: Double = 1
        for (n, label) in layer.nodeLabels.enumerated() where n < grid.count {
            let offsetAlong = grid.colStep * (side > 0 ? 0.9 : -0.9)
            guard let q = f.projector.project(grid.cellCenter(n) + offsetAlong) else { continue }
            let winner = n == scene.prediction
            c.setFont((winner ? 15 : 14) * s, bold: winner)
            c.setColor(
                winner
                    ? style.palette.accent.withAlpha(0.4 + 0.6 * f.reveal[layer.index])
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
        }
    }

    // MARK: Prediction panel

    /// Bottom-right panel: the input thumbnail, ten probability bars, the winner highlighted.
    func paintPrediction(_ f: FrameContext) {
        guard let box = f.layout.prediction else { return }
        let c = f.context, s = f.scale, pal = style.palette
        let (x, y, w, h) = (box.x, box.y, box.width, box.height)
        let outputReveal = f.reveal.last ?? 1
        c.newPath()
        c.roundedRectangle(x, y, w, h, radius: 12 * s)
        c.setColor(pal.panel)
        c.fillPreserve()
        c.setColor(pal.border)
        c.setLineWidth(max(0.6, 1 * s))
        c.stroke()

        c.setFont(13 * s, bold: true)
        c.setColor(pal.muted)
        c.drawText("PREDICTION", x: x + 24 * s, y: y + 38 * s)
        let winner = scene.prediction
        let probability = winner < scene.probabilities.count ? Double(scene.probabilities[winner]) : 0
        if outputReveal > 0.5 {
            c.setFontSize(22 * s)
            c.setColor(pal.accent.withAlpha(min(1, (outputReveal - 0.5) * 2)))
            let pct = NumberFormat.percent(probability)
            c.drawText(pct, x: x + w - 24 * s, y: y + 42 * s, align: .right)
            let pw = c.textExtents(pct).xAdvance
            c.setFontSize(32 * s)
            c.setColor(pal.text.withAlpha(min(1, (outputReveal - 0.5) * 2)))
            c.drawText("\(winner)", x: x + w - 24 * s - pw - 14 * s, y: y + 44 * s, align: .right)
        }

        // Thumbnail of the input, pixel-crisp.
        let t = 112 * s, tx = x + 24 * s, ty = y + 62 * s
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

        // Ten bars.
        let bx = x + 176 * s, labelX = bx - 8 * s, trackW = 170 * s, rowH = 21 * s
        let top = y + 70 * s
        for d in 0..<min(10, scene.probabilities.count) {
            let ry = top + Double(d) * rowH
            let p = Double(scene.probabilities[d]) * outputReveal
            let isWinner = d == winner
            c.setFont(13 * s, bold: isWinner)
            c.setColor(isWinner ? pal.accent : pal.muted)
            c.drawText("\(d)", x: labelX, y: ry + 5 * s, align: .right)
            c.newPath()
            c.roundedRectangle(bx, ry - 4 * s, trackW, 9 * s, radius: 2 * s)
            c.setColor(pal.border.withAlpha(0.6))
            c.fill()
            let fillW = max(2 * s, trackW * min(max(p, 0), 1))
            c.newPath()
            c.roundedRectangle(bx, ry - 4 * s, fillW, 9 * s, radius: 2 * s)
            c.setColor(isWinner ? pal.accent : pal.muted.withAlpha(0.7))
            c.fill()
            c.setFont(11 * s, bold: isWinner)
            c.setColor(isWinner ? pal.text : pal.dim)
            c.drawText(NumberFormat.percent(Double(scene.probabilities[d])), x: x + w - 20 * s, y: ry + 4 * s, align: .right)
        }
    }
}
