import CairoGraphics
import Geometry
import SceneGraph

extension FrameRenderer {
    /// Layers and edge spans back to front.
    ///
    /// Every slab is one of a set of parallel planes (normal `scene.planeNormal`) and every
    /// edge lies between two neighbouring planes, so painter's order is by distance from
    /// the eye along that normal. A gap's contribution lines start on the visible face of
    /// the slab nearer the eye (the concept's input pixels feeding conv1), so each gap is
    /// drawn just after that nearer slab: over it and the farther one, under every slab
    /// nearer still. A gap that contains the eye is cut there, each half drawn after its
    /// own slab. `eyeX` is the eye's coordinate along the normal.
    func sortedItems(eyeX: Double) -> [(key: Double, item: SortedItem)] {
        var items: [(Double, SortedItem)] = scene.layers.indices.map { (abs(eyeX - scene.layers[$0].planeDistance), .layer($0)) }
        if style.showEdges {
            // Just nearer than the slab it is drawn over.
            let after = 1e-6
            for g in 0..<max(scene.layers.count - 1, 0) {
                let lo = scene.layers[g].planeDistance, hi = scene.layers[g + 1].planeDistance
                if eyeX > lo && eyeX < hi {
                    items.append((abs(eyeX - lo) - after, .edges(gap: g, xLow: lo, xHigh: eyeX)))
                    items.append((abs(eyeX - hi) - after, .edges(gap: g, xLow: eyeX, xHigh: hi)))
                } else {
                    items.append((min(abs(eyeX - lo), abs(eyeX - hi)) - after, .edges(gap: g, xLow: lo, xHigh: hi)))
                }
            }
        }
        // Far first; ties (never expected) broken by order for determinism.
        return items.enumerated().sorted { a, b in
            a.element.0 != b.element.0 ? a.element.0 > b.element.0 : a.offset < b.offset
        }.map { ($0.element.0, $0.element.1) }
    }

    /// Offset from layer `i`'s centre plane to its face toward the eye.
    func visibleFace(_ i: Int, _ p: Projector) -> Vec3 {
        let layer = scene.layers[i], n = scene.planeNormal
        let towardEye = n.dot(p.camera.eye) < layer.planeDistance ? -1.0 : 1.0
        return n * (towardEye * layer.thickness / 2)
    }

    func paintSorted(_ f: FrameContext) {
        for (_, item) in sortedItems(eyeX: scene.planeNormal.dot(f.projector.camera.eye)) {
            switch item {
            case let .layer(i): paintLayer(i, f)
            case let .edges(gap, lo, hi): paintEdges(gap: gap, xLow: lo, xHigh: hi, f)
            }
        }
    }

    // MARK: Edges

    /// Contribution lines of gap `gap` clipped to `xLow…xHigh` (coordinates along the plane
    /// normal), opacity and width by strength.
    func paintEdges(gap: Int, xLow: Double, xHigh: Double, _ f: FrameContext) {
        paintRunnerUpEdges(gap: gap, xLow: xLow, xHigh: xHigh, f)
        let c = f.context, p = f.projector
        let target = gap + 1
        let amount = f.reveal[target]
        guard amount > 0.001 else { return }
        let color = style.palette.accent.mixed(with: style.palette.background, f.dimming[target] * 0.5)
        c.setLineCap(.round)
        // Edges are grouped into eight strength bands, each stroked as one path.
        let bands = 8
        var paths = [[(ScreenPoint, ScreenPoint)]](repeating: [], count: bands)
        // Both ends on the faces the eye sees (the span between the planes is unchanged).
        let fromFace = visibleFace(gap, p), toFace = visibleFace(target, p)
        for e in scene.edges where e.fromLayer == gap {
            let from = shown(e.from, layer: gap, p) + fromFace, to = shown(e.to, layer: target, p) + toFace
            guard let segment = clippedSpan(from, to, gap: gap, xLow: xLow, xHigh: xHigh, p) else { continue }
            paths[min(bands - 1, Int(e.strength * Double(bands)))].append(segment)
        }
        for (band, segments) in paths.enumerated() where !segments.isEmpty {
            let s = (Double(band) + 0.5) / Double(bands)
            strokeRoundBand(
                segments, width: max(0.5, (0.6 + 1.2 * s) * f.scale), color: color.withAlpha(amount * (0.12 + 0.68 * s)), f)
        }
        if style.showFields { paintFieldLines(gap: gap, xLow: xLow, xHigh: xHigh, f) }
    }

