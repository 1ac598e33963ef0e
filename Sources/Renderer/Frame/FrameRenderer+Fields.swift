import CairoGraphics
import Geometry
import SceneGraph

/// The strongest path drawn as receptive fields (`scene.fieldPath`): on each layer the
/// window the next layer's cell reads (the input's 5×5 patch, conv1's 2×2 pooling window, …)
/// outlined on the face the eye sees, the reading cell outlined on the next layer, and the
/// window's corners joined to the cell's, so the patch visibly narrows into the one cell it
/// makes.
extension FrameRenderer {
    /// Outlines on layer `i`: the window it gives and the cell it holds on the path.
    func paintFieldBoxes(layer i: Int, face: Vec3, _ f: FrameContext) {
        guard style.showFields else { return }
        let c = f.context
        for step in scene.fieldPath {
            let isWindow = step.fromLayer == i, isCell = step.fromLayer + 1 == i
            guard isWindow || isCell else { continue }
            // A window appears with the layer it feeds; a cell with its own layer.
            let amount = f.reveal[step.fromLayer + 1]
            guard amount > 0.001 else { continue }
            let corners = (isWindow ? step.window : step.cell).map { shown($0, layer: i, f.projector) + face }
            let pts = f.projector.projectPolygon(corners)
            guard pts.count >= 3 else { continue }
            c.newPath()
            c.polygon(pts.map { ($0.x, $0.y) })
            if isWindow {
                c.setColor(style.palette.accent.withAlpha(0.16 * amount))
                c.fillPreserve()
            }
            c.setLineWidth(max(1, (isWindow ? 2 : 1.6) * f.scale))
            c.setLineJoin(.miter)
            c.setColor(style.palette.accent.withAlpha(0.95 * amount))
            c.stroke()
        }
    }

    /// The lines joining a window's corners to its cell's, for gap `gap` (drawn with the
    /// gap's contribution lines, so they sort the same way).
    func paintFieldLines(gap: Int, xLow: Double, xHigh: Double, _ f: FrameContext) {
        let amount = f.reveal[gap + 1]
        guard amount > 0.001 else { return }
        let c = f.context, p = f.projector
        let fromFace = visibleFace(gap, p), toFace = visibleFace(gap + 1, p)
        c.setLineWidth(max(0.8, 1.2 * f.scale))
        c.setLineCap(.round)
        c.setColor(style.palette.accent.withAlpha(0.7 * amount))
        c.newPath()
        for step in scene.fieldPath where step.fromLayer == gap && step.window.count == 4 && step.cell.count == 4 {
            for k in 0..<4 {
                guard
                    let (a, b) = clippedSpan(
                        shown(step.window[k], layer: gap, p) + fromFace, shown(step.cell[k], layer: gap + 1, p) + toFace,
                        gap: gap, xLow: xLow, xHigh: xHigh, p)
                else { continue }
                c.moveTo(a.x, a.y)
                c.lineTo(b.x, b.y)
            }
        }
        c.stroke()
    }
}
