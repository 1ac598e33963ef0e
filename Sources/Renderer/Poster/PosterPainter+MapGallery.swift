import CairoGraphics
import DigitNet
import Geometry

/// The many-map page: one compact card per feature map (see `MapGallery`), for stages with
/// more maps than the roomy cards of `paintMaps` hold.
extension PosterPainter {
    /// More maps than this get the compact gallery.
    static let roomyMapLimit = 16

    /// Every map of stage `s` as a compact card: caption (`map 12 · max 1.23`), the map in
    /// viridis on the layer's shared scale with its peak outlined, and for a convolution the
    /// filter's kernels (one per input channel) on the layer's diverging scale.
    func paintMapGallery(stage s: Int, in body: ScreenRect, _ c: Context) throws {
        let shape = content.network.shapes[s + 1]
        let (channels, h, w) = (shape[0], shape[1], shape[2])
        let values = activation(s)
        let layerMax = values.max() ?? 0
        let conv = content.network.stages[s].conv
        let gallery = MapGallery(channels: channels, mapHeight: h, mapWidth: w, kernels: conv?.inChannels ?? 0, in: body)
        let range = ValueRange(low: 0, high: max(layerMax, 1e-12))
        let kernelMax = conv.map { Double($0.weight.map(abs).max() ?? 0) } ?? 0
        for (ch, tile) in gallery.cards.enumerated() {
            card(tile.frame, c)
            let map = Array(values[(ch * h * w)..<((ch + 1) * h * w)])
            let mapMax = map.max() ?? 0
            // "map 12 · max 1.23", or just "map 12" when the column is too narrow for more.
            let room = tile.frame.maxX - 8 - tile.captionX
            let full = "map \(ch) · max " + NumberFormat.decimal(Double(mapMax))
            c.setFont(gallery.captionSize)
            let caption = c.textExtents(full).xAdvance <= room ? full : "map \(ch)"
            text(caption, tile.captionX, tile.captionY, size: gallery.captionSize, color: palette.muted, c)
            let image = try Raster.image(map, width: w, height: h) { viridis.color(at: range.normalize($0)) }
            c.drawImage(image, x: tile.map.x, y: tile.map.y, width: tile.map.width, height: tile.map.height, filter: .nearest)
            outlinePeak(map, width: w, in: tile.map, c)
            guard let conv else { continue }
            let n = conv.kernel * conv.kernel
            for ic in 0..<conv.inChannels {
                let start = (ch * conv.inChannels + ic) * n
                let kimg = try Raster.image(Array(conv.weight[start..<(start + n)]), width: conv.kernel, height: conv.kernel) {
                    rdbu.color(at: kernelMax > 0 ? (Double($0) / kernelMax + 1) / 2 : 0.5)
                }
                let (kx, ky) = gallery.kernelOrigin(ic, in: tile)
                c.drawImage(kimg, x: kx, y: ky, width: gallery.kernelSide, height: gallery.kernelSide, filter: .nearest)
            }
        }
    }

    /// Outlines the largest cell of `map` (when positive) inside `rect`.
    func outlinePeak(_ map: [Float], width w: Int, in rect: ScreenRect, _ c: Context) {
        guard let mapMax = map.max(), mapMax > 0, let peak = map.firstIndex(of: mapMax) else { return }
        let cell = rect.width / Double(max(w, 1))
        c.newPath()
        c.rectangle(rect.x + Double(peak % w) * cell, rect.y + Double(peak / w) * cell, cell, cell)
        c.setLineWidth(max(1.5, cell * 0.2))
        c.setColor(palette.text)
        c.stroke()
    }

    /// Index labels under a bar field of `count` bars: every 10th up to 200 bars, then every
    /// 50th, 100th, … so that at most about 25 labels show.
    static func barLabelStride(count: Int) -> Int {
        for stride in [10, 20, 50, 100, 200, 500, 1000] where count / stride <= 25 { return stride }
        return max(1, count / 25)
    }

    /// The footer's pipeline for stage `current` of `names`: every stage for up to 7, else
    /// the 5 around the current one with `…` for the rest (a 12-stage pipeline would run
    /// into the footer's title). Returns the names and the current one's index among them.
    public static func footerTrail(_ names: [String], current: Int) -> (names: [String], current: Int) {
        guard names.count > 7 else { return (names, current) }
        let lo = min(max(current - 2, 0), names.count - 5), hi = lo + 5
        var trail = Array(names[lo..<hi])
        var here = current - lo
        if lo > 0 {
            trail.insert("…", at: 0)
            here += 1
        }
        if hi < names.count { trail.append("…") }
        return (trail, here)
    }
}
