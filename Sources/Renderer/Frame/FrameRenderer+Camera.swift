import Geometry
import SceneGraph

/// Camera framing: every camera the renderer proposes keeps the network inside the free
/// area of its `FrameLayout` and clear of the overlays.
extension FrameRenderer {
    /// Where the overlays sit and the area left for the network at this frame size.
    public func layout(width: Int, height: Int) -> FrameLayout {
        FrameLayout(width: width, height: height, style: style)
    }

    /// A camera from `yaw`/`elevation` (degrees) framing the whole network with a 12° lens
    /// into the layout's free area (below the title, above the legend and prediction panel).
    ///
    /// When the network would run under the legend or the prediction panel (for example
    /// when the far end dips toward a bottom corner), it is refitted above them.
    public func fittedCamera(width: Int, height: Int, yaw: Double = -35, elevation: Double = 20) -> Camera {
        let points = scene.framingPoints
        let layout = layout(width: width, height: height)
        let camera = Camera.fitting(
            points, yaw: yaw, elevation: elevation, fovY: 12, width: width, height: height,
            free: layout.free)
        let boxes = layout.keepOut
        let projector = camera.projector(width: width, height: height)
        let hidden = points.contains { p in
            guard let s = projector.project(p) else { return false }
            return boxes.contains { $0.contains(s.x, s.y) }
        }
        guard hidden, let top = boxes.map(\.y).min() else { return camera }
        return Camera.fitting(
            points, yaw: yaw, elevation: elevation, fovY: 12, width: width, height: height,
            free: layout.freeArea(endingAbove: top))
    }

    /// A camera for frame `yaw` of an orbit: always aims at the network's centre from the
    /// same distance (the largest any yaw needs), so the size stays steady over a turn.
    public func orbitCamera(width: Int, height: Int, yaw: Double, elevation: Double = 20) -> Camera {
        let target = scene.bounds.center
        var distance = 0.0
        for probe in stride(from: 0.0, to: 360, by: 30) {
            let c = fittedCamera(width: width, height: height, yaw: probe, elevation: elevation)
            distance = max(distance, (c.eye - c.target).length + (c.target - target).length)
        }
        return Camera.orbit(
            target: target, OrbitPosition(yaw: yaw, elevation: elevation, distance: distance),
            fovY: 12, aspect: Double(width) / Double(max(height, 1)))
    }

    /// One framing for a whole orbit through `yaws` (degrees) at `elevation`: it circles the
    /// centre of `orbitCamera` at `yaw`, starting from `distanceScale` × 0.8 of that camera's
    /// distance, and keeps every sampled yaw inside the layout's free area and clear of its
    /// overlays (see `OrbitFraming.solve`).
    public func orbitFraming(
        width: Int, height: Int, yaw: Double, yaws: [Double], elevation: Double,
        distanceScale: Double = 1
    ) -> OrbitFraming {
        let reference = orbitCamera(width: width, height: height, yaw: yaw, elevation: elevation)
        let layout = layout(width: width, height: height)
        return OrbitFraming.solve(
            points: scene.framingPoints, centre: reference.target, yaws: yaws, elevation: elevation,
            fovY: reference.fovY, width: width, height: height, free: layout.free, keepOut: layout.keepOut,
            baseDistance: (reference.eye - reference.target).length * 0.8 * distanceScale)
    }
}
