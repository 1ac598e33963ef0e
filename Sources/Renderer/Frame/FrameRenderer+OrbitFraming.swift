import Geometry

extension FrameRenderer {
    /// A camera at `yaw` circling the scene's centre at one distance that fits the network at
    /// every yaw probed 30° apart: the reference from which tours, replays and sweeps solve
    /// their `OrbitFraming` (the orbit itself frames each pose with `PoseFraming`).
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
}
