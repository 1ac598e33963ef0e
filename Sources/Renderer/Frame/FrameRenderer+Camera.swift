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
    /// when the far end dips toward a bottom corner), the free area's bottom is raised just
    /// enough to clear them. The same fit as one pose of `poseFraming`.
    public func fittedCamera(width: Int, height: Int, yaw: Double = -35, elevation: Double = 20) -> Camera {
        PoseFraming.fit(framingPoints, yaw: yaw, elevation: elevation, fovY: 12, frame: framingFrame(width: width, height: height))
    }

    /// Framing for every yaw in `yaws` (degrees) at `elevation`, solved per pose and
    /// smoothed (see `PoseFraming`): the network as big as the free area allows at each yaw.
    /// `distanceScale` moves every camera back (> 1) or in (< 1).
    public func poseFraming(
        width: Int, height: Int, yaws: ClosedRange<Double>, elevation: Double, distanceScale: Double = 1
    ) -> PoseFraming {
        PoseFraming.solve(
            points: framingPoints, yaws: yaws, elevation: elevation, fovY: 12,
            frame: framingFrame(width: width, height: height), distanceScale: distanceScale)
    }

    /// Points every camera keeps in view: each slab's true corners (its maps' outlines on
    /// both faces; a turned slab's axis-aligned bounds are much deeper than the slab), a
    /// margin below each label anchor for the label, and the ends of every floor footprint.
    public var framingPoints: [Vec3] {
        scene.layers.flatMap { layer in
            slabCorners(layer) + [layer.labelAnchor + Vec3(0, -7, 0)]
                + (style.showFloor ? [footprintEnds(layer).0, footprintEnds(layer).1] : [])
        }
    }

    /// The corners of every map (or node grid) of `layer` on both faces of its slab.
    public func slabCorners(_ layer: LayerNode) -> [Vec3] {
        let half = scene.planeNormal * (layer.thickness / 2)
        return layer.grids.flatMap { g in g.outline.flatMap { [$0 + half, $0 - half] } }
    }

    /// The free area and keep-out boxes of this renderer's layout, as framing takes them.
    public func framingFrame(width: Int, height: Int) -> PoseFraming.Frame {
        let layout = layout(width: width, height: height)
        return PoseFraming.Frame(width: width, height: height, free: layout.free, keepOut: layout.keepOut)
    }
}
