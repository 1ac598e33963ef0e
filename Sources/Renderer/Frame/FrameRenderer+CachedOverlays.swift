import CairoGraphics
import Geometry

/// The overlay panels of a raster frame composited from sprites drawn once (`OverlayCache`).
extension FrameRenderer {
    /// Title, legend and prediction panel, in that order, into `surface` (the pixels behind
    /// `f.context`): each from its cached sprite, or drawn with Cairo when it has none.
    func paintCachedOverlays(_ f: FrameContext, into surface: ImageSurface) {
        let cap = f.context.lineCap
        let panels: [(OverlayCache.Key.Panel, ScreenRect?)] = [
            (.title, style.title == nil ? nil : f.layout.title),
            (.legend, style.showLegend ? f.layout.legend : nil),
            (.prediction, style.showPrediction ? f.layout.prediction : nil),
        ]
        for case let (panel, rect?) in panels {
            let key = OverlayCache.Key(
                panel: panel, width: Int(f.width), height: Int(f.height),
                outputReveal: panel == .prediction ? (f.reveal.last ?? 1).bitPattern : 0, cap: cap)
            let sprite = overlays.sprite(key) { try? overlaySprite(panel, around: rect, cap: cap, f) }
            if let sprite {
                sprite.composite(over: surface)
            } else {
                paintOverlay(panel, f)
            }
        }
    }

    /// `panel` drawn on its own over transparency, in a scratch surface covering `rect` and
    /// a margin (nil when the drawing reached the margin's edge).
    func overlaySprite(_ panel: OverlayCache.Key.Panel, around rect: ScreenRect, cap: LineCap, _ f: FrameContext) throws
        -> OverlaySprite?
    {
        let margin = (16 * f.scale).rounded(.up) + 2
        let x0 = Int((rect.x - margin).rounded(.down)), y0 = Int((rect.y - margin).rounded(.down))
        let x1 = Int((rect.maxX + margin).rounded(.up)), y1 = Int((rect.maxY + margin).rounded(.up))
        return try OverlaySprite.draw(x: x0, y: y0, width: x1 - x0, height: y1 - y0) { c in
            // The frame context's state when the panels are drawn (see `draw`).
            c.setAntialias(.good)
            c.setLineCap(cap)
            let scratch = FrameContext(
                context: c, projector: f.projector, layout: f.layout, reveal: f.reveal, dimming: f.dimming, pixels: nil)
            paintOverlay(panel, scratch)
        }
    }

    /// Draws one overlay panel with Cairo.
    func paintOverlay(_ panel: OverlayCache.Key.Panel, _ f: FrameContext) {
        switch panel {
        case .title: paintTitle(f)
        case .legend: paintLegend(f)
        case .prediction: paintPrediction(f)
        }
    }
}
