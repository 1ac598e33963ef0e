import CairoGraphics
import Foundation
import Geometry
import SceneGraph

/// The `neuron` shot: the unit's receptive field traced back to the input as amber boxes on
/// every earlier layer, lines from the unit to the window it reads, and its arithmetic.
extension FrameRenderer {
    /// The receptive-field highlight of a planned neuron shot, faded by `amount`.
    func paintReceptiveField(_ shot: PlannedShot, amount: Double, _ f: FrameContext) {
        guard let arithmetic = shot.neuron else { return }
        let c = f.context, p = f.projector, s = f.scale, pal = style.palette
        let amber = pal.amber, accent = pal.accent
        let unitLayer = scene.layers[arithmetic.layer]
        let unitCentre = unitLayer.cellCenter(arithmetic.unit) + frontOffset(unitLayer, p, extra: 0.05)
        c.setLineJoin(.miter)
        // Boxes, farthest layer first.
        for (i, region) in shot.regions.enumerated().reversed() {
            let layer = scene.layers[region.layer]
            let offset = frontOffset(layer, p, extra: 0.05)
            let isUnit = i == 0
            for ch in region.channels where ch < layer.grids.count {
                let g = layer.grids[ch]
                let r0 = Double(region.rows.lowerBound), r1 = Double(region.rows.upperBound + 1)
                let c0 = Double(region.cols.lowerBound), c1 = Double(region.cols.upperBound + 1)
                let quad = [g.corner(row: r0, col: c0), g.corner(row: r0, col: c1), g.corner(row: r1, col: c1), g.corner(row: r1, col: c0)]
                let pts = p.projectPolygon(quad.map { $0 + offset })
                guard pts.count >= 3 else { continue }
                c.newPath()
                c.polygon(pts.map { ($0.x, $0.y) })
                c.setColor((isUnit ? accent : amber).withAlpha(0.16 * amount))
                c.fillPreserve()
                c.setColor((isUnit ? accent : amber).withAlpha(amount))
                c.setLineWidth(max(1, (isUnit ? 2.4 : 1.6) * s))
                c.stroke()
            }
        }
        // Lines from the unit to the corners of the window it reads.
        if shot.regions.count > 1 {
            let window = shot.regions[1]
            let layer = scene.layers[window.layer]
            let offset = frontOffset(layer, p, extra: 0.05)
            c.setLineWidth(max(0.6, 1 * s))
            c.setColor(amber.withAlpha(0.55 * amount))
            c.newPath()
            for ch in window.channels where ch < layer.grids.count {
                let g = layer.grids[ch]
                let r0 = Double(window.rows.lowerBound), r1 = Double(window.rows.upperBound + 1)
                let c0 = Double(window.cols.lowerBound), c1 = Double(window.cols.upperBound + 1)
                for corner in [
                    g.corner(row: r0, col: c0), g.corner(row: r0, col: c1), g.corner(row: r1, col: c1), g.corner(row: r1, col: c0),
                ] {
                    guard let (a, b) = p.projectSegment(unitCentre, corner + offset) else { continue }
                    c.moveTo(a.x, a.y)
                    c.lineTo(b.x, b.y)
                }
            }
            c.stroke()
        }
        // A dense unit: lines to its eight largest inputs, amber for positive terms, blue for negative.
        if case .dense(let top, _, _) = arithmetic.terms, arithmetic.layer >= 1 {
            let source = scene.layers[arithmetic.layer - 1]
            let offset = frontOffset(source, p, extra: 0.05)
            let largest = top.map { abs(Double($0.w * $0.x)) }.max() ?? 1
            for term in top {
                let product = Double(term.w * term.x)
                let colour = product >= 0 ? amber : Self.negativeTerm
                let cell = source.cellCenter(term.input) + offset
                let strength = largest > 0 ? abs(product) / largest : 1
                if let (a, b) = p.projectSegment(unitCentre, cell) {
                    c.setLineWidth(max(0.8, (0.8 + 2 * strength) * s))
                    c.setColor(colour.withAlpha((0.35 + 0.6 * strength) * amount))
                    c.newPath()
                    c.moveTo(a.x, a.y)
                    c.lineTo(b.x, b.y)
                    c.stroke()
                }
                if let q = p.project(cell) {
                    c.newPath()
                    c.arc(q.x, q.y, radius: max(2, 4 * s))
                    c.setColor(colour.withAlpha(amount))
                    c.fill()
                }
            }
        }
        // The unit itself.
        if let q = p.project(unitCentre) {
            c.newPath()
            c.arc(q.x, q.y, radius: max(3, 6 * s))
            c.setColor(accent.withAlpha(amount))
            c.setLineWidth(max(1, 2 * s))
            c.stroke()
        }
    }

