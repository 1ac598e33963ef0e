import CairoGraphics
import Geometry
import SceneGraph

/// Layer labels (name and shape) and the operation captions between layers, placed by one
/// pass (`LabelPlan`) before any is drawn: never over another label, a slab, a floor
/// footprint or an overlay panel; faded as their layer disappears behind nearer slabs
/// (end-on views of a full turn) and left out once it is mostly hidden.
extension FrameRenderer {
    /// Smallest label text in pixels: 11 px from 720 rows up, scaled down with smaller frames.
    public static func minimumLabelText(height: Double) -> Double { 11 * min(1, height / 720) }

    /// Label type sizes (pixels) for a frame: layer name, shape line, caption.
    struct LabelType {
        var name: Double, shape: Double, caption: Double
        init(scale s: Double, height: Double) {
            let least = FrameRenderer.minimumLabelText(height: height)
            name = max(17 * s, least); shape = max(14 * s, least); caption = max(12 * s, least)
        }
        /// Height of a layer label's box (name line, shape line and a little air).
        var layerHeight: Double { name + shape + 6 }
        /// Height of a caption's box: the text, then the arrow below it with room for descenders.
        var captionHeight: Double { caption + 12 * Self.captionSpacing(caption) }
        /// How much the caption's gaps grow with its text: 1 up to 12 px text (720p and
        /// smaller frames keep their layout), in proportion above (4K text is 36 px).
        static func captionSpacing(_ size: Double) -> Double { max(1, size / 12) }
    }

    /// The label plan of one frame seen by `camera` (see `LabelPlan`); `reveal` as in `render`.
    public func labelPlan(camera: Camera, width: Int, height: Int, reveal: Double? = nil) throws -> LabelPlan {
        let surface = try ImageSurface(width: 1, height: 1)
        let context = try Context(surface)
        let projector = camera.projector(width: width, height: height)
        let amounts = reveal.map { scene.revealAmounts(progress: $0) } ?? Array(repeating: 1, count: scene.layers.count)
        let frame = FrameContext(
            context: context, projector: projector, layout: layout(width: width, height: height),
            reveal: amounts, dimming: dimming(projector), pixels: nil)
        return labelPlan(frame)
    }

