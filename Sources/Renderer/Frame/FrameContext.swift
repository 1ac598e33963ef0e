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
}
