import Geometry

/// Where one frame's layer labels and operation captions go, decided before anything is
/// drawn: each label tries its candidate boxes in order and takes the first that touches no
/// obstacle (a slab's screen outline, a floor footprint, an overlay panel) and no label
/// placed before it; a label with no free candidate, or whose layer is hidden behind nearer
/// slabs, is left out.
public struct LabelPlan: Sendable {
    /// One placed label.
    public struct Label: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// A layer's name and shape, under (or over) its slab.
            case layer
            /// The operation that made layer `layer`, between it and the one before.
            case caption
        }
        public var kind: Kind
        /// The layer it names (for a caption: the later of the two layers).
        public var layer: Int
        /// The box it occupies, text included.
        public var box: ScreenRect
        /// Opacity 0…1 (fades as its layer is covered by nearer ones, or not yet revealed).
        public var alpha: Double
    }

    /// The labels to draw, in placement order.
    public var labels: [Label]
    /// The convex screen polygons labels were kept off (slab outlines and floor footprints),
    /// and the overlay rectangles.
    public var obstacles: [[ScreenPoint]]
    public var panels: [ScreenRect]

    /// Greedy placement: `requests` in priority order, each with candidate boxes in order of
    /// preference; returns the index of the candidate taken per request (nil: left out).
    public static func place(
        _ requests: [[ScreenRect]], obstacles: [[ScreenPoint]], panels: [ScreenRect], bounds: ScreenRect
    ) -> [Int?] {
        var taken: [ScreenRect] = []
        return requests.map { candidates in
            for (k, box) in candidates.enumerated() where isFree(box, taken: taken, obstacles: obstacles, panels: panels, bounds: bounds) {
                taken.append(box)
                return k
            }
            return nil
        }
    }

    /// Whether `box` lies inside `bounds` and clear of every placed box, panel and obstacle.
    static func isFree(
        _ box: ScreenRect, taken: [ScreenRect], obstacles: [[ScreenPoint]], panels: [ScreenRect], bounds: ScreenRect
    ) -> Bool {
        guard box.minX >= bounds.minX, box.maxX <= bounds.maxX, box.minY >= bounds.minY, box.maxY <= bounds.maxY else {
            return false
        }
        if taken.contains(where: { $0.intersects(box) }) { return false }
        if panels.contains(where: { $0.intersects(box) }) { return false }
        return !obstacles.contains { intersects(box, convex: $0) }
    }

    /// Separating-axis test between a rectangle and a convex polygon (touching does not count).
    public static func intersects(_ r: ScreenRect, convex poly: [ScreenPoint]) -> Bool {
        guard poly.count >= 2 else { return false }
        let xs = poly.map(\.x), ys = poly.map(\.y)
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return false }
        if x1 <= r.minX || x0 >= r.maxX || y1 <= r.minY || y0 >= r.maxY { return false }
        let corners = [(r.minX, r.minY), (r.maxX, r.minY), (r.maxX, r.maxY), (r.minX, r.maxY)]
        for i in poly.indices {
            let a = poly[i], b = poly[(i + 1) % poly.count]
            let nx = -(b.y - a.y), ny = b.x - a.x
            guard nx != 0 || ny != 0 else { continue }
            let polyProj = poly.map { $0.x * nx + $0.y * ny }
            let rectProj = corners.map { $0.0 * nx + $0.1 * ny }
            guard let p0 = polyProj.min(), let p1 = polyProj.max(), let q0 = rectProj.min(), let q1 = rectProj.max() else {
                continue
            }
            if p1 <= q0 || q1 <= p0 { return false }
        }
        return true
    }
}