    /// The part of segment `a`–`b` (from layer `gap` to the next) on the `xLow…xHigh` side
    /// of the eye, projected. Only a cut at the eye (a bound that is not one of the gap's
    /// planes) trims the segment: its ends sit on slab faces, a little beyond the planes.
    func clippedSpan(_ a: Vec3, _ b: Vec3, gap: Int, xLow: Double, xHigh: Double, _ p: Projector) -> (ScreenPoint, ScreenPoint)? {
        let n = scene.planeNormal
        let a0 = n.dot(a), dx = n.dot(b) - a0
        guard dx != 0 else { return nil }
        let lo = xLow == scene.layers[gap].planeDistance ? -Double.infinity : xLow
        let hi = xHigh == scene.layers[gap + 1].planeDistance ? Double.infinity : xHigh
        let ta = (lo - a0) / dx, tb = (hi - a0) / dx
        let t0 = max(0, min(ta, tb)), t1 = min(1, max(ta, tb))
        guard t1 > t0 else { return nil }
        return p.projectSegment(a.lerp(to: b, t0), a.lerp(to: b, t1))
    }

    // MARK: Layers

    func paintLayer(_ i: Int, _ f: FrameContext) {
        let layer = scene.layers[i]
        let prep = prepared[i]
        let p = f.projector
        // The face toward the eye carries the activations; seen from behind (a full turn)
        // the layer is drawn mirrored, so its maps read as from the front, and dimmer.
        let front = visibleFace(i, p), back = front * -1
        let fromBehind = seenFromBehind(i, p)
        let dim = fromBehind ? 1 - (1 - f.dimming[i]) * (1 - Self.backFaceDimming) : f.dimming[i]
        let amount = f.reveal[i]
        let bg = style.palette.background
        let dormant = prep.colormap.table[0].mixed(with: bg, layer.kind == .input ? 0.2 : 0.55)
        for (g, original) in layer.grids.enumerated() {
            let grid = fromBehind ? mirrored(original, layer: i) : original
            let tone: (Int) -> RGBA = { level in
                let lit = prep.colormap.table[level]
                return (amount >= 1 ? lit : lit.mixed(with: dormant, 1 - amount)).mixed(with: bg, dim)
            }
            if grid.fill >= 1 {
                paintSlabSides(grid: grid, front: front, back: back, color: tone(0).mixed(with: bg, 0.45), f)
                let border = (layer.kind == .input ? style.palette.muted : style.palette.border).withAlpha(0.9)
                paintBorder(grid: grid, offset: front, color: border, f)
                paintLattice(grid: grid, offset: front, runs: prep.grids[g], tone: tone, f)
            } else {
                paintNodes(grid: grid, front: front, back: back, runs: prep.grids[g], tone: tone, f)
            }
        }
        paintFieldBoxes(layer: i, face: front, f)
        if layer.kind == .output, amount > 0.5 {
            var shown = layer
            if fromBehind { shown.grids = layer.grids.map { mirrored($0, layer: i) } }
            paintWinnerGlow(layer: shown, offset: front, alpha: (amount - 0.5) * 2, f)
        }
    }

    /// How much a layer seen from behind is blended toward the background.
    static let backFaceDimming = 0.35

    /// Whether the eye is on the far side of layer `i` (its maps would read mirrored).
    func seenFromBehind(_ i: Int, _ p: Projector) -> Bool {
        scene.planeNormal.dot(p.camera.eye) > scene.layers[i].planeDistance
    }

    /// `point` of layer `i` where it is drawn: reflected across the layer's vertical centre
    /// line when the layer is seen from behind (so lines meet the mirrored cells).
    func shown(_ point: Vec3, layer i: Int, _ p: Projector) -> Vec3 {
        guard seenFromBehind(i, p) else { return point }
        let layer = scene.layers[i]
        let col = (layer.grids.first?.colStep ?? .unitZ).normalized
        let centre = Vec3(layer.planeX, 0, 0)
        return point - col * (2 * col.dot(point - centre))
    }

    /// `grid` reflected across layer `i`'s vertical centre line: the same cells, columns reversed.
    func mirrored(_ grid: CellGrid, layer i: Int) -> CellGrid {
        var m = grid
        let layer = scene.layers[i]
        let col = (layer.grids.first?.colStep ?? .unitZ).normalized
        let centre = Vec3(layer.planeX, 0, 0)
        m.origin = grid.origin - col * (2 * col.dot(grid.origin - centre))
        m.colStep = grid.colStep * -1
        return m
    }

