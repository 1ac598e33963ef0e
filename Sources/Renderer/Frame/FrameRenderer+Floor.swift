import CairoGraphics
import Geometry
import SceneGraph

extension FrameRenderer {
    // MARK: Background and floor

    /// The palette's radial gradient over the whole frame.
    func paintBackgroundGradient(_ c: Context, width: Double, height: Double) {
        let p = style.palette
        if p.gradientCenter == p.gradientEdge {
            c.setColor(p.gradientCenter)
        } else {
            let r = (width * width + height * height).squareRoot() / 2
            c.setRadialGradient(
                cx0: width * 0.45, cy0: height * 0.42, r0: 0, cx1: width * 0.45, cy1: height * 0.42,
                r1: r, stops: [(0, p.gradientCenter), (0.55, p.background), (1, p.gradientEdge)])
        }
        c.newPath()
        c.rectangle(0, 0, width, height)
        c.fill()
    }

    /// A faint grid on the floor that fades out with distance from the network (so it never
    /// ends in a hard line mid-frame), and under each slab its footprint joined to the
    /// slab's bottom corners by two faint drop lines. `gridDone`: the grid is already drawn
    /// (`render` composites it into the pixels with the background).
    func paintFloor(_ f: FrameContext, gridDone: Bool = false) {
        f.context.setLineWidth(floorLineWidth(scale: f.scale))
        if !gridDone {
            strokeSegments(floorGridSegments(f.projector), width: floorLineWidth(scale: f.scale), f)
        }
        let mark = style.palette.muted
        for (i, layer) in scene.layers.enumerated() {
            paintFootprint(layer, strength: 0.2 + 0.25 * f.reveal[i], colour: mark, f)
        }
    }

    /// Width in pixels of the floor grid's lines at overlay scale `scale`.
    func floorLineWidth(scale: Double) -> Double { max(0.6, 1 * scale) }

    /// The floor grid's lines as short projected pieces, each as strong as its middle's
    /// distance from the network says (in drawing order).
    func floorGridSegments(_ p: Projector) -> [(ScreenPoint, ScreenPoint, RGBA)] {
        let y = floorY
        let b = scene.bounds
        let step = 20.0
        let centre = Vec3(b.center.x, y, b.center.z)
        // Full strength inside the network's own footprint, gone `fade` beyond it.
        let reach = max(b.size.x, b.size.z) / 2 + step
        let fade = 2.5 * step
        let x0 = ((centre.x - reach - fade) / step).rounded(.down) * step
        let x1 = ((centre.x + reach + fade) / step).rounded(.up) * step
        let z0 = ((centre.z - reach - fade) / step).rounded(.down) * step
        let z1 = ((centre.z + reach + fade) / step).rounded(.up) * step
        let line = style.palette.border
        func strength(_ q: Vec3) -> Double {
            let d = max(abs(q.x - centre.x), abs(q.z - centre.z))
            let t = min(max((d - reach) / fade, 0), 1)
            return 0.32 * (1 - t * t * (3 - 2 * t))
        }
        var segments: [(ScreenPoint, ScreenPoint, RGBA)] = []
        /// One grid line as short pieces, each as strong as its middle's distance says.
        func gridLine(_ from: Vec3, _ to: Vec3) {
            let pieces = 12
            for k in 0..<pieces {
                let a = from.lerp(to: to, Double(k) / Double(pieces)), e = from.lerp(to: to, Double(k + 1) / Double(pieces))
                let alpha = strength(a.lerp(to: e, 0.5))
                guard alpha > 0.004, let (sa, se) = p.projectSegment(a, e) else { continue }
                segments.append((sa, se, line.withAlpha(alpha)))
            }
        }
        var x = x0
        while x <= x1 {
            gridLine(Vec3(x, y, z0), Vec3(x, y, z1))
            x += step
        }
        var z = z0
        while z <= z1 {
            gridLine(Vec3(x0, y, z), Vec3(x1, y, z))
            z += step
        }
        return segments
    }

    /// The floor grid of a `width`×`height` frame seen through `p` as one batch of pixel
    /// writes (what `strokeSegments` would composite).
    func floorGridBatch(_ p: Projector, scale: Double, width: Int, height: Int) -> SolidBatch {
        segmentBatch(floorGridSegments(p), width: floorLineWidth(scale: scale), targetWidth: width, targetHeight: height)
    }

    /// One slab's footprint, drawn as the concept does: the slab's shadow on the floor (as
    /// wide as the slab is thick) filled and outlined, a faint curtain from the slab's bottom
    /// edge down to it, and dashed drop lines at both ends, so it reads as the slab's own
    /// mark on the floor rather than a loose stroke.
    func paintFootprint(_ layer: LayerNode, strength: Double, colour mark: RGBA, _ f: FrameContext) {
        let c = f.context, p = f.projector
        let ends = footprintEnds(layer)
        let n = scene.planeNormal * (max(layer.thickness, 0.8) / 2)
        let bottom = layer.bounds.min.y
        let tops = [Vec3(ends.0.x, bottom, ends.0.z), Vec3(ends.1.x, bottom, ends.1.z)]
        // The curtain: the vertical band under the slab, stronger toward the floor.
        if let t0 = p.project(tops[0]), let t1 = p.project(tops[1]), let e0 = p.project(ends.0), let e1 = p.project(ends.1) {
            fillFaded(
                [t0, t1, e1, e0], color: mark.withAlpha(strength * 0.16), top: min(t0.y, t1.y), bottom: max(e0.y, e1.y), f)
        }
        let quad = [ends.0 - n, ends.1 - n, ends.1 + n, ends.0 + n].compactMap { p.project($0) }
        if quad.count == 4 {
            c.newPath()
            c.polygon(quad.map { ($0.x, $0.y) })
            c.setColor(mark.withAlpha(strength * 0.6))
            c.fillPreserve()
            c.setLineWidth(max(0.6, 0.9 * f.scale))
            c.setColor(mark.withAlpha(strength * 1.2))
            c.stroke()
        }
        // Dashed drop lines from the slab's bottom corners to the footprint's ends.
        c.setLineWidth(max(0.6, 0.9 * f.scale))
        c.setColor(mark.withAlpha(strength * 0.8))
        c.setDash([3 * f.scale, 3 * f.scale])
        c.newPath()
        for (top, end) in zip(tops, [ends.0, ends.1]) {
            guard let (s0, s1) = p.projectSegment(top, end) else { continue }
            c.moveTo(s0.x, s0.y); c.lineTo(s1.x, s1.y)
        }
        c.stroke()
        c.setDash([])
    }

    /// Where the floor is drawn: `floorDrop` below the scene's floor, leaving room for a
    /// layer's two label lines between its slab and its footprint.
    var floorY: Double { scene.floorY - Self.floorDrop }
    static let floorDrop = 6.0

    /// The two floor points under a slab's leftmost and rightmost columns.
    func footprintEnds(_ layer: LayerNode) -> (Vec3, Vec3) {
        let ends = layer.grids.flatMap(\.outline)
        let dir = (layer.grids.first?.colStep ?? Vec3(0, 0, 1)).normalized
        let centre = Vec3(layer.planeX, floorY, 0)
        let along = ends.map { dir.dot($0 - centre) }
        return (centre + dir * (along.min() ?? 0), centre + dir * (along.max() ?? 0))
    }

    /// A slab's footprint on screen, end to end.
    func footprint(_ layer: LayerNode, _ p: Projector) -> (ScreenPoint, ScreenPoint)? {
        let ends = footprintEnds(layer)
        return p.projectSegment(ends.0, ends.1)
    }
}