    /// `extra`: more rectangles to keep labels off (a tour's caption band and neuron panel).
    func labelPlan(_ f: FrameContext, avoiding extra: [ScreenRect] = []) -> LabelPlan {
        let c = f.context, p = f.projector
        let type = LabelType(scale: f.scale, height: f.height)
        let slabs = slabOutlines(p)
        let visible = layerVisibility(p, outlines: slabs)
        let obstacles = slabs + footprintOutlines(p, width: max(2, 3 * f.scale))
        let panels = [f.layout.title, f.layout.legend, f.layout.prediction].compactMap { $0?.outset(by: 4 * f.scale) } + extra
        let bounds = ScreenRect(x: 0, y: 0, width: f.width, height: f.height).outset(by: -4 * f.scale)
        var requests: [[ScreenRect]] = []
        var owners: [(LabelPlan.Label.Kind, Int, Double)] = []
        let bottoms = scene.layers.map { p.project($0.labelAnchor) }
        // Layer labels first, in data-flow order: below the slab, a little lower, or above it.
        for (i, layer) in scene.layers.enumerated() {
            let alpha = labelAlpha(visibility: visible[i]) * (0.35 + 0.65 * f.reveal[i])
            guard alpha > 0.02, let a = bottoms[i] else { continue }
            c.setFont(type.name, bold: true)
            let nameWidth = c.textExtents(layer.name.rawValue).xAdvance
            c.setFont(type.shape)
            let w = max(nameWidth, c.textExtents(layer.shapeLabel).xAdvance) + 8
            // Under the slab (then a little lower, then nudged sideways), else over it.
            var candidates: [ScreenRect] = []
            for drop in [0.0, 8, 16] {
                for shift in [0.0, -0.3, 0.3] {
                    candidates.append(
                        ScreenRect(x: a.x - w / 2 + shift * w, y: a.y + (2 + drop) * f.scale, width: w, height: type.layerHeight))
                }
            }
            let topAnchor = Vec3(layer.labelAnchor.x, layer.bounds.max.y + 2.5, layer.labelAnchor.z)
            if let t = p.project(topAnchor) {
                for lift in [0.0, 8] {
                    candidates.append(
                        ScreenRect(x: t.x - w / 2, y: t.y - type.layerHeight - (2 + lift) * f.scale, width: w, height: type.layerHeight))
                }
            }
            requests.append(candidates)
            owners.append((.layer, i, alpha))
        }
        // Then the captions, halfway between two layers' labels or lower, nudged sideways if need be.
        for (i, layer) in scene.layers.enumerated() where i > 0 && !layer.caption.isEmpty {
            let alpha = labelAlpha(visibility: min(visible[i], visible[i - 1])) * (0.35 + 0.65 * f.reveal[i])
            guard alpha > 0.02, let a = bottoms[i], let b = bottoms[i - 1] else { continue }
            c.setFont(type.caption)
            let w = max(c.textExtents(layer.caption).xAdvance, 28 * f.scale) + 8
            let mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2
            var candidates: [ScreenRect] = []
            for drop in stride(from: 0.0, through: 140, by: 14) {
                for shift in [0.0, -0.25, 0.25] {
                    candidates.append(
                        ScreenRect(x: mx - w / 2 + shift * w, y: my + drop * f.scale - 6, width: w, height: type.captionHeight))
                }
            }
            requests.append(candidates)
            owners.append((.caption, i, alpha))
        }
        let picks = LabelPlan.place(requests, obstacles: obstacles, panels: panels, bounds: bounds)
        var labels: [LabelPlan.Label] = []
        for (k, pick) in picks.enumerated() {
            guard let pick else { continue }
            labels.append(LabelPlan.Label(kind: owners[k].0, layer: owners[k].1, box: requests[k][pick], alpha: owners[k].2))
        }
        return LabelPlan(labels: labels, obstacles: obstacles, panels: panels)
    }

    /// A label's opacity for its layer's visible share: full above 60 %, gone below 25 %.
    func labelAlpha(visibility v: Double) -> Double {
        min(max((v - 0.25) / 0.35, 0), 1)
    }

    /// Per layer, the share of its slab (sampled on a 7×7 grid of its face) not covered on
    /// screen by nearer slabs; `outlines`: `slabOutlines(p)` when the caller has them.
    func layerVisibility(_ p: Projector, outlines known: [[ScreenPoint]]? = nil) -> [Double] {
        let n = scene.planeNormal
        let eyeX = n.dot(p.camera.eye)
        let outlines = known ?? slabOutlines(p)
        let nearness = scene.layers.map { abs(eyeX - $0.planeDistance) }
        return scene.layers.indices.map { i in
            let layer = scene.layers[i]
            let corners = layer.grids.flatMap(\.outline)
            let col = (layer.grids.first?.colStep ?? .unitZ).normalized
            let centre = Vec3(layer.planeX, 0, 0)
            let along = corners.map { col.dot($0 - centre) }, heights = corners.map(\.y)
            guard let a0 = along.min(), let a1 = along.max(), let h0 = heights.min(), let h1 = heights.max() else { return 1 }
            var seen = 0, total = 0
            for u in 0..<7 {
                for v in 0..<7 {
                    let q =
                        centre + col * (a0 + (a1 - a0) * (Double(u) + 0.5) / 7)
                        + Vec3(0, h0 + (h1 - h0) * (Double(v) + 0.5) / 7 - centre.y, 0)
                    guard let s = p.project(q) else { continue }
                    total += 1
                    let covered = scene.layers.indices.contains { j in
                        j != i && nearness[j] < nearness[i] && Self.inside(s, outlines[j])
                    }
                    if !covered { seen += 1 }
                }
            }
            return total == 0 ? 0 : Double(seen) / Double(total)
        }
    }

