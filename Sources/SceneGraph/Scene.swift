import Geometry

/// What a layer is, which decides how it is drawn.
public enum LayerKind: Sendable, Equatable {
    /// The input image (one grey map).
    case input
    /// A convolution or pooling result: a grid of feature maps.
    case maps
    /// A hidden dense layer: a grid of node squares.
    case dense
    /// The class scores: a column of nodes labelled 0–9.
    case output
}

/// A rectangular grid of cells lying on one plane: one feature map, or all nodes of a dense
/// layer. Cell `(r, c)` spans `origin + colStep·c + rowStep·r` to one step further in each
/// direction, shrunk about its centre to `fill`.
public struct CellGrid: Sendable, Equatable {
    /// Top-left corner of cell (0, 0).
    public var origin: Vec3
    /// One column to the right.
    public var colStep: Vec3
    /// One row down.
    public var rowStep: Vec3
    public var rows: Int
    public var cols: Int
    /// Fraction of each step a cell fills (1 = cells touch).
    public var fill: Double
    /// `rows·cols` values, row-major; cells beyond the data are padded with 0.
    public var values: [Float]
    /// Number of real cells (≤ rows·cols).
    public var count: Int
    /// Which feature map of the layer this is (0 for vector layers).
    public var channel: Int

    /// A lattice corner: `origin + colStep·c + rowStep·r` (c in 0…cols, r in 0…rows).
    @inline(__always)
    public func corner(row r: Double, col c: Double) -> Vec3 { origin + colStep * c + rowStep * r }

    /// Centre of cell `index` (row-major).
    public func cellCenter(_ index: Int) -> Vec3 {
        corner(row: Double(index / cols) + 0.5, col: Double(index % cols) + 0.5)
    }

    /// The four corners of cell `index` (top-left, top-right, bottom-right, bottom-left).
    public func cellCorners(_ index: Int) -> [Vec3] {
        let r = Double(index / cols), c = Double(index % cols)
        let m = (1 - fill) / 2
        return [corner(row: r + m, col: c + m), corner(row: r + m, col: c + 1 - m),
                corner(row: r + 1 - m, col: c + 1 - m), corner(row: r + 1 - m, col: c + m)]
    }

    /// The outline of the whole grid (four corners, clockwise from top-left).
    public var outline: [Vec3] {
        [corner(row: 0, col: 0), corner(row: 0, col: Double(cols)),
         corner(row: Double(rows), col: Double(cols)), corner(row: Double(rows), col: 0)]
    }

    /// Largest value among the real cells (0 when empty).
    public var maxValue: Float { values.prefix(count).max() ?? 0 }
    /// Smallest value among the real cells (0 when empty).
    public var minValue: Float { values.prefix(count).min() ?? 0 }
}

/// One layer placed in the scene.
public struct LayerNode: Sendable, Equatable {
    /// Stage name (`input`, `conv1`, …, `output`).
    public var name: String
    /// Position in data-flow order (0 = input).
    public var index: Int
    public var kind: LayerKind
    /// Activation shape, `(C,H,W)` or `(N)`.
    public var shape: [Int]
    /// Shape as a label: `8@28×28`, `120`, `10 · softmax`.
    public var shapeLabel: String
    /// The operation that produced this layer, e.g. `conv 5×5 · ReLU` (empty for the input).
    public var caption: String
    /// The layer's cells: one grid per feature map, or a single grid of nodes.
    public var grids: [CellGrid]
    /// Local → world transform (the layer's own frame is centred on its plane).
    public var transform: Mat4
    /// World position of the plane's centre along the flow axis.
    public var planeX: Double
    /// Signed distance of the plane from the origin along the scene's `planeNormal`.
    public var planeDistance: Double
    /// Slab thickness along X.
    public var thickness: Double
    /// World bounds of the slab.
    public var bounds: Bounds3
    /// Where the label hangs: just below the slab's bottom edge, centred.
    public var labelAnchor: Vec3
    /// Per-node labels beside the grid (the digits 0–9 for the output), else empty.
    public var nodeLabels: [String]
    /// Centre of the layer in world space.
    public var center: Vec3 { bounds.center }
}

/// A contribution line between two cells of consecutive layers.
public struct ContributionEdge: Sendable, Equatable {
    /// Layer index of the source (earlier) layer; the target is `fromLayer + 1`.
    public var fromLayer: Int
    /// Source cell centre (earlier layer) and target cell centre (later layer).
    public var from: Vec3
    public var to: Vec3
    /// Relative strength in 0…1 (1 = the strongest edge into that layer).
    public var strength: Double
    /// The traced share of the prediction carried by this edge (unnormalised).
    public var weight: Double
}

/// The network laid out in 3D for one input: layers in data-flow order, contribution edges,
/// the prediction and bounds to frame. Pure data: build it once and render many frames.
public struct NetworkScene: Sendable, Equatable {
    public var layers: [LayerNode]
    public var edges: [ContributionEdge]
    /// The predicted class and the ten probabilities.
    public var prediction: Int
    public var probabilities: [Float]
    /// The input image as the network saw it, values in 0…1, `inputSide × inputSide`.
    public var inputImage: [Float]
    public var inputSide: Int
    /// Where the floor sits (the y of a plane below every slab and label).
    public var floorY: Double
    /// Unit normal shared by every layer plane, pointing down the flow. All planes are
    /// parallel, so back-to-front order is by distance from the eye along this normal.
    public var planeNormal: Vec3

    /// Bounds of every slab.
    public var bounds: Bounds3 { layers.reduce(Bounds3.empty) { $0.union($1.bounds) } }

    /// Points a camera should keep in view: every slab corner and a margin below each label.
    public var framingPoints: [Vec3] {
        var points: [Vec3] = []
        for layer in layers {
            points += layer.bounds.corners
            points.append(layer.labelAnchor + Vec3(0, -7, 0))
        }
        return points
    }

    /// The layer named `name`.
    public func layer(named name: String) -> LayerNode? { layers.first { $0.name == name } }

    /// How far each layer is revealed (0…1, data-flow order) at animation `progress` 0…1:
    /// layers light up one after another, each fading in over a short overlapping window.
    public func revealAmounts(progress: Double) -> [Double] {
        Reveal.amounts(progress: progress, count: layers.count)
    }
}

/// The forward-pass reveal schedule.
public enum Reveal {
    /// Amount per layer for `progress` 0…1 across `count` layers: layer i ramps from 0 to 1
    /// between `i/(count+1)` and `(i+2)/(count+1)`, so neighbours overlap by half a step and
    /// everything is lit at progress 1.
    public static func amounts(progress: Double, count: Int) -> [Double] {
        guard count > 0 else { return [] }
        let p = min(max(progress, 0), 1)
        let step = 1 / Double(count + 1)
        return (0..<count).map { i in
            let start = Double(i) * step
            let t = (p - start) / (2 * step)
            let c = min(max(t, 0), 1)
            return c * c * (3 - 2 * c)  // smoothstep
        }
    }
}
