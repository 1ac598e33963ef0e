/// Clipping against a camera's near plane, in world space: the kept half-space is
/// `forward · (p − eye) ≥ near`.
public enum Clipping {
    /// Sutherland–Hodgman clip of a convex or concave polygon (in order, implicitly closed)
    /// against the near plane. Returns the part in front; empty when none is.
    public static func clipPolygon(_ points: [Vec3], eye: Vec3, forward: Vec3, near: Double) -> [Vec3] {
        guard !points.isEmpty else { return [] }
        var out: [Vec3] = []
        out.reserveCapacity(points.count + 2)
        func signed(_ p: Vec3) -> Double { forward.dot(p - eye) - near }
        var prev = points[points.count - 1]
        var prevD = signed(prev)
        for cur in points {
            let curD = signed(cur)
            if curD >= 0 {
                if prevD < 0 { out.append(prev.lerp(to: cur, prevD / (prevD - curD))) }
                out.append(cur)
            } else if prevD >= 0 {
                out.append(prev.lerp(to: cur, prevD / (prevD - curD)))
            }
            prev = cur
            prevD = curD
        }
        return out
    }

    /// Clips the segment a–b against the near plane; nil when it lies wholly behind.
    public static func clipSegment(_ a: Vec3, _ b: Vec3, eye: Vec3, forward: Vec3, near: Double) -> (Vec3, Vec3)? {
        let da = forward.dot(a - eye) - near
        let db = forward.dot(b - eye) - near
        if da < 0 && db < 0 { return nil }
        if da >= 0 && db >= 0 { return (a, b) }
        let hit = a.lerp(to: b, da / (da - db))
        return da >= 0 ? (a, hit) : (hit, b)
    }
}
