import CairoGraphics
import Preprocessing

/// A magnified view of tiny ink (a small digit in a big photo) in a corner of a canvas-sized
/// picture: the region around the ink's bounding box drawn again at its own resolution,
/// framed, with the region marked where it sits on the picture.
struct InkInset {
    /// The ink is tiny when the longer side of its bounding box covers less than this share
    /// of the picture's side.
    static let tinyShare = 0.25
    /// The inset's side as a share of the picture's side.
    static let sideShare = 0.5

    /// The width of the inset's frame and link at sizes `m` (1 on the wide sheet, 0.5 pt on a page).
    static func lineWidth(_ m: SheetMetrics) -> Double { min(1, max(0.5, m.detail)) }

    /// The canvas pixels the inset shows (a square around the ink, clamped to the canvas).
    let region: PixelRect
    /// Where the region sits on the picture, and the inset's square.
    let marker: (x: Double, y: Double, width: Double, height: Double)
    let inset: (x: Double, y: Double, side: Double)

    /// The inset for `stages` drawn at `fit` in a `side`-wide picture at (x, y), or nil when
    /// the ink is not tiny there.
    init?(_ stages: PreprocessedDigit, fit: CanvasFit, x: Double, y: Double, side: Double) {
        let box = stages.boundingBox
        guard box.width > 0, box.height > 0,
            Double(max(box.width, box.height)) * fit.scale < Self.tinyShare * side
        else { return nil }
        let c = stages.canvas
        // A square around the ink with a quarter of its size as border.
        let want = min(max(c.width, c.height), Int((Double(max(box.width, box.height)) * 1.5).rounded(.up)) + 2)
        let w = min(c.width, want), h = min(c.height, want)
        let cx = box.x + box.width / 2, cy = box.y + box.height / 2
        let rx = max(0, min(c.width - w, cx - w / 2)), ry = max(0, min(c.height - h, cy - h / 2))
        region = PixelRect(x: rx, y: ry, width: w, height: h)
        marker = (
            fit.x + Double(rx) * fit.scale, fit.y + Double(ry) * fit.scale, Double(w) * fit.scale, Double(h) * fit.scale
        )
        // The corner farthest from the ink.
        let s = side * Self.sideShare, pad = max(2, side * 0.03)
        let inkX = fit.x + (Double(cx) + 0.5) * fit.scale, inkY = fit.y + (Double(cy) + 0.5) * fit.scale
        let left = inkX > x + side / 2, top = inkY > y + side / 2
        inset = (left ? x + pad : x + side - pad - s, top ? y + pad : y + side - pad - s, s)
    }

    /// Draws the marker and the inset; `raster(region, maxSide)` makes the panel's picture of
    /// the region; `enlarged` pictures are drawn as hard-edged cells.
    func draw(
        _ cr: Context, lineWidth: Double, background: RGBA,
        raster: (PixelRect, Int) throws -> ImageSurface
    ) throws {
        let pal = SheetStyle.palette
        let (ix, iy, s) = inset
        // The link from the marked region to the inset, under both.
        cr.newPath()
        cr.moveTo(marker.x + marker.width / 2, marker.y + marker.height / 2)
        cr.lineTo(ix + s / 2, iy + s / 2)
        cr.setColor(pal.accent.withAlpha(0.5))
        cr.setLineWidth(lineWidth)
        cr.stroke()
        cr.newPath()
        cr.rectangle(ix, iy, s, s)
        cr.setColor(background)
        cr.fill()
        let image = try raster(region, Int((s * 2).rounded(.up)))
        let fit = CanvasFit(canvasWidth: region.width, canvasHeight: region.height, panelX: ix, panelY: iy, side: s)
        if Double(max(region.width, region.height)) <= s * 2 {
            cr.drawCells(image, x: fit.x, y: fit.y, width: fit.width, height: fit.height)
        } else {
            cr.drawImage(image, x: fit.x, y: fit.y, width: fit.width, height: fit.height, filter: .good)
        }
        cr.newPath()
        cr.rectangle(ix, iy, s, s)
        cr.rectangle(marker.x, marker.y, marker.width, marker.height)
        cr.setColor(pal.accent)
        cr.stroke()
    }

    /// How many times larger the inset shows the ink than the picture does.
    var magnification: Double { inset.side / max(marker.width, marker.height) }
}
