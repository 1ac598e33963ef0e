import CairoGraphics
import Geometry

/// What one frame's painters share.
struct FrameContext {
    let context: Context
    let projector: Projector
    /// Where the overlays go and the overlay scale.
    let layout: FrameLayout
    var width: Double { layout.width }
    var height: Double { layout.height }
    /// Overlay scale (1 at 1080 rows).
    var scale: Double { layout.scale }
    /// Reveal amount per layer.
    let reveal: [Double]
    /// Blend toward the background per layer.
    let dimming: [Double]
    /// The image surface `context` draws into with an identity transform, when there is one:
    /// maps' cells are then scan-converted straight into its pixels (`QuadRasterizer`);
    /// nil (vector surfaces, other callers' contexts) keeps every cell a Cairo fill.
    let pixels: ImageSurface?
}
