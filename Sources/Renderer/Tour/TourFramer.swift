import Foundation
import Geometry
import SceneGraph

/// Camera framing for tours: poses that put a subject (the network, a layer, a map, a node,
/// a neuron's layers) inside the tour's free area, clear of the chapter title, the caption
/// band and the panels, and the measure of how fast a move turns the view. Every subject is
/// framed by the one per-pose fit the orbit uses (`PoseFraming`), so the network is as large
/// in a tour as in an orbit and every close-up is framed the same way.
struct TourFramer {
    let renderer: FrameRenderer?
    let width: Int
    let height: Int
    /// The widest chapter title as drawn (the layout's title box), nil without titles.
    let titleWidth: Double?

    init(renderer: FrameRenderer, width: Int, height: Int, titleWidth: Double?) {
        self.renderer = renderer
        self.width = width
        self.height = height
        self.titleWidth = titleWidth
    }

    private init(width: Int, height: Int) {
        self.renderer = nil
        self.width = width
        self.height = height
        self.titleWidth = nil
    }

    /// A framer that only turns poses into cameras.
    static func lens(width: Int, height: Int) -> TourFramer { TourFramer(width: width, height: height) }

    /// The camera of `pose`.
    func camera(_ pose: CameraPose) -> Camera { pose.camera(width: width, height: height, fovY: TourPlan.fovY) }

    /// The tour layout of a frame (prediction panel reserved when `prediction`).
    func tourLayout(prediction: Bool) -> TourLayout {
        TourLayout(
            frame: FrameLayout(
                width: width, height: height, style: FrameRenderer.tourStyle(renderer?.style ?? FrameStyle(), prediction: prediction),
                titleWidth: titleWidth))
    }

    /// A fallback pose for a framer without a renderer.
    static let fallback = CameraPose(target: .zero, yaw: -35, elevation: 20, distance: 100)

    /// The whole network from `yaw`/`elevation`, as large as the free area allows (the
    /// orbit's per-pose fit).
    func networkPose(yaw: Double, elevation: Double, prediction: Bool) -> CameraPose {
        guard let renderer else { return Self.fallback }
        return fitted(renderer.scene.framingPoints, yaw: yaw, elevation: elevation, frame: tourLayout(prediction: prediction).framing)
    }

    /// An orbit shot's camera: from `start` to `yawTo`/`elevationTo`, the whole network
    /// framed at every degree of the turn (the orbit's per-pose fit), smoothed over a window
    /// of six degrees each side and moved back wherever the smoothing would let it spill, as
    /// `PoseFraming.solve` does for an orbit.
    func networkPath(from start: CameraPose, yawTo: Double, elevationTo: Double, prediction: Bool) -> NetworkPath {
        guard let renderer else { return NetworkPath(samples: [start, start]) }
        let points = renderer.scene.framingPoints
        let frame = tourLayout(prediction: prediction).framing
        let turn = max(abs(yawTo - start.yaw), abs(elevationTo - start.elevation))
        let count = max(2, Int(turn.rounded(.up)) + 1)
        let angles = (0..<count).map { i -> (yaw: Double, elevation: Double) in
            let e = Double(i) / Double(count - 1)
            return (start.yaw + (yawTo - start.yaw) * e, start.elevation + (elevationTo - start.elevation) * e)
        }
        let raw = angles.map { a -> PoseFraming.Sample in
            let pose = fitted(points, yaw: a.yaw, elevation: a.elevation, frame: frame)
            return PoseFraming.Sample(yaw: a.yaw, target: pose.target, distance: pose.distance)
        }
        let radius = min(6, (count - 1) / 2)
        let smoothed = PoseFraming.smooth(raw, radius: radius)
        let needed = smoothed.indices.map { i -> Double in
            var factor = 1.0
            for _ in 0..<80 {
                let pose = CameraPose(
                    target: smoothed[i].target, yaw: angles[i].yaw, elevation: angles[i].elevation,
                    distance: smoothed[i].distance * factor)
                if PoseFraming.fits(points, camera: camera(pose), frame: frame, margin: 1) { break }
                factor *= 1.005
            }
            return factor
        }
        let spread = PoseFraming.meanOfMaxima(needed, radius: radius)
        return NetworkPath(
            samples: smoothed.indices.map { i in
                CameraPose(
                    target: smoothed[i].target, yaw: angles[i].yaw, elevation: angles[i].elevation,
                    distance: smoothed[i].distance * spread[i])
            })
    }

