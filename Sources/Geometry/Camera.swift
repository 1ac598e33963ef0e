/// A pinhole camera: looks from `eye` at `target` with `up` roughly up, a vertical field of
/// view in **degrees**, and the image aspect (width / height).
///
/// View space is right-handed with the camera at the origin looking down −Z, +X right, +Y
/// up. Points are visible when their view-space `z < -near`.
public struct Camera: Sendable, Equatable {
    public var eye: Vec3
    public var target: Vec3
    public var up: Vec3
    /// Vertical field of view in degrees.
    public var fovY: Double
    /// Width / height of the image.
    public var aspect: Double
    /// Distance to the near clipping plane (world units).
    public var near: Double
    /// Distance to the far plane (only used by `projectionMatrix`).
    public var far: Double

    public init(
        eye: Vec3, target: Vec3, up: Vec3 = .unitY, fovY: Double, aspect: Double,
        near: Double = 0.1, far: Double = 100_000
    ) {
        self.eye = eye; self.target = target; self.up = up
        self.fovY = fovY; self.aspect = aspect; self.near = near; self.far = far
    }

    /// Unit vector from the eye toward the target.
    public var forward: Vec3 { (target - eye).normalized }
    /// Unit vector pointing to the right of the image.
    public var right: Vec3 {
        let r = forward.cross(up)
        // `up` parallel to the view direction: pick any perpendicular.
        return r.length > 1e-12 ? r.normalized : forward.cross(abs(forward.y) < 0.9 ? .unitY : .unitX).normalized
    }
    /// Unit vector pointing to the top of the image.
    public var trueUp: Vec3 { right.cross(forward) }

    /// World → view space (look-at).
    public var viewMatrix: Mat4 {
        let f = forward, r = right, u = trueUp
        return Mat4(
            rows: [r.x, r.y, r.z, -r.dot(eye)],
            [u.x, u.y, u.z, -u.dot(eye)],
            [-f.x, -f.y, -f.z, f.dot(eye)],
            [0, 0, 0, 1])
    }

    /// View → clip space (OpenGL convention: NDC x, y, z in −1…1 after dividing by w).
    public var projectionMatrix: Mat4 {
        let t = 1 / tangent(radians(fovY) / 2)
        let a = (far + near) / (near - far), b = 2 * far * near / (near - far)
        return Mat4(rows: [t / aspect, 0, 0, 0], [0, t, 0, 0], [0, 0, a, b], [0, 0, -1, 0])
    }

    /// A point in view space.
    public func toView(_ p: Vec3) -> Vec3 {
        let d = p - eye
        let f = forward, r = right, u = trueUp
        return Vec3(r.dot(d), u.dot(d), -f.dot(d))
    }

    /// The fast pixel projector for an image of `width`×`height` pixels.
    public func projector(width: Int, height: Int) -> Projector {
        Projector(camera: self, width: Double(width), height: Double(height))
    }

    /// Projects a world point to pixel coordinates (origin top-left, y down), or nil when it
    /// lies on or behind the near plane.
    public func project(_ p: Vec3, width: Int, height: Int) -> ScreenPoint? {
        projector(width: width, height: height).project(p)
    }
}

/// A projected point: pixel position (origin top-left, y down) and the distance in front of
/// the camera along its view direction (`depth`, larger is farther).
public struct ScreenPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var depth: Double
    public init(x: Double, y: Double, depth: Double) {
        self.x = x; self.y = y; self.depth = depth
    }
}

/// Precomputed world → pixel projection for one camera and image size; cheap to call per
/// vertex.
public struct Projector: Sendable {
    public let camera: Camera
    public let width: Double
    public let height: Double
    let r: Vec3, u: Vec3, f: Vec3, eye: Vec3
    /// Pixels per unit of (view x / depth).
    let focal: Double

    public init(camera: Camera, width: Double, height: Double) {
        self.camera = camera
        self.width = width
        self.height = height
        r = camera.right; u = camera.trueUp; f = camera.forward; eye = camera.eye
        focal = height / 2 / tangent(radians(camera.fovY) / 2)
    }

    /// Pixel position and depth of a world point, or nil on or behind the near plane.
    @inline(__always)
    public func project(_ p: Vec3) -> ScreenPoint? {
        let d = p - eye
        let depth = f.dot(d)
        guard depth > camera.near else { return nil }
        return ScreenPoint(
            x: width / 2 + focal * r.dot(d) / depth,
            y: height / 2 - focal * u.dot(d) / depth, depth: depth)
    }

    /// Projects a world point known to be in front of the camera (no near-plane check;
    /// callers clip first). Returns (x, y, depth).
    @inline(__always)
    public func projectUnchecked(_ p: Vec3) -> (x: Double, y: Double, depth: Double) {
        let d = p - eye
        let depth = f.dot(d)
        return (width / 2 + focal * r.dot(d) / depth, height / 2 - focal * u.dot(d) / depth, depth)
    }

    /// Distance of a world point in front of the camera along the view direction.
    @inline(__always)
    public func depth(of p: Vec3) -> Double { f.dot(p - eye) }

    /// World-space size of one pixel at `depth` (for converting pixel margins to world units).
    public func worldPerPixel(atDepth depth: Double) -> Double { depth / focal }

    /// Projects a polygon after clipping it against the near plane; empty when nothing of it
    /// is in front of the camera.
    public func projectPolygon(_ points: [Vec3]) -> [ScreenPoint] {
        if points.allSatisfy({ depth(of: $0) > camera.near }) {
            return points.compactMap(project)
        }
        let clipped = Clipping.clipPolygon(points, eye: eye, forward: f, near: camera.near * 1.000001)
        return clipped.compactMap(project)
    }

    /// Projects a segment after clipping it against the near plane; nil when it is wholly
    /// behind.
    public func projectSegment(_ a: Vec3, _ b: Vec3) -> (ScreenPoint, ScreenPoint)? {
        guard let (ca, cb) = Clipping.clipSegment(a, b, eye: eye, forward: f, near: camera.near * 1.000001),
            let pa = project(ca), let pb = project(cb)
        else { return nil }
        return (pa, pb)
    }
}