    /// Each slab's screen outline: the convex hull of its maps' corners on both faces.
    func slabOutlines(_ p: Projector) -> [[ScreenPoint]] {
        scene.layers.map { layer in
            let pts = slabCorners(layer).compactMap { p.project($0) }.map { ($0.x, $0.y) }
            return ScreenGeometry.convexHull(pts).map { ScreenPoint(x: $0.0, y: $0.1, depth: 0) }
        }
    }

    /// Each floor footprint as a thin screen quad `width` pixels across.
    func footprintOutlines(_ p: Projector, width: Double) -> [[ScreenPoint]] {
        guard style.showFloor else { return [] }
        return scene.layers.compactMap { layer in
            guard let (a, b) = footprint(layer, p) else { return nil }
            let dx = b.x - a.x, dy = b.y - a.y, l = max((dx * dx + dy * dy).squareRoot(), 1e-9)
            let nx = -dy / l * width / 2, ny = dx / l * width / 2
            return [
                ScreenPoint(x: a.x + nx, y: a.y + ny, depth: 0), ScreenPoint(x: b.x + nx, y: b.y + ny, depth: 0),
                ScreenPoint(x: b.x - nx, y: b.y - ny, depth: 0), ScreenPoint(x: a.x - nx, y: a.y - ny, depth: 0),
            ]
        }
    }

    /// Whether `s` lies inside the convex polygon `poly` (either winding).
    static func inside(_ s: ScreenPoint, _ poly: [ScreenPoint]) -> Bool {
        guard poly.count >= 3 else { return false }
        var sign = 0.0
        for i in poly.indices {
            let a = poly[i], b = poly[(i + 1) % poly.count]
            let cross = (b.x - a.x) * (s.y - a.y) - (b.y - a.y) * (s.x - a.x)
            if cross == 0 { continue }
            if sign == 0 { sign = cross } else if (cross > 0) != (sign > 0) { return false }
        }
        return true
    }

    /// Draws the planned labels and captions, kept off `extra` rectangles too.
    func paintLabels(_ f: FrameContext, avoiding extra: [ScreenRect] = []) {
        let plan = labelPlan(f, avoiding: extra)
        let c = f.context, pal = style.palette
        let type = LabelType(scale: f.scale, height: f.height)
        for label in plan.labels {
            let layer = scene.layers[label.layer]
            let box = label.box
            // A soft backing keeps the text readable over contribution lines and the floor grid.
            c.newPath()
            c.roundedRectangle(box.x, box.y, box.width, box.height, radius: 3 * f.scale)
            c.setColor(pal.background.withAlpha(0.55 * label.alpha))
            c.fill()
            switch label.kind {
            case .layer:
                c.setFont(type.name, bold: true)
                c.setColor(pal.text.withAlpha(label.alpha))
                c.drawText(layer.name.rawValue, x: box.midX, y: box.y + type.name + 1, align: .center)
                c.setFont(type.shape)
                c.setColor(pal.muted.withAlpha(label.alpha))
                c.drawText(layer.shapeLabel, x: box.midX, y: box.y + type.name + type.shape + 3, align: .center)
            case .caption:
                paintCaption(layer.caption, in: box, size: type.caption, alpha: label.alpha, f)
            }
        }
        for layer in scene.layers where !layer.nodeLabels.isEmpty { paintNodeLabels(layer, f) }
    }

    /// The operation between two layers: small muted text over an arrow, inside `box`.
    func paintCaption(_ text: String, in box: ScreenRect, size: Double, alpha: Double, _ f: FrameContext) {
        let c = f.context, s = f.scale
        c.setFont(size)
        c.setColor(style.palette.muted.withAlpha(alpha))
        let baseline = box.y + size + 1
        c.drawText(text, x: box.midX, y: baseline, align: .center)
        let k = LabelType.captionSpacing(size)
        let y = min(baseline + 6 * k, box.maxY - 2 * k), half = 14 * s, mx = box.midX
        c.setLineWidth(max(0.8, 1 * s))
        c.newPath()
        c.moveTo(mx - half, y); c.lineTo(mx + half, y)
        c.moveTo(mx + half - 4 * s, y - 3 * s); c.lineTo(mx + half, y); c.lineTo(mx + half - 4 * s, y + 3 * s)
        c.stroke()
    }
}
