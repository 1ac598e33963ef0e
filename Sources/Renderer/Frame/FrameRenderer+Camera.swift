import CairoGraphics
import Geometry
import SceneGraph

/// Camera framing: every camera the renderer proposes keeps the network inside the free
/// area of its `FrameLayout` and clear of the overlays.
extension FrameRenderer {
    /// Where the overlays sit and the area left for the network at this frame size.
    /// The title box is measured, so the network may use the space beside the title.
    public func layout(width: Int, height: Int) -> FrameLayout {
        FrameLayout(width: width, height: height, style: style, titleWidth: titleWidth(height: height, width: width))
    }

    /// Width in pixels of the widest title or subtitle line as the title painter sets them
    /// (32 px bold and 16 px at 1080 rows), or nil when it cannot be measured.
    func titleWidth(height: Int, width: Int) -> Double? {
        guard let title = style.title, let surface = try? ImageSurface(width: 1, height: 1),
            let c = try? Context(surface)
        else { return nil }
        let s = style.overlayScale ?? Double(min(width, height)) / 1080
        c.setFont(32 * s, bold: true)
        var widest = c.textExtents(title).xAdvance
        c.setFont(16 * s)
        for line in style.subtitle { widest = max(widest, c.textExtents(line).xAdvance) }
        return widest
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