    /// Negative terms in the neuron highlight and panel.
    static let negativeTerm = RGBA(0.47, 0.75, 1)

    /// Just in front of the face of `layer` that faces the camera.
    func frontOffset(_ layer: LayerNode, _ p: Projector, extra: Double) -> Vec3 {
        let n = scene.planeNormal
        let towardEye = n.dot(p.camera.eye) < layer.planeDistance ? -1.0 : 1.0
        return n * (towardEye * (layer.thickness / 2 + extra))
    }

    // MARK: The arithmetic panel

    /// The neuron's arithmetic in a panel: the terms, the sum, the bias, the activation
    /// function and the value the forward pass recorded.
    func paintNeuronPanel(_ a: NeuronArithmetic, in box: ScreenRect, alpha: Double, _ f: FrameContext) {
        let c = f.context, s = f.scale, pal = style.palette
        let pad = 22 * s
        var y = box.y + pad
        let x = box.x + pad, w = box.width - 2 * pad
        let height = panelHeight(a, scale: s, width: w)
        c.newPath()
        c.roundedRectangle(box.x, box.y, box.width, min(box.height, height + 2 * pad), radius: 12 * s)
        c.setColor(pal.panel.withAlpha(pal.panel.a * alpha))
        c.fillPreserve()
        c.setColor(pal.border.withAlpha(alpha))
        c.setLineWidth(max(0.6, 1 * s))
        c.stroke()
        c.drawText("NEURON", x: x, y: y + 12 * s, size: 13 * s, bold: true, color: pal.muted.withAlpha(alpha))
        c.drawText(a.title, x: x + w, y: y + 13 * s, size: 18 * s, bold: true, color: pal.accent.withAlpha(alpha), align: .right)
        y += 34 * s
        let line = 24 * s
        func row(_ left: String, _ right: String, colour: RGBA = pal.text, bold: Bool = false) {
            c.drawText(left, x: x, y: y + 16 * s, size: 16 * s, bold: bold, color: pal.muted.withAlpha(alpha))
            c.drawText(right, x: x + w, y: y + 16 * s, size: 16 * s, bold: bold, color: colour.withAlpha(alpha), align: .right)
            y += line
        }
        switch a.terms {
        case .patch(let side, let patch, let kernel):
            let gap = 34 * s
            let cell = min(44 * s, (w - gap) / Double(2 * side))
            let gridW = cell * Double(side)
            c.drawText("input patch", x: x, y: y + 12 * s, size: 13 * s, color: pal.muted.withAlpha(alpha))
            c.drawText("kernel", x: x + gridW + gap, y: y + 12 * s, size: 13 * s, color: pal.muted.withAlpha(alpha))
            y += 20 * s
            let top = y
            let maxWeight = kernel.compactMap { $0.map { abs($0) } }.max() ?? 1
            paintNumberGrid(patch, side: side, x: x, y: top, cell: cell, alpha: alpha, f) { v in
                let g = min(max(Double(v) * Double(a.normalization.std) + Double(a.normalization.mean), 0), 1)
                return RGBA(g, g, g)
            }
            c.drawText(
                "×", x: x + gridW + gap / 2, y: top + gridW / 2 + 8 * s, size: 22 * s, bold: true, color: pal.text.withAlpha(alpha),
                align: .center)
            paintNumberGrid(kernel, side: side, x: x + gridW + gap, y: top, cell: cell, alpha: alpha, f) { v in
                Self.diverging(Double(v) / Double(max(maxWeight, 1e-9)))
            }
            y = top + gridW + 16 * s
            row("Σ patch × kernel (\(patch.compactMap { $0 }.count) terms)", Self.number(a.sum))
        case .channels(let channels):
            for ch in channels.prefix(12) {
                row("channel \(ch.channel): Σ \(ch.terms) terms", Self.number(ch.sum), colour: ch.sum >= 0 ? pal.amber : Self.negativeTerm)
            }
            if channels.count > 12 {
                let rest = channels.dropFirst(12).reduce(0) { $0 + $1.sum }
                row("\(channels.count - 12) more channels", Self.number(rest))
            }
            row("Σ over \(channels.count) channels", Self.number(a.sum), bold: true)
        case .dense(let top, let restCount, let restSum):
            for term in top {
                let product = Double(term.w * term.x)
                row(
                    "x[\(term.input)] \(Self.number(Double(term.x))) × w \(Self.number(Double(term.w)))", Self.number(product),
                    colour: product >= 0 ? pal.amber : Self.negativeTerm)
            }
            if restCount > 0 { row("+ \(restCount) other terms", Self.number(restSum)) }
            row("Σ all \(top.count + restCount) terms", Self.number(a.sum), bold: true)
        case .pool(let side, let window):
            let cell = min(44 * s, w / Double(max(side, 1)) / 2)
            paintNumberGrid(window.map { Optional($0) }, side: side, x: x, y: y, cell: cell, alpha: alpha, f) { _ in pal.border }
            y += cell * Double(side) + 12 * s
            row("largest of the \(side)×\(side) window", Self.number(a.sum), bold: true)
        }
        if a.hasBias {
            row("+ bias", Self.number(a.bias))
            row("= before \(a.activation ?? "output")", Self.number(a.preActivation), bold: true)
        }
        if let activation = a.activation {
            let shown = activation == "ReLU" ? "max(0, \(Self.number(a.preActivation)))" : activation
            row("\(activation) → \(shown == activation ? "value" : shown)", Self.number(Double(a.value)), colour: pal.accent, bold: true)
        } else {
            row("value", Self.number(Double(a.value)), colour: pal.accent, bold: true)
        }
    }

