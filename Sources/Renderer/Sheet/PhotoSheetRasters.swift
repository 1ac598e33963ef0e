import CairoGraphics
import Preprocessing

/// The pictures of `PhotoSheetPanel`, made from a photo's stages at the working plane's size.
enum PhotoSheetRasters {
    /// The panel's picture, or nil for a clean canvas.
    static func picture(_ panel: PhotoSheetPanel, _ s: PreprocessedDigit) throws -> ImageSurface? {
        guard let p = s.photo else { return nil }
        switch panel {
        case .background: return try background(p)
        case .normalised: return try normalised(p)
        case .dropped: return try dropped(p, s)
        }
    }

    /// The estimated light, bilinearly enlarged from its samples to the working plane (grey).
    static func background(_ p: PhotoSeparation) throws -> ImageSurface {
        let bg = p.illumination.background
        let (w, h) = (p.darkness.width, p.darkness.height)
        let enlarged = Resample.resize(bg, width: w, height: h)
        return try Raster.image(width: w, height: h) { x, y in Raster.gray(enlarged[x, y] / 255) }
    }

    /// Darkness as ink on white paper: what the thresholds see, the light gone.
    static func normalised(_ p: PhotoSeparation) throws -> ImageSurface {
        try Raster.image(width: p.darkness.width, height: p.darkness.height) { x, y in
            Raster.gray(1 - Float(p.darkness[x, y]) / 255)
        }
    }

    /// Kept ink in the accent colour, printed lines in amber, noise in the alert colour, ink
    /// pieces left out as off the page (the desk) in the muted text colour, on the faint page.
    static func dropped(_ p: PhotoSeparation, _ s: PreprocessedDigit) throws -> ImageSurface {
        let palette = SheetStyle.palette
        let (w, h) = (p.darkness.width, p.darkness.height)
        // The kept ink, from the canvas-size mask back to the working plane (nearest).
        let sx = Double(s.inkMask.width) / Double(w), sy = Double(s.inkMask.height) / Double(h)
        return try Raster.image(width: w, height: h) { x, y in
            let mx = min(s.inkMask.width - 1, Int((Double(x) + 0.5) * sx)), my = min(s.inkMask.height - 1, Int((Double(y) + 0.5) * sy))
            if s.inkMask[mx, my] == 1 { return palette.accent }
            switch p.dropped[x, y] {
            case 1: return palette.amber
            case 2: return palette.alert
            case 3: return palette.muted
            default: return Raster.gray(0.12 + 0.2 * (1 - Float(p.darkness[x, y]) / 255))
            }
        }
    }
}
