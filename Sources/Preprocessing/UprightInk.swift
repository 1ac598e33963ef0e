import Foundation

/// A photographed digit turned upright: the page's tilt (from its printed lines) undone
/// around the kept ink, so the digit stands as it was written along the lines.
public struct UprightInk: Sendable {
    /// Rotation undone, radians (the page's tilt).
    public var angle: Double
    /// Darkness (0 paper … 255 ink) resampled bilinearly into the upright frame.
    public var darkness: Plane<UInt8>
    /// The ink mask (0 paper, 1 kept ink, 2 dropped) resampled by nearest neighbour.
    public var mask: Plane<UInt8>
    /// Bounding box of the kept ink in the upright frame.
    public var box: PixelRect
    /// The point of the page the upright frame turns about (the centre of the page box).
    public var centreX: Double
    public var centreY: Double

    /// The page pixels (clipped to `width`×`height`) that an upright-frame rectangle covers.
    public func pageRect(_ r: PixelRect, width: Int, height: Int) -> PixelRect {
        let (c, s) = (cos(angle), sin(angle))
        let (ow, oh) = (Double(darkness.width), Double(darkness.height))
        let corners = [(r.x, r.y), (r.maxX, r.y), (r.x, r.maxY), (r.maxX, r.maxY)].map { x, y -> (Double, Double) in
            let qx = Double(x) - ow / 2, qy = Double(y) - oh / 2
            return (centreX + qx * c - qy * s, centreY + qx * s + qy * c)
        }
        let x0 = max(0, Int((corners.map(\.0).min() ?? 0).rounded(.down)))
        let y0 = max(0, Int((corners.map(\.1).min() ?? 0).rounded(.down)))
        let x1 = min(width, Int((corners.map(\.0).max() ?? 0).rounded(.up)))
        let y1 = min(height, Int((corners.map(\.1).max() ?? 0).rounded(.up)))
        return PixelRect(x: x0, y: y0, width: max(1, x1 - x0), height: max(1, y1 - y0))
    }

    /// Turns the region around `box` upright by `tilt` (page → canvas is a rotation by `tilt`
    /// about the box centre). Nil when no kept ink lands in the frame.
    public static func make(darkness: Plane<UInt8>, mask: Plane<UInt8>, box: PixelRect, tilt: Double) -> UprightInk? {
        let (c, s) = (cos(tilt), sin(tilt))
        let cx = Double(box.x) + Double(box.width) / 2, cy = Double(box.y) + Double(box.height) / 2
        // Extent of the box in the upright frame (its corners turned back by −tilt), plus a margin.
        let hw = Double(box.width) / 2, hh = Double(box.height) / 2
        let halfW = abs(hw * c) + abs(hh * s) + 3, halfH = abs(hw * s) + abs(hh * c) + 3
        let ow = Int((2 * halfW).rounded(.up)), oh = Int((2 * halfH).rounded(.up))
        guard ow > 0, oh > 0 else { return nil }
        let w = darkness.width, h = darkness.height
        var dark = [UInt8](repeating: 0, count: ow * oh), kept = [UInt8](repeating: 0, count: ow * oh)
        for y in 0..<oh {
            for x in 0..<ow {
                let qx = Double(x) + 0.5 - Double(ow) / 2, qy = Double(y) + 0.5 - Double(oh) / 2
                let px = cx + qx * c - qy * s, py = cy + qx * s + qy * c
                let nx = Int(px.rounded(.down)), ny = Int(py.rounded(.down))
                guard nx >= 0, ny >= 0, nx < w, ny < h else { continue }
                kept[y * ow + x] = mask.pixels[ny * w + nx]
                // bilinear between pixel centres
                let sx = min(max(px - 0.5, 0), Double(w - 1)), sy = min(max(py - 0.5, 0), Double(h - 1))
                let x0 = Int(sx), y0 = Int(sy), x1 = min(x0 + 1, w - 1), y1 = min(y0 + 1, h - 1)
                let fx = sx - Double(x0), fy = sy - Double(y0)
                let top = Double(darkness.pixels[y0 * w + x0]) * (1 - fx) + Double(darkness.pixels[y0 * w + x1]) * fx
                let bottom = Double(darkness.pixels[y1 * w + x0]) * (1 - fx) + Double(darkness.pixels[y1 * w + x1]) * fx
                dark[y * ow + x] = UInt8(max(0, min(255, (top * (1 - fy) + bottom * fy).rounded())))
            }
        }
        let maskPlane = Plane(width: ow, height: oh, pixels: kept)
        guard let bounds = Preprocessor.trueBounds(Plane(width: ow, height: oh, pixels: kept.map { $0 == 1 })) else { return nil }
        return UprightInk(
            angle: tilt, darkness: Plane(width: ow, height: oh, pixels: dark), mask: maskPlane, box: bounds, centreX: cx, centreY: cy)
    }
}
