import Foundation

/// Bézier curves and elliptical arcs as polylines whose distance from the true curve stays
/// under a tolerance, with a fixed number of segments per curve for given control points
/// (so the same file always gives the same points).
public enum CurveFlattening {
    /// Most segments one curve may become.
    public static let maxSegments = 1024

    /// Points after `p0` along the cubic `p0 p1 p2 p3` (ending exactly at `p3`).
    ///
    /// Uniform steps in the parameter: with `n` steps the chord error is at most
    /// `max|B''| / (8 n²)` and `|B''| ≤ 6 · max(|p0 − 2p1 + p2|, |p1 − 2p2 + p3|)`.
    public static func cubic(
        _ p0: (Double, Double), _ p1: (Double, Double), _ p2: (Double, Double), _ p3: (Double, Double), tolerance: Double
    ) -> [(Double, Double)] {
        let d1 = hypot(p0.0 - 2 * p1.0 + p2.0, p0.1 - 2 * p1.1 + p2.1)
        let d2 = hypot(p1.0 - 2 * p2.0 + p3.0, p1.1 - 2 * p2.1 + p3.1)
        let n = segments(sqrt(0.75 * max(d1, d2) / tolerance))
        return (1...n).map { i in
            if i == n { return p3 }
            let t = Double(i) / Double(n), u = 1 - t
            let (a, b, c, d) = (u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t)
            return (a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0, a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1)
        }
    }

    /// Points after `p0` along the quadratic `p0 p1 p2` (`|B''| = 2 |p0 − 2p1 + p2|`).
    public static func quadratic(_ p0: (Double, Double), _ p1: (Double, Double), _ p2: (Double, Double), tolerance: Double)
        -> [(Double, Double)]
    {
        let d = hypot(p0.0 - 2 * p1.0 + p2.0, p0.1 - 2 * p1.1 + p2.1)
        let n = segments(sqrt(0.25 * d / tolerance))
        return (1...n).map { i in
            if i == n { return p2 }
            let t = Double(i) / Double(n), u = 1 - t
            return (u * u * p0.0 + 2 * u * t * p1.0 + t * t * p2.0, u * u * p0.1 + 2 * u * t * p1.1 + t * t * p2.1)
        }
    }

    /// Points after `from` along SVG's elliptical arc to `to` (radii `rx`, `ry`, x axis
    /// rotated by `rotation` degrees, the two flags), in user space; `scale` is how much the
    /// later transform enlarges lengths, so the tolerance holds after it. Radii too small
    /// are scaled up and zero radii give a straight line, as SVG says.
    public static func arc(
        from: (Double, Double), to: (Double, Double), rx: Double, ry: Double, rotation: Double,
        largeArc: Bool, sweep: Bool, tolerance: Double, scale: Double
    ) -> [(Double, Double)] {
        var rx = abs(rx), ry = abs(ry)
        if rx == 0 || ry == 0 || (from.0 == to.0 && from.1 == to.1) { return from.0 == to.0 && from.1 == to.1 ? [] : [to] }
        let phi = rotation * .pi / 180
        let (cosP, sinP) = (cos(phi), sin(phi))
        // F.6.5: the midpoint in the ellipse's frame.
        let dx = (from.0 - to.0) / 2, dy = (from.1 - to.1) / 2
        let x1 = cosP * dx + sinP * dy, y1 = -sinP * dx + cosP * dy
        let lambda = (x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry)
        if lambda > 1 { rx *= sqrt(lambda); ry *= sqrt(lambda) }
        let num = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1
        let den = rx * rx * y1 * y1 + ry * ry * x1 * x1
        var k = den > 0 ? sqrt(max(0, num / den)) : 0
        if largeArc == sweep { k = -k }
        let cx1 = k * rx * y1 / ry, cy1 = -k * ry * x1 / rx
        let cx = cosP * cx1 - sinP * cy1 + (from.0 + to.0) / 2
        let cy = sinP * cx1 + cosP * cy1 + (from.1 + to.1) / 2
        func angle(_ ux: Double, _ uy: Double) -> Double { atan2(uy, ux) }
        let theta1 = angle((x1 - cx1) / rx, (y1 - cy1) / ry)
        var delta = angle((-x1 - cx1) / rx, (-y1 - cy1) / ry) - theta1
        if sweep && delta < 0 { delta += 2 * .pi }
        if !sweep && delta > 0 { delta -= 2 * .pi }
        // A chord of angle s on radius r deviates r (1 − cos(s/2)).
        let r = max(rx, ry) * max(scale, 1e-9)
        let step = r > tolerance ? 2 * acos(max(-1, 1 - tolerance / r)) : .pi / 2
        let n = segments(abs(delta) / max(step, 1e-6))
        return (1...n).map { i in
            if i == n { return to }
            let a = theta1 + delta * Double(i) / Double(n)
            let ex = rx * cos(a), ey = ry * sin(a)
            return (cosP * ex - sinP * ey + cx, sinP * ex + cosP * ey + cy)
        }
    }

    /// `estimate` rounded up into 1…`maxSegments` (NaN and infinity give the maximum).
    static func segments(_ estimate: Double) -> Int {
        guard estimate.isFinite else { return maxSegments }
        return Int(min(Double(maxSegments), max(1, estimate.rounded(.up))))
    }
}
