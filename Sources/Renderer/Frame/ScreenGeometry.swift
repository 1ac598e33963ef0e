/// Small 2D helpers on projected points.
enum ScreenGeometry {
    /// Convex hull (monotone chain), counter-clockwise in screen space.
    static func convexHull(_ points: [(Double, Double)]) -> [(Double, Double)] {
        let p = points.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        guard p.count >= 3 else { return p }
        func cross(_ o: (Double, Double), _ a: (Double, Double), _ b: (Double, Double)) -> Double {
            (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
        }
        var lower: [(Double, Double)] = [], upper: [(Double, Double)] = []
        for q in p {
            while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], q) <= 0 { lower.removeLast() }
            lower.append(q)
        }
        for q in p.reversed() {
            while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], q) <= 0 { upper.removeLast() }
            upper.append(q)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }

    typealias Offset = (Double, Double)

    /// Offsets that grow a parallelogram cell with edge vectors `u` (to the next column) and
    /// `v` (to the next row) outward by `d` pixels on every side, for its corners in the
    /// order top-left, top-right, bottom-right, bottom-left. Miters are capped at 2·d.
    static func growOffsets(u: (Double, Double), v: (Double, Double), by d: Double) -> (Offset, Offset, Offset, Offset) {
        // Unit normals of the u-edges and v-edges pointing away from the cell interior at
        // the top-left corner.
        func unitPerp(_ a: (Double, Double), awayFrom b: (Double, Double)) -> (Double, Double) {
            let l = (a.0 * a.0 + a.1 * a.1).squareRoot()
            guard l > 0 else { return (0, 0) }
            var n = (-a.1 / l, a.0 / l)
            if n.0 * b.0 + n.1 * b.1 > 0 { n = (-n.0, -n.1) }
            return n
        }
        let nu = unitPerp(u, awayFrom: v), nv = unitPerp(v, awayFrom: u)
        let det = nu.0 * nv.1 - nu.1 * nv.0
        func solve(_ s1: Double, _ s2: Double) -> Offset {
            guard abs(det) > 1e-6 else { return (0, 0) }
            // a·nu = s1·d, a·nv = s2·d
            var a = ((s1 * d * nv.1 - s2 * d * nu.1) / det, (s2 * d * nu.0 - s1 * d * nv.0) / det)
            let l = (a.0 * a.0 + a.1 * a.1).squareRoot()
            if l > 2 * d { a = (a.0 * 2 * d / l, a.1 * 2 * d / l) }
            return a
        }
        return (solve(1, 1), solve(1, -1), solve(-1, -1), solve(-1, 1))
    }
}
