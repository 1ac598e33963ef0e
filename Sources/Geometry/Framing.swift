/// Where a camera sits around its target: yaw about +Y and elevation above the horizon,
/// both in degrees, and the distance from the target.
///
/// Yaw 0 puts the eye on the +Z side looking along −Z, so +X (the data flow) runs left to
/// right across the image; negative yaw swings the eye toward −X (the input end), positive
/// toward +X. Elevation 90° looks straight down.
public struct OrbitPosition: Sendable, Equatable {
    public var yaw: Double
    public var elevation: Double
    public var distance: Double
    public init(yaw: Double, elevation: Double, distance: Double) {
        self.yaw = yaw; self.elevation = elevation; self.distance = distance
    }

    /// Unit vector from the target toward the eye.
    public var direction: Vec3 {
        let y = radians(yaw), e = radians(elevation)
        return Vec3(cosine(e) * sine(y), sine(e), cosine(e) * cosine(y))
    }

    /// The eye position around `target`.
    public func eye(around target: Vec3) -> Vec3 { target + direction * distance }
}

extension Camera {
    /// A camera on an orbit around `target`.
    public static func orbit(target: Vec3, _ position: OrbitPosition, fovY: Double, aspect: Double) -> Camera {
        Camera(
            eye: position.eye(around: target), target: target, up: .unitY, fovY: fovY, aspect: aspect,
            near: max(0.01, position.distance * 0.001))
    }

    /// A camera looking from `yaw`/`elevation` (degrees) with a long lens that frames every
    /// point of `points` inside the `free` rectangle of a `width`×`height` image.
    ///
    /// Iterates: project the points, then move the target so their pixel box is centred in
    /// the free area and scale the distance so the box just fits.
    public static func fitting(
        _ points: [Vec3], yaw: Double, elevation: Double, fovY: Double = 12,
        width: Int, height: Int, free: ScreenRect
    ) -> Camera {
        let bounds = Bounds3(points: points)
        let aspect = Double(width) / Double(max(height, 1))
        guard !bounds.isEmpty else {
            return orbit(target: .zero, OrbitPosition(yaw: yaw, elevation: elevation, distance: 10), fovY: fovY, aspect: aspect)
        }
        let radius = max(bounds.size.length / 2, 1e-6)
        var target = bounds.center
        var distance = radius / tangent(radians(fovY) / 2) * 1.2
        let freeW = max(free.width, 1)
        let freeH = max(free.height, 1)
        let freeCX = free.x + freeW / 2, freeCY = free.y + freeH / 2
        var camera = orbit(target: target, OrbitPosition(yaw: yaw, elevation: elevation, distance: distance), fovY: fovY, aspect: aspect)
        for _ in 0..<12 {
            let proj = camera.projector(width: width, height: height)
            var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
            for p in points {
                let s = proj.projectUnchecked(p)
                minX = min(minX, s.x); maxX = max(maxX, s.x); minY = min(minY, s.y); maxY = max(maxY, s.y)
            }
            let scale = max((maxX - minX) / freeW, (maxY - minY) / freeH)
            let dx = (minX + maxX) / 2 - freeCX, dy = (minY + maxY) / 2 - freeCY
            let perPixel = proj.worldPerPixel(atDepth: distance)
            target = target + camera.right * (dx * perPixel) - camera.trueUp * (dy * perPixel)
            distance *= scale
            camera = orbit(target: target, OrbitPosition(yaw: yaw, elevation: elevation, distance: distance), fovY: fovY, aspect: aspect)
            if abs(scale - 1) < 1e-5 && abs(dx) < 0.01 && abs(dy) < 0.01 { break }
        }
        return camera
    }
}
