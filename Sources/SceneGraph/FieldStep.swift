import DigitNet
import Geometry

/// One step of the strongest path drawn as a receptive field: the window of layer
/// `fromLayer` that one cell of the next layer reads (a 5×5 patch of the input for a conv1
/// cell, a 2×2 window for a pooled cell, a single node for a dense one), and that cell.
///
/// Corners lie on the layers' centre planes (the renderer moves them onto the face it shows),
/// clockwise from top-left.
public struct FieldStep: Sendable, Equatable {
    /// Layer index of the window; the cell is in layer `fromLayer + 1`.
    public var fromLayer: Int
    /// The window's four corners on layer `fromLayer`.
    public var window: [Vec3]
    /// The reading cell's four corners on layer `fromLayer + 1`.
    public var cell: [Vec3]
    /// Window size in cells (rows, columns): (5, 5) for a 5×5 convolution away from the border.
    public var rows: Int, cols: Int

    public init(fromLayer: Int, window: [Vec3], cell: [Vec3], rows: Int, cols: Int) {
        self.fromLayer = fromLayer; self.window = window; self.cell = cell; self.rows = rows; self.cols = cols
    }

    /// The strongest path from the predicted output back to the input, as receptive fields:
    /// starting at the winner, each step follows the strongest source of the current unit
    /// (`strongestSource`), and reads the window that unit's stage reads on the source
    /// channel (a convolution's kernel footprint clipped to the map, a pooling window; a
    /// dense stage reads one node at a time here: the strongest one). In data-flow order.
    public static func strongestPath(
        network: Network, trace: Trace, links: [ContributionLink], layers: [LayerNode]
    ) -> [FieldStep] {
        let shapes = network.shapes
        var unit = trace.prediction
        var steps: [FieldStep] = []
        for s in stride(from: network.stages.count - 1, through: 0, by: -1) where s + 1 < layers.count {
            guard let source = strongestSource(of: unit, stage: s, network: network, trace: trace, links: links) else { break }
            let box = window(stage: network.stages[s], unit: unit, source: source, inputShape: shapes[s])
            guard let window = quad(layers[s], shape: shapes[s], box: box),
                let cell = quad(layers[s + 1], shape: shapes[s + 1], box: cellBox(unit, shape: shapes[s + 1]))
            else { break }
            steps.append(
                FieldStep(
                    fromLayer: s, window: window, cell: cell, rows: box.rows.count, cols: box.cols.count))
            unit = source
        }
        return steps.reversed()
    }

    /// The source unit feeding `unit` of stage `s` most: the traced link with the largest
    /// share when there is one (so the path follows the drawn lines), else the largest
    /// contribution of the stage itself (a link can be missing when its source was not among
    /// the layer's strongest units). Ties go to the lower index.
    static func strongestSource(of unit: Int, stage s: Int, network: Network, trace: Trace, links: [ContributionLink]) -> Int? {
        let into = links.filter { $0.fromLayer == s && $0.to == unit }
        if let best = into.max(by: { ($0.share, -$0.from) < ($1.share, -$1.from) }) { return best.from }
        guard let input = network.input(ofStage: s, in: trace)?.data else { return nil }
        let terms = network.stages[s].contributions(to: unit, input: input, inputShape: network.shapes[s])
        return terms.max(by: { ($0.value, -$0.input) < ($1.value, -$1.input) })?.input
    }

    /// A rectangle of cells on one channel of a layer.
    struct CellBox: Equatable {
        var channel: Int
        var rows: Range<Int>, cols: Range<Int>
    }

    /// The single cell `index` of a layer of `shape`.
    static func cellBox(_ index: Int, shape: [Int]) -> CellBox {
        guard shape.count == 3, shape[1] > 0, shape[2] > 0 else { return CellBox(channel: 0, rows: index..<(index + 1), cols: 0..<1) }
        let (h, w) = (shape[1], shape[2])
        let c = index / (h * w), y = (index % (h * w)) / w, x = index % w
        return CellBox(channel: c, rows: y..<(y + 1), cols: x..<(x + 1))
    }

    /// The window of the source layer (shape `inputShape`) that `unit` of `stage` reads on
    /// the channel of source unit `source`.
    static func window(stage: Stage, unit: Int, source: Int, inputShape: [Int]) -> CellBox {
        let one = cellBox(source, shape: inputShape)
        guard inputShape.count == 3 else { return one }
        let (h, w) = (inputShape[1], inputShape[2])
        if let c = stage.conv {
            // Output (oy, ox) reads rows oy·stride − padding …+kernel, clipped to the map.
            let out = c.outputShape(inputShape)
            guard out.count == 3, out[1] > 0, out[2] > 0 else { return one }
            let oy = (unit % (out[1] * out[2])) / out[2], ox = unit % out[2]
            return CellBox(
                channel: one.channel, rows: clip(oy * c.stride - c.padding, c.kernel, h),
                cols: clip(ox * c.stride - c.padding, c.kernel, w))
        }
        for case let .maxPool2D(size, stride) in stage.operations {
            let out = Operation.maxPool2D(window: size, stride: stride).outputShape(inputShape)
            guard out.count == 3, out[1] > 0, out[2] > 0 else { return one }
            let oy = (unit % (out[1] * out[2])) / out[2], ox = unit % out[2]
            return CellBox(channel: one.channel, rows: clip(oy * stride, size, h), cols: clip(ox * stride, size, w))
        }
        return one
    }

    /// `start..<start+length` clipped to `0..<limit` (never empty when start is inside).
    static func clip(_ start: Int, _ length: Int, _ limit: Int) -> Range<Int> {
        let lo = min(max(start, 0), max(limit - 1, 0))
        let hi = max(lo + 1, min(start + length, limit))
        return lo..<hi
    }

    /// The four world corners of `box` on `layer` (shape `shape`): the rectangle of map
    /// cells, or one node's square.
    static func quad(_ layer: LayerNode, shape: [Int], box: CellBox) -> [Vec3]? {
        if shape.count == 3 {
            guard box.channel < layer.grids.count else { return nil }
            let g = layer.grids[box.channel]
            let r0 = Double(box.rows.lowerBound), r1 = Double(box.rows.upperBound)
            let c0 = Double(box.cols.lowerBound), c1 = Double(box.cols.upperBound)
            return [g.corner(row: r0, col: c0), g.corner(row: r0, col: c1), g.corner(row: r1, col: c1), g.corner(row: r1, col: c0)]
        }
        guard let g = layer.grids.first, box.rows.lowerBound < g.count else { return nil }
        return g.cellCorners(box.rows.lowerBound)
    }
}
