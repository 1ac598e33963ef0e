import Foundation
import Geometry
import SceneGraph

/// Camera framing for tours: poses that put a subject (the network, a layer, a map, a node,
/// a neuron's layers) inside the tour's free area, clear of the caption band, and the
/// measure of how fast a move turns the view. Uses the orbit framing and `Camera.fitting`
/// through small calls.
struct TourFramer {
    let renderer: FrameRenderer?
    let width: Int
    let height: Int

    init(renderer: FrameRenderer, width: Int, height: Int) {
        self.renderer = renderer
        self.width = width
        self.height = height
    }

    private init(width: Int, height: Int) {
        self.renderer = nil
        self.width = width
        self.height = height
    }

    /// A framer that only turns poses into cameras.
    static func lens(width: Int, height: Int) -> TourFramer { TourFramer(width: width, height: height) }

    /// The camera of `pose`.
    func camera(_ pose: CameraPose) -> Camera { pose.camera(width: width, height: height, fovY: TourPlan.fovY) }

    /// The frame layout of a tour frame (prediction panel reserved when `prediction`).
    func frameLayout(prediction: Bool) -> FrameLayout {
        FrameLayout(width: width, height: height, style: FrameRenderer.tourStyle(renderer?.style ?? FrameStyle(), prediction: prediction))
    }

    /// The whole network, one distance for every yaw in `yaws` (the orbit framing), at the
    /// last yaw.
    func networkPose(yaws: [Double], elevation: Double, prediction: Bool) -> CameraPose {
        guard let renderer, let yaw = yaws.last else { return CameraPose(target: .zero, yaw: -35, elevation: 20, distance: 100) }
        let layout = frameLayout(prediction: prediction)
        let reference = renderer.orbitCamera(width: width, height: height, yaw: yaw, elevation: elevation)
        let framing = OrbitFraming.solve(
            points: renderer.scene.framingPoints, centre: reference.target, yaws: yaws, elevation: elevation,
            fovY: TourPlan.fovY, width: width, height: height, free: layout.free, keepOut: layout.keepOut,
            baseDistance: (reference.eye - reference.target).length * 0.8)
        return CameraPose(framing: framing, yaw: yaw, elevation: elevation)
    }

    /// A pose framing `subject` from `yaw`/`elevation`.
    func pose(_ subject: TourSubject, yaw: Double, elevation: Double, prediction: Bool) -> CameraPose {
        guard let renderer else { return networkPose(yaws: [yaw], elevation: elevation, prediction: prediction) }
        let scene = renderer.scene
        let points: [Vec3]
        switch subject {
        case .network:
            return networkPose(yaws: [yaw], elevation: elevation, prediction: prediction)
        case .layer(let l):
            let layer = scene.layers[l]
            points = layer.bounds.corners + [layer.labelAnchor + Vec3(0, -7, 0)]
        case .map(let l, let m):
            let layer = scene.layers[l]
            let grid = layer.grids[min(m, layer.grids.count - 1)]
            points = Self.slab(grid.outline, layer: layer, scene: scene)
        case .node(let l, let n):
            let layer = scene.layers[l]
            points = Self.neighbourhood(of: n, in: layer, scene: scene)
        }
        return fitted(points, yaw: yaw, elevation: elevation, free: frameLayout(prediction: prediction).free)
    }

    /// A pose framing a neuron's layers (from the earliest traced region to the unit's layer)
    /// in the area left of the neuron panel.
    func neuronPose(layer: Int, regions: [ReceptiveRegion], yaw: Double, elevation: Double) -> CameraPose {
        guard let renderer else { return networkPose(yaws: [yaw], elevation: elevation, prediction: false) }
        let scene = renderer.scene
        let first = max(0, min(regions.map(\.layer).min() ?? (layer - 1), layer - 1))
        var points: [Vec3] = []
        for l in first...layer { points += scene.layers[l].bounds.corners }
        let free = TourLayout(frame: frameLayout(prediction: false)).neuronFree
        return fitted(points, yaw: yaw, elevation: elevation, free: free)
    }

    func fitted(_ points: [Vec3], yaw: Double, elevation: Double, free: ScreenRect) -> CameraPose {
        let camera = Camera.fitting(points, yaw: yaw, elevation: elevation, fovY: TourPlan.fovY, width: width, height: height, free: free)
        return CameraPose(
            target: camera.target, yaw: yaw, elevation: elevation, distance: (camera.eye - camera.target).length)
    }

    /// A grid's outline on both faces of its slab.
    static func slab(_ outline: [Vec3], layer: LayerNode, scene: NetworkScene) -> [Vec3] {
        let half = scene.planeNormal * (layer.thickness / 2)
        return outline.map { $0 + half } + outline.map { $0 - half }
    }

    /// The corners of the 5×5 block of cells around node `n` (clipped to the grid).
    static func neighbourhood(of n: Int, in layer: LayerNode, scene: NetworkScene) -> [Vec3] {
        guard let grid = layer.grids.first, grid.cols > 0 else { return layer.bounds.corners }
        let index = min(max(n, 0), max(grid.count - 1, 0))
        let r = index / grid.cols, c = index % grid.cols
        let r0 = Double(max(0, r - 2)), r1 = Double(min(grid.rows, r + 3))
        let c0 = Double(max(0, c - 2)), c1 = Double(min(grid.cols, c + 3))
        let outline = [
            grid.corner(row: r0, col: c0), grid.corner(row: r0, col: c1), grid.corner(row: r1, col: c1),
            grid.corner(row: r1, col: c0),
        ]
        return slab(outline, layer: layer, scene: scene)
    }

    /// The fastest the view direction turns (degrees per second) when the move from `a` to
    /// `b` takes one second with `easing`.
    func peakTurn(from a: CameraPose, to b: CameraPose, easing: TourEasing) -> Double {
        let steps = 240
        var previous = camera(a).forward
        var peak = 0.0
        for i in 1...steps {
            let pose = CameraPose.between(a, b, easing.apply(Double(i) / Double(steps)))
            let forward = camera(pose).forward
            let angle = acos(min(1, max(-1, previous.dot(forward)))) * 180 / .pi
            peak = max(peak, angle * Double(steps))
            previous = forward
        }
        return peak
    }
}