    /// The slab's silhouette (both faces' outlines) as the side colour.
    func paintSlabSides(grid: CellGrid, front: Vec3, back: Vec3, color: RGBA, _ f: FrameContext) {
        let outline = grid.outline
        var pts: [(Double, Double)] = []
        for q in outline.map({ $0 + front }) + outline.map({ $0 + back }) {
            guard let s = f.projector.project(q) else { return }
            pts.append((s.x, s.y))
        }
        let hull = ScreenGeometry.convexHull(pts)
        guard hull.count >= 3 else { return }
        f.context.setColor(color)
        f.context.newPath()
        f.context.polygon(hull)
        f.context.fill()
    }

    /// A thin frame around a map: its outline grown by about a pixel, filled under the
    /// cells (a fill is much cheaper than a stroke).
    func paintBorder(grid: CellGrid, offset: Vec3, color: RGBA, _ f: FrameContext) {
        let pts = f.projector.projectPolygon(grid.outline.map { $0 + offset })
        guard pts.count == 4 else { return }
        let grow = ScreenGeometry.growOffsets(
            u: (pts[1].x - pts[0].x, pts[1].y - pts[0].y),
            v: (pts[3].x - pts[0].x, pts[3].y - pts[0].y), by: max(0.9, 1.1 * f.scale))
        let grown = [
            ScreenPoint(x: pts[0].x + grow.0.0, y: pts[0].y + grow.0.1, depth: 0),
            ScreenPoint(x: pts[1].x + grow.1.0, y: pts[1].y + grow.1.1, depth: 0),
            ScreenPoint(x: pts[2].x + grow.2.0, y: pts[2].y + grow.2.1, depth: 0),
            ScreenPoint(x: pts[3].x + grow.3.0, y: pts[3].y + grow.3.1, depth: 0),
        ]
        fillConvex(grown, color: color, f)
    }

    /// Touching cells: project the lattice once; into an image surface, draw the map as one
    /// textured quad (`rasterLattice`). Otherwise (vector output) fill every colour level as one path
    /// of quads grown by 0.35 px (the same as a 0.7 px stroke in the fill colour), so
    /// neighbouring cells overlap and no background seam shows.
    func paintLattice(grid: CellGrid, offset: Vec3, runs: PreparedLayer.Grid, tone: (Int) -> RGBA, _ f: FrameContext) {
        let c = f.context, p = f.projector
        let near = p.camera.near
        let corners = grid.outline.map { $0 + offset }
        guard corners.allSatisfy({ p.depth(of: $0) > near }) else {
            paintCellsClipped(grid: grid, offset: offset, runs: runs, tone: tone, f)
            return
        }
        let cols = grid.cols, stride = cols + 1
        /// Lattice point (row `r`, column `k`) on screen.
        func point(_ r: Int, _ k: Int) -> (x: Double, y: Double, depth: Double) {
            p.projectUnchecked(grid.origin + offset + grid.rowStep * Double(r) + grid.colStep * Double(k))
        }
        // Screen-space cell edge vectors at the grid's centre give the growth offsets.
        let m = point(grid.rows / 2, cols / 2), mu = point(grid.rows / 2, cols / 2 + 1)
        let mv = point(grid.rows / 2 + 1, cols / 2)
        let u = (mu.x - m.x, mu.y - m.y), v = (mv.x - m.x, mv.y - m.y)
        guard abs(u.0 * v.1 - u.1 * v.0) > 0.02 else { return }  // edge-on: the slab side shows instead
        // Nearest-texel sampling keeps cells of a pixel or more crisp but would drop detail
        // from smaller ones (no minification filter yet): those stay Cairo fills.
        let cellSide = min((u.0 * u.0 + u.1 * u.1).squareRoot(), (v.0 * v.0 + v.1 * v.1).squareRoot())
        if let surface = f.pixels, grid.count == grid.rows * cols, cellSide >= Self.minimumRasterCell {
            let outline = [point(0, 0), point(0, cols), point(grid.rows, cols), point(grid.rows, 0)]
            rasterLattice(grid: grid, corners: outline.map { SIMD2($0.x, $0.y) }, runs: runs, tone: tone, into: surface)
            return
        }
        var xs = [Double](repeating: 0, count: (grid.rows + 1) * stride)
        var ys = xs
        for r in 0...grid.rows {
            for k in 0...cols {
                let s = point(r, k)
                xs[r * stride + k] = s.x
                ys[r * stride + k] = s.y
            }
        }
        let grow = ScreenGeometry.growOffsets(u: u, v: v, by: 0.35)
        // The most common colour first, as one quad under the whole grid; its cells are then
        // skipped (most ReLU cells are zero, so this removes most fills).
        let last = grid.rows * stride + cols
        c.newPath()
        c.moveTo(xs[0] + grow.0.0, ys[0] + grow.0.1)
        c.lineTo(xs[cols] + grow.1.0, ys[cols] + grow.1.1)
        c.lineTo(xs[last] + grow.2.0, ys[last] + grow.2.1)
        c.lineTo(xs[last - cols] + grow.3.0, ys[last - cols] + grow.3.1)
        c.closePath()
        c.setColor(tone(Int(runs.baseLevel)))
        c.fill()
        // Equal neighbours in a row merge into one quad (a projected row is straight, so the
        // merged quad is exactly the union of its cells); each quad is filled on its own so
        // Cairo only composites over that quad's small extent.
        let levels = runs.levels
        for r in 0..<grid.rows {
            var k = 0
            while k < cols {
                let level = levels[r * cols + k]
                var end = k + 1
                while end < cols && levels[r * cols + end] == level { end += 1 }
                if level == runs.baseLevel { k = end; continue }
                let a = r * stride + k, b = r * stride + end
                c.newPath()
                c.moveTo(xs[a] + grow.0.0, ys[a] + grow.0.1)
                c.lineTo(xs[b] + grow.1.0, ys[b] + grow.1.1)
                c.lineTo(xs[b + stride] + grow.2.0, ys[b + stride] + grow.2.1)
                c.lineTo(xs[a + stride] + grow.3.0, ys[a + stride] + grow.3.1)
                c.closePath()
                c.setColor(tone(Int(level)))
                c.fill()
                k = end
            }
        }
    }

