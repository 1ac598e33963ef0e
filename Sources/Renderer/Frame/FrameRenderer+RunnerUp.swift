import CairoGraphics
import Geometry
import SceneGraph

/// The runner-up's trace: when the answer is uncertain, the contributions to the second most
/// probable class are drawn in the gap beside the winner's, amber and dimmer, so the
/// picture shows the two readings the network hesitates between.
extension FrameRenderer {
    /// Strokes the runner-up edges of `gap` between `xLow` and `xHigh` along the flow
    /// (the same slicing as `paintEdges`); nothing unless the verdict is uncertain.
    func paintRunnerUpEdges(gap: Int, xLow: Double, xHigh: Double, _ f: FrameContext) {
        guard verdict.kind == .uncertain, !scene.runnerUpEdges.isEmpty else { return }
        let c = f.context, p = f.projector
        let target = gap + 1
        let amount = f.reveal[target]
        guard amount > 0.001 else { return }
        let color = style.palette.amber.mixed(with: style.palette.background, f.dimming[target] * 0.5)
        let n = scene.planeNormal
        // Four strength bands, each stroked as one path, at about two thirds of the winner's opacity.
        let bands = 4
        var paths = [[(ScreenPoint, ScreenPoint)]](repeating: [], count: bands)
        for e in scene.runnerUpEdges where e.fromLayer == gap {
            let a0 = n.dot(e.from), dx = n.dot(e.to) - a0
            guard dx != 0 else { continue }
            let t0 = max(0, (xLow - a0) / dx), t1 = min(1, (xHigh - a0) / dx)
            guard t1 > t0, let segment = p.projectSegment(e.from.lerp(to: e.to, t0), e.from.lerp(to: e.to, t1)) else { continue }
            paths[min(bands - 1, Int(e.strength * Double(bands)))].append(segment)
        }
        c.setLineCap(.round)
        for (band, segments) in paths.enumerated() where !segments.isEmpty {
            let s = (Double(band) + 0.5) / Double(bands)
            strokeRoundBand(
                segments, width: max(0.5, (0.5 + 0.8 * s) * f.scale), color: color.withAlpha(amount * (0.12 + 0.48 * s)), f)
        }
    }
}
