import CairoGraphics
import Geometry
import SceneGraph

/// The `open` shot: a layer's maps leave their slab, fan out into a grid that faces the
/// camera and fills the free area (large enough to read each cell), then return.
extension FrameRenderer {
    /// Where each grid of layer `l` sits when fully open: four world corners (top-left,
    /// top-right, bottom-right, bottom-left) on a plane facing the camera at the layer's depth,
    /// laid out in the rows and columns that make the maps largest inside `free`.
    func openCorners(layer l: Int, projector p: Projector, free: ScreenRect, scale s: Double) -> [[Vec3]] {
        let layer = scene.layers[l]
        let grids = layer.grids
        guard let first = grids.first, first.rows > 0, first.cols > 0 else { return [] }
        let aspect = (first.colStep.length * Double(first.cols)) / max(first.rowStep.length * Double(first.rows), 1e-9)
        let gap = 14 * s, labelH = 24 * s
        var best = (cols: 1, w: 0.0)
        for cols in 1...grids.count {
            let rows = (grids.count + cols - 1) / cols
            let w = min(
                (free.width - gap * Double(cols - 1)) / Double(cols),
                (free.height - (gap + labelH) * Double(rows)) / Double(rows) * aspect)
            if w > best.w { best = (cols, w) }
        }
        let cols = best.cols, rows = (grids.count + cols - 1) / cols
        let w = max(best.w, 1), h = w / aspect
        let totalW = Double(cols) * w + Double(cols - 1) * gap
        let totalH = Double(rows) * (h + labelH) + Double(rows - 1) * gap
        let x0 = free.midX - totalW / 2, y0 = free.midY - totalH / 2
        let camera = p.camera
        let depth = max(p.depth(of: layer.center), camera.near * 50)
        let perPixel = p.worldPerPixel(atDepth: depth)
        let centre = camera.eye + camera.forward * depth
        func world(_ sx: Double, _ sy: Double) -> Vec3 {
            centre + camera.right * ((sx - p.width / 2) * perPixel) + camera.trueUp * ((p.height / 2 - sy) * perPixel)
        }
        return grids.indices.map { g in
            let r = g / cols, k = g % cols
            let x = x0 + Double(k) * (w + gap), y = y0 + Double(r) * (h + labelH + gap)
            return [world(x, y), world(x + w, y), world(x + w, y + h), world(x, y + h)]
        }
    }

    /// Draws layer `l` opened by `amount` (0 in its slab … 1 fanned out facing the camera,
    /// inside `area`), over the rest of the frame dimmed in proportion.
    func paintOpenLayer(_ l: Int, amount: Double, in area: ScreenRect, _ f: FrameContext) {
        let layer = scene.layers[l]
        let c = f.context, p = f.projector, s = f.scale, pal = style.palette
        c.newPath()
        c.rectangle(0, 0, f.width, f.height)
        c.setColor(pal.background.withAlpha(0.72 * amount))
        c.fill()
        let targets = openCorners(layer: l, projector: p, free: area, scale: s)
        guard targets.count == layer.grids.count else { return }
        let n = scene.planeNormal
        let towardEye = n.dot(p.camera.eye) < layer.planeDistance ? -1.0 : 1.0
        let front = n * (towardEye * layer.thickness / 2)
        let prep = prepared[l]
        var placed: [(depth: Double, index: Int, grid: CellGrid)] = []
        for (g, grid) in layer.grids.enumerated() {
            let closed = grid.outline.map { $0 + front }
            let corners = (0..<4).map { closed[$0].lerp(to: targets[g][$0], amount) }
            var moved = grid
            moved.origin = corners[0]
            moved.colStep = (corners[1] - corners[0]) / Double(max(grid.cols, 1))
            moved.rowStep = (corners[3] - corners[0]) / Double(max(grid.rows, 1))
            let centre = (corners[0] + corners[2]) * 0.5
            placed.append((p.depth(of: centre), g, moved))
        }
        placed.sort { $0.depth != $1.depth ? $0.depth > $1.depth : $0.index < $1.index }
        let bg = pal.background
        for item in placed {
            let tone: (Int) -> RGBA = { level in prep.colormap.table[level].mixed(with: bg, f.dimming[l] * (1 - amount)) }
            let border = (layer.kind == .input ? pal.muted : pal.border).withAlpha(0.9)
            if item.grid.fill >= 1 {
                paintBorder(grid: item.grid, offset: .zero, color: border, f)
                paintLattice(grid: item.grid, offset: .zero, runs: prep.grids[item.index], tone: tone, f)
            } else {
                paintNodes(grid: item.grid, front: .zero, back: .zero, runs: prep.grids[item.index], tone: tone, f)
            }
        }
        guard amount > 0.6 else { return }
        // Each map's name under it once the maps are nearly open.
        let alpha = (amount - 0.6) / 0.4
        c.setFont(15 * s)
        for item in placed {
            let bottom = item.grid.corner(row: Double(item.grid.rows), col: Double(item.grid.cols) / 2)
            guard let q = p.project(bottom) else { continue }
            let name = layer.grids.count > 1 ? "\(layer.name.rawValue)[\(item.index)]" : layer.name.rawValue
            c.setColor(pal.muted.withAlpha(alpha))
            c.drawText(name, x: q.x, y: q.y + 18 * s, align: .center)
        }
    }
}
