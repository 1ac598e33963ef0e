/// Stage 4: the boundary pixels of the kept ink and its bounding box.
public enum Outline {
    /// Kept-ink pixels (mask value 1) with at least one 4-neighbour that is not kept ink (or the
    /// canvas edge).
    public static func boundary(_ mask: Plane<UInt8>, within box: PixelRect) -> [PixelPoint] {
        let w = mask.width, h = mask.height
        var points: [PixelPoint] = []
        mask.pixels.withUnsafeBufferPointer { k in
            for y in box.y..<box.maxY {
                for x in box.x..<box.maxX where k[y * w + x] == 1 {
                    let edge =
                        x == 0 || y == 0 || x == w - 1 || y == h - 1
                        || k[y * w + x - 1] != 1 || k[y * w + x + 1] != 1 || k[(y - 1) * w + x] != 1 || k[(y + 1) * w + x] != 1
                    if edge { points.append(PixelPoint(x: x, y: y)) }
                }
            }
        }
        return points
    }

    /// The bounding box of the kept components (nil when none is kept).
    public static func boundingBox(of components: [InkComponent]) -> PixelRect? {
        components.filter(\.kept).map(\.bounds).reduce(nil) { acc, b in acc.map { $0.union(b) } ?? b }
    }
}