    /// A pose framing `subject` from `yaw`/`elevation`.
    func pose(_ subject: TourSubject, yaw: Double, elevation: Double, prediction: Bool) -> CameraPose {
        guard let renderer else { return Self.fallback }
        let scene = renderer.scene
        let points: [Vec3]
        switch subject {
        case .network:
            return networkPose(yaw: yaw, elevation: elevation, prediction: prediction)
        case .layer(let l):
            let layer = scene.layers[l]
            points = renderer.slabCorners(layer) + [layer.labelAnchor + Vec3(0, -7, 0)]
        case .map(let l, let m):
            let layer = scene.layers[l]
            let grid = layer.grids[min(m, layer.grids.count - 1)]
            points = Self.slab(grid.outline, layer: layer, scene: scene)
        case .node(let l, let n):
            let layer = scene.layers[l]
            points = Self.neighbourhood(of: n, in: layer, scene: scene)
        }
        return fitted(points, yaw: yaw, elevation: elevation, frame: tourLayout(prediction: prediction).framing)
    }

    /// The default yaw of a close-up of layer `l`: the first of `TourPlan.clearYaws` from
    /// which nearer layers hide at most 5 % of it once framed (else the least hidden), so a
    /// fly-to shows its subject rather than the layer in front of it.
    func clearYaw(layer l: Int, elevation: Double, prediction: Bool) -> Double {
        guard let renderer else { return TourPlan.closeYaw }
        var best = (yaw: TourPlan.closeYaw, seen: -1.0)
        for yaw in TourPlan.clearYaws {
            let pose = pose(.layer(l), yaw: yaw, elevation: elevation, prediction: prediction)
            let seen = renderer.layerVisibility(camera(pose).projector(width: width, height: height))[l]
            if seen >= 0.95 { return yaw }
            if seen > best.seen { best = (yaw, seen) }
        }
        return best.yaw
    }

    /// Points a neuron shot keeps in view: the slabs of its layers, from the earliest traced
    /// region to the unit's layer.
    func neuronPoints(layer: Int, regions: [ReceptiveRegion]) -> [Vec3] {
        guard let renderer else { return [] }
        let scene = renderer.scene
        let first = max(0, min(regions.map(\.layer).min() ?? (layer - 1), layer - 1))
        return (first...layer).flatMap { renderer.slabCorners(scene.layers[$0]) }
    }

    /// A pose framing a neuron's layers in the area left of the neuron panel.
    func neuronPose(layer: Int, regions: [ReceptiveRegion], yaw: Double, elevation: Double) -> CameraPose {
        guard renderer != nil else { return Self.fallback }
        return fitted(
            neuronPoints(layer: layer, regions: regions), yaw: yaw, elevation: elevation,
            frame: tourLayout(prediction: false).neuronFraming)
    }

    /// The orbit's per-pose fit of `points` into `frame`, as a pose.
    func fitted(_ points: [Vec3], yaw: Double, elevation: Double, frame: PoseFraming.Frame) -> CameraPose {
        let camera = PoseFraming.fit(points, yaw: yaw, elevation: elevation, fovY: TourPlan.fovY, frame: frame)
        return CameraPose(target: camera.target, yaw: yaw, elevation: elevation, distance: (camera.eye - camera.target).length)
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

    /// The fastest the view direction turns (degrees per second) and the fastest the
    /// distance changes (natural log per second) when `shot`'s move takes one second.
    func peakRates(_ shot: PlannedShot) -> (turn: Double, zoom: Double) {
        let steps = 240
        var previous = shot.pose(at: 0)
        var previousForward = camera(previous).forward
        var turn = 0.0, zoom = 0.0
        for i in 1...steps {
            let pose = shot.pose(at: shot.shot.easing.apply(Double(i) / Double(steps)))
            let forward = camera(pose).forward
            let angle = acos(min(1, max(-1, previousForward.dot(forward)))) * 180 / .pi
            turn = max(turn, angle * Double(steps))
            if pose.distance > 0, previous.distance > 0 {
                zoom = max(zoom, abs(log(pose.distance / previous.distance)) * Double(steps))
            }
            previous = pose
            previousForward = forward
        }
        return (turn, zoom)
    }
}
