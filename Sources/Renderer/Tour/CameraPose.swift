import Foundation
import Geometry

/// Where a tour's camera is: the point it looks at, its yaw and elevation around it
/// (degrees, as in `OrbitPosition`) and its distance. Every field interpolates continuously,
/// so a camera between two poses never jumps.
public struct CameraPose: Sendable, Equatable {
    public var target: Vec3
    public var yaw: Double
    public var elevation: Double
    public var distance: Double

    public init(target: Vec3, yaw: Double, elevation: Double, distance: Double) {
        self.target = target
        self.yaw = yaw
        self.elevation = elevation
        self.distance = distance
    }

    /// The pose of `camera`, an orbit-style camera (target, eye around it).
    public init(camera: Camera) {
        let d = camera.eye - camera.target
        let distance = d.length
        let horizontal = (d.x * d.x + d.z * d.z).squareRoot()
        self.init(
            target: camera.target, yaw: atan2(d.x, d.z) * 180 / .pi, elevation: atan2(d.y, horizontal) * 180 / .pi,
            distance: distance)
    }

    /// The camera at this pose for a `width`×`height` picture with a `fovY`° lens.
    public func camera(width: Int, height: Int, fovY: Double) -> Camera {
        Camera.orbit(
            target: target, OrbitPosition(yaw: yaw, elevation: elevation, distance: distance), fovY: fovY,
            aspect: Double(width) / Double(max(height, 1)))
    }

    /// The pose a fraction `t` (0…1) of the way from `a` to `b`: angles and target linearly,
    /// the distance geometrically (a zoom feels even).
    public static func between(_ a: CameraPose, _ b: CameraPose, _ t: Double) -> CameraPose {
        func mix(_ x: Double, _ y: Double) -> Double { x + (y - x) * t }
        let distance =
            a.distance > 0 && b.distance > 0 ? a.distance * pow(b.distance / a.distance, t) : mix(a.distance, b.distance)
        return CameraPose(
            target: a.target.lerp(to: b.target, t), yaw: mix(a.yaw, b.yaw), elevation: mix(a.elevation, b.elevation),
            distance: distance)
    }
}
