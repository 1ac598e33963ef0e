import Geometry

// Kept for tours, replays and sweeps (their camera paths call `solve` once per video); the
// orbit itself frames each pose with `PoseFraming`. Moving those callers to PoseFraming is
// left for a later change.

/// One camera distance and one screen offset for a whole orbit, chosen so that at every yaw
/// the orbit passes through, the whole network stays inside the frame's margins and clear of
/// the overlay panels, and the network keeps one size (no pumping).
///
/// The offset is a sideways move of the camera (eye and target together), which slides the
/// picture without turning it; the camera still circles the network's centre.
public struct OrbitFraming: Sendable, Equatable {
    /// The point the camera circles.
    public var centre: Vec3
    /// Vertical field of view in degrees.
    public var fovY: Double
    /// Distance from the camera to the orbit centre.
    public var distance: Double
    /// Picture offset in pixels (+x right, +y down).
    public var offsetX: Double, offsetY: Double

    /// Solves the framing: starting from `baseDistance` (a distance that fits the margins),
    /// grows the distance in 4 % steps until some offset keeps every sampled yaw clear of
    /// `keepOut` and inside `free`; among the offsets that work, takes the one nearest the
    /// centre.
    public static func solve(
        points: [Vec3], centre: Vec3, yaws: [Double], elevation: Double, fovY: Double,
        width: Int, height: Int, free: ScreenRect, keepOut: [ScreenRect],
        baseDistance: Double
    ) -> OrbitFraming {
        let w = Double(width), h = Double(height)
        let margin = 6 * h / 1080
        let step = 8 * h / 1080
        let offsets = candidateOffsets(limitX: w * 0.2, limitY: h * 0.2, step: step)
        for growth in 0..<30 {
            let distance = baseDistance * (1 + 0.04 * Double(growth))
            let screens = yaws.map { yaw -> [(Double, Double)] in
                let camera = Camera.orbit(
                    target: centre, OrbitPosition(yaw: yaw, elevation: elevation, distance: distance),
                    fovY: fovY, aspect: w / h)
                let projector = camera.projector(width: width, height: height)
                return points.map { p in
                    let s = projector.projectUnchecked(p)
                    return (s.x, s.y)
                }
            }
            for (dx, dy) in offsets where fits(screens, dx: dx, dy: dy, free: free, keepOut: keepOut, margin: margin) {
                return OrbitFraming(centre: centre, fovY: fovY, distance: distance, offsetX: dx, offsetY: dy)
            }
        }
        return OrbitFraming(centre: centre, fovY: fovY, distance: baseDistance * 2.2, offsetX: 0, offsetY: 0)
    }

    /// The camera at `yaw` and `elevation` (degrees), circling `centre`.
    public func camera(yaw: Double, elevation: Double, width: Int, height: Int) -> Camera {
        let aspect = Double(width) / Double(height)
        var camera = Camera.orbit(
            target: centre, OrbitPosition(yaw: yaw, elevation: elevation, distance: distance),
            fovY: fovY, aspect: aspect)
        guard offsetX != 0 || offsetY != 0 else { return camera }
        let perPixel = camera.projector(width: width, height: height).worldPerPixel(atDepth: distance)
        // Moving the camera left slides the picture right; moving it up slides the picture down.
        let shift = camera.right * (-offsetX * perPixel) + camera.trueUp * (offsetY * perPixel)
        camera.eye = camera.eye + shift
        camera.target = camera.target + shift
        return camera
    }

    /// Offsets on a grid, nearest the centre first.
    static func candidateOffsets(limitX: Double, limitY: Double, step: Double) -> [(Double, Double)] {
        let nx = Int(limitX / step), ny = Int(limitY / step)
        var out: [(Double, Double)] = []
        for i in -nx...nx { for j in -ny...ny { out.append((Double(i) * step, Double(j) * step)) } }
        return out.sorted { ($0.0 * $0.0 + $0.1 * $0.1, $0.0, $0.1) < ($1.0 * $1.0 + $1.1 * $1.1, $1.0, $1.1) }
    }

    static func fits(
        _ screens: [[(Double, Double)]], dx: Double, dy: Double, free: ScreenRect,
        keepOut: [ScreenRect], margin: Double
    ) -> Bool {
        for screen in screens {
            for (sx, sy) in screen {
                let x = sx + dx, y = sy + dy
                if x < free.minX || x > free.maxX || y < free.minY || y > free.maxY { return false }
                for box in keepOut where box.contains(x, y, margin: margin) { return false }
            }
        }
        return true
    }
}