    /// The panel's content height (for its background).
    func panelHeight(_ a: NeuronArithmetic, scale s: Double, width w: Double) -> Double {
        var h = 34 * s
        let line = 24 * s
        switch a.terms {
        case .patch(let side, _, _):
            let cell = min(44 * s, (w - 34 * s) / Double(2 * side))
            h += 20 * s + cell * Double(side) + 16 * s + line
        case .channels(let channels): h += line * Double(min(channels.count, 12) + (channels.count > 12 ? 1 : 0) + 1)
        case .dense(let top, let rest, _): h += line * Double(top.count + (rest > 0 ? 1 : 0) + 1)
        case .pool(let side, _): h += min(44 * s, w / Double(max(side, 1)) / 2) * Double(side) + 12 * s + line
        }
        if a.hasBias { h += 2 * line }
        return h + line
    }

    /// A `side`×`side` grid of numbers, each cell filled by `colour` (nil cells: padding, a
    /// middle dot).
    func paintNumberGrid(
        _ values: [Float?], side: Int, x: Double, y: Double, cell: Double, alpha: Double, _ f: FrameContext,
        colour: (Float) -> RGBA
    ) {
        let c = f.context, s = f.scale, pal = style.palette
        c.selectFont(Typeface.condensed, weight: .bold)
        c.setFontSize(min(13 * s, cell * 0.32))
        for r in 0..<side {
            for k in 0..<side {
                let i = r * side + k
                let cx = x + Double(k) * cell, cy = y + Double(r) * cell
                let value = i < values.count ? values[i] : nil
                let fill = value.map(colour) ?? pal.inset
                c.newPath()
                c.rectangle(cx + 0.5, cy + 0.5, cell - 1, cell - 1)
                c.setColor(fill.withAlpha(alpha))
                c.fill()
                let light = (fill.r * 0.3 + fill.g * 0.59 + fill.b * 0.11) < 0.55
                c.setColor((light ? pal.text : RGBA(0.05, 0.07, 0.09)).withAlpha(alpha))
                c.drawText(
                    value.map { String(format: "%.2f", Double($0)) } ?? "·", x: cx + cell / 2, y: cy + cell / 2 + 4 * s, align: .center)
            }
        }
    }

    /// Red (negative) – dark – blue (positive) for `t` in −1…1.
    static func diverging(_ t: Double) -> RGBA {
        let u = min(max(t, -1), 1)
        let neutral = RGBA(0.16, 0.18, 0.21)
        return u >= 0 ? neutral.mixed(with: RGBA(0.26, 0.52, 0.96), u) : neutral.mixed(with: RGBA(0.93, 0.33, 0.31), -u)
    }

    /// A signed number with three decimals (a real minus sign).
    static func number(_ v: Double) -> String {
        let text = String(format: "%.3f", v)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }
}