    /// Slow path when part of a grid is behind the near plane: each cell clipped, then
    /// filled and stroked.
    func paintCellsClipped(grid: CellGrid, offset: Vec3, runs: PreparedLayer.Grid, tone: (Int) -> RGBA, _ f: FrameContext) {
        let c = f.context
        c.setLineWidth(0.7)
        c.setLineJoin(.miter)
        for run in runs.runs {
            c.newPath()
            for j in run.start..<run.end {
                let pts = f.projector.projectPolygon(grid.cellCorners(Int(runs.order[j])).map { $0 + offset })
                if pts.count >= 3 { c.polygon(pts.map { ($0.x, $0.y) }) }
            }
            c.setColor(tone(Int(run.level)))
            c.fillPreserve()
            c.stroke()
        }
    }

    /// Separate node squares with a darker back face for depth.
    func paintNodes(grid: CellGrid, front: Vec3, back: Vec3, runs: PreparedLayer.Grid, tone: (Int) -> RGBA, _ f: FrameContext) {
        let c = f.context, p = f.projector
        func addQuad(_ idx: Int, _ offset: Vec3) {
            let pts = p.projectPolygon(grid.cellCorners(idx).map { $0 + offset })
            if pts.count >= 3 { c.polygon(pts.map { ($0.x, $0.y) }) }
        }
        c.newPath()
        for idx in 0..<grid.count { addQuad(idx, back) }
        c.setColor(tone(0).mixed(with: style.palette.background, 0.5))
        c.fill()
        // One quad per node, each composited on its own (into the pixels when there are any).
        fillConvexes(
            (0..<grid.count).map { idx in
                (p.projectPolygon(grid.cellCorners(idx).map { $0 + front }), tone(Int(runs.levels[idx])))
            }, f)
    }

    /// A soft accent halo behind the winning output node.
    func paintWinnerGlow(layer: LayerNode, offset: Vec3, alpha: Double, _ f: FrameContext) {
        guard let grid = layer.grids.first, scene.prediction < grid.count,
            let s = f.projector.project(grid.cellCenter(scene.prediction) + offset),
            let e = f.projector.project(grid.cellCenter(scene.prediction) + offset + grid.colStep)
        else { return }
        let r = max(8, 2.2 * ((e.x - s.x) * (e.x - s.x) + (e.y - s.y) * (e.y - s.y)).squareRoot())
        let a = style.palette.accent
        f.context.setRadialGradient(
            cx0: s.x, cy0: s.y, r0: 0, cx1: s.x, cy1: s.y, r1: r,
            stops: [(0, a.withAlpha(0.35 * alpha)), (1, a.withAlpha(0))])
        f.context.newPath()
        f.context.arc(s.x, s.y, radius: r)
        f.context.fill()
    }
}
