import Foundation
import Geometry

/// Where a tour's camera is: the point it circles, its yaw and elevation around it
/// (degrees, as in `OrbitPosition`), its distance, and a picture offset in pixels (a sideways
/// slide of eye and target together, as `OrbitFraming` uses). Every field interpolates
/// continuously, so a camera between two poses never jumps.
public struct CameraPose: Sendable, Equatable {
    public var target: Vec3
    public var yaw: Double
    public var elevation: Double
    public var distance: Double
    /// Picture offset in pixels (+x right, +y down).
    public var offsetX: Double
    public var offsetY: Double

    public init(target: Vec3, yaw: Double, elevation: Double, distance: Double, offsetX: Double = 0, offsetY: Double = 0) {
        self.target = target
        self.yaw = yaw
        self.elevation = elevation
        self.distance = distance
        self.offsetX = offsetX
        self.offsetY = offsetY
    }

    /// The pose of `camera`, an orbit-style camera (target, eye around it), with no offset.
    public init(camera: Camera) {
        let d = camera.eye - camera.target
        let distance = d.length
        let horizontal = (d.x * d.x + d.z * d.z).squareRoot()
        self.init(
            target: camera.target, yaw: atan2(d.x, d.z) * 180 / .pi, elevation: atan2(d.y, horizontal) * 180 / .pi,
            distance: distance)
    }

    /// The pose of an `OrbitFraming` at `yaw` and `elevation`.
    public init(framing: OrbitFraming, yaw: Double, elevation: Double) {
        self.init(
            target: framing.centre, yaw: yaw, elevation: elevation, distance: framing.distance,
            offsetX: framing.offsetX, offsetY: framing.offsetY)
    }

    /// The camera at this pose for a `width`×`height` picture with a `fovY`° lens.
    public func camera(width: Int, height: Int, fovY: Double) -> Camera {
        var camera = Camera.orbit(
            target: target, OrbitPosition(yaw: yaw, elevation: elevation, distance: distance), fovY: fovY,
            aspect: Double(width) / Double(max(height, 1)))
        guard offsetX != 0 || offsetY != 0 else { return camera }
        let perPixel = camera.projector(width: width, height: height).worldPerPixel(atDepth: distance)
        let shift = camera.right * (-offsetX * perPixel) + camera.trueUp * (offsetY * perPixel)
        camera.eye = camera.eye + shift
        camera.target = camera.target + shift
        return camera
    }

    /// The pose a fraction `t` (0…1) of the way from `a` to `b`: angles, target and offsets
    /// linearly, the distance geometrically (a zoom feels even).
    public static func between(_ a: CameraPose, _ b: CameraPose, _ t: Double) -> CameraPose {
        func mix(_ x: Double, _ y: Double) -> Double { x + (y - x) * t }
        let distance =
            a.distance > 0 && b.distance > 0 ? a.distance * pow(b.distance / a.distance, t) : mix(a.distance, b.distance)
        return CameraPose(
            target: a.target.lerp(to: b.target, t), yaw: mix(a.yaw, b.yaw), elevation: mix(a.elevation, b.elevation),
            distance: distance, offsetX: mix(a.offsetX, b.offsetX), offsetY: mix(a.offsetY, b.offsetY))
    }
}
