import DigitNet
import Geometry

/// One layer placed in the scene.
public struct LayerNode: Sendable, Equatable {
    /// The layer (`input`, `conv1`, …, `output`).
    public var name: LayerID
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

    /// World centre of flat cell `index` of the layer's activation.
    public func cellCenter(_ index: Int) -> Vec3 {
        if grids.count == 1 { return grids[0].cellCenter(index) }
        let perMap = grids.first.map { $0.count } ?? 1
        let g = min(index / max(perMap, 1), grids.count - 1)
        return grids[g].cellCenter(index % max(perMap, 1))
    }
}
