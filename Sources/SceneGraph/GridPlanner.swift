import Foundation

/// Chooses how a layer is arranged on its plane from its shape alone (never from its name):
/// a grid of feature maps for `(C,H,W)` activations, a grid of node squares for vectors, a
/// labelled column for a short output. Sizes are in world units.
///
/// Every slab fits a budget: at most `slabHeight` tall and `slabWidth` wide, so a network
/// with 1 map or 128, 10 nodes or a few thousand keeps one scale and the camera can frame
/// all of it. Among the grids that fit, the planner takes the one whose maps are nearly the
/// largest (within `nearlyLargest` of the best), then the one with fewest empty places, then
/// the narrowest (slabs stand tall, so more layers fit side by side across the frame).
/// For the bundled LeNet this gives the look's grids: 8 maps as 4×2, 16 as 8×2, 120 nodes
/// as 15×8, 84 as 12×7 and the ten outputs as a column.
public enum GridPlanner {
    /// Tallest slab (world units).
    public static let slabHeight = 52.0
    /// Widest slab of maps (world units). The camera sees the slabs nearly face-on, so a
    /// slab's width costs as much screen room as the gap to its neighbour: slabs stay
    /// narrower than tall.
    public static let slabWidth = 30.0
    /// Tallest node grid (a little shorter than a slab of maps, as in the look).
    public static let nodeHeight = 46.0
    /// Largest pitch between node centres of a hidden dense layer.
    public static let nodePitch = 3.1
    /// Largest pitch of the output column's nodes.
    public static let outputPitch = 3.6
    /// Most outputs drawn as one labelled column; more become a grid.
    public static let outputColumnLimit = 20
    /// The input image's side (its longer side for a non-square input).
    public static let inputSide = 28.0
    /// A grid whose maps are at least this fraction of the largest possible counts as
    /// "nearly the largest".
    public static let nearlyLargest = 0.85

    /// Preferred side of a map `resolution` cells across when nothing else limits it: grows
    /// with the logarithm of the resolution, so small maps keep large readable cells
    /// (28 → 10.9, 14 → 8.0, 5 → 3.7) and never falls below `smallestSide`.
    public static func naturalSide(resolution: Int) -> Double {
        max(4.2 * log(Double(max(resolution, 1))) - 3.1, smallestSide)
    }

    /// Side of the smallest maps (3×3, 1×1, …): about a ninth of the input, still a visible tile.
    public static let smallestSide = 3.0

    /// Gap between neighbouring maps whose side is `side`.
    public static func mapGap(side: Double) -> Double { 0.12 * side + 0.35 }

    /// The grid for `channels` maps of `height`×`width` cells.
    public static func maps(channels: Int, height: Int, width: Int) -> LayerLayout {
        let count = max(channels, 1)
        let aspect = Double(max(height, 1)) / Double(max(width, 1))  // map height per unit of width
        let natural = naturalSide(resolution: max(height, width)) / max(aspect, 1)
        /// The largest map side (its width) for `cols` columns, limited by both budgets.
        func side(cols: Int) -> Double {
            let rows = (count + cols - 1) / cols
            let r = Double(rows), c = Double(cols)
            // rows·s·aspect + (rows−1)·(0.12·s + 0.35) ≤ H, likewise across with aspect 1.
            let byHeight = (slabHeight - 0.35 * (r - 1)) / (r * aspect + 0.12 * (r - 1))
            let byWidth = (slabWidth - 0.35 * (c - 1)) / (c + 0.12 * (c - 1))
            return min(natural, byHeight, byWidth)
        }
        let candidates = (1...count).map { cols in (cols: cols, side: side(cols: cols)) }.filter { $0.side > 0 }
        guard let best = candidates.map(\.side).max() else {
            return LayerLayout(rows: count, cols: 1, size: 0.1, gap: 0.05)
        }
        let chosen = candidates.filter { $0.side >= best * nearlyLargest }.min { a, b in
            let emptyA = ((count + a.cols - 1) / a.cols) * a.cols - count
            let emptyB = ((count + b.cols - 1) / b.cols) * b.cols - count
            return (emptyA, a.cols) < (emptyB, b.cols)
        }!
        let rows = (count + chosen.cols - 1) / chosen.cols
        return LayerLayout(rows: rows, cols: chosen.cols, size: chosen.side, gap: mapGap(side: chosen.side))
    }

    /// The input image: one map `inputSide` across its longer side.
    public static func input(height: Int, width: Int) -> LayerLayout {
        let (h, w) = (Double(max(height, 1)), Double(max(width, 1)))
        return LayerLayout(rows: 1, cols: 1, size: w >= h ? inputSide : inputSide * w / h)
    }

    /// A hidden dense layer of `count` nodes: about twice as many rows as columns (120 → 15×8),
    /// the pitch shrinking so the grid stays within `nodeHeight`; nodes smaller than a world
    /// unit touch (fill 1) so the grid reads as one surface rather than specks.
    public static func nodes(count: Int) -> LayerLayout {
        let n = max(count, 1)
        var cols = 1
        while 2 * cols * cols < n { cols += 1 }
        let rows = (n + cols - 1) / cols
        let pitch = min(nodePitch, nodeHeight / Double(rows))
        return LayerLayout(rows: rows, cols: cols, size: pitch, fill: pitch < 1 ? 1 : 0.8)
    }

    /// The output layer: a labelled column when short enough, else a node grid.
    public static func output(count: Int) -> LayerLayout {
        let n = max(count, 1)
        guard n <= outputColumnLimit else { return nodes(count: n) }
        return LayerLayout(rows: n, cols: 1, size: min(outputPitch, slabHeight / Double(n)), fill: 0.8)
    }

    /// The layout of a layer of `kind` with activation `shape`.
    public static func layout(kind: LayerKind, shape: [Int]) -> LayerLayout {
        switch kind {
        case .input where shape.count == 3:
            return input(height: shape[1], width: shape[2])
        case .output where shape.count == 1:
            return output(count: shape[0])
        default:
            if shape.count == 3 { return maps(channels: shape[0], height: shape[1], width: shape[2]) }
            return nodes(count: shape.reduce(1, *))
        }
    }
}
