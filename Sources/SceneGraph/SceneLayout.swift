import DigitNet
import Geometry

/// Everything about the 3D arrangement that is not data: per-layer grids and sizes, the
/// spacing along the flow axis and how many contribution edges to trace.
///
/// World axes: data flows along +X; each layer is a vertical plane centred on the X axis
/// (turned `planeTurn` degrees about +Y) whose columns run along `columnDirection` and rows
/// down −Y.
public struct SceneLayout: Sendable, Equatable {
    /// Per layer (`input`, `conv1`, …, `output`).
    public var layers: [LayerID: LayerLayout]
    /// Distance along X from each layer to the next, in data-flow order; the last value is
    /// repeated when the network is deeper than the list.
    public var spacing: [Double]
    /// Contribution edges kept per node (top-k by weight × activation).
    public var edgesPerNode: Int
    /// Nodes per layer that edges are traced back from (the strongest ones).
    public var nodesPerLayer: Int
    /// Thickness of a slab along its normal (world units).
    public var thickness: Double
    /// Every layer plane is turned this many degrees about +Y (all by the same amount, so
    /// the planes stay parallel): 0 makes them perpendicular to the flow axis; the standard
    /// 35° turns them toward a camera at yaw −35° so maps read nearly face-on (20° off) while
    /// the layers still spread across the frame, and stay readable across the default swing.
    public var planeTurn: Double

    public init(
        layers: [LayerID: LayerLayout], spacing: [Double], edgesPerNode: Int, nodesPerLayer: Int,
        thickness: Double, planeTurn: Double = 0
    ) {
        self.layers = layers; self.spacing = spacing; self.edgesPerNode = edgesPerNode
        self.nodesPerLayer = nodesPerLayer; self.thickness = thickness; self.planeTurn = planeTurn
    }

    /// Unit normal shared by every layer plane (pointing down the flow, +X when unturned).
    public var planeNormal: Vec3 { Mat4.rotationY(radians(planeTurn)).transformDirection(.unitX) }
    /// Unit direction of a plane's columns (+Z when unturned).
    public var columnDirection: Vec3 { Mat4.rotationY(radians(planeTurn)).transformDirection(.unitZ) }

    /// The LeNet layout of the look: conv1/pool1 4×2 maps, conv2/pool2 8×2, fc1 15×8
    /// nodes, fc2 12×7, output 10×1; gaps grow toward the output; 8 edges per node.
    public static let standard = SceneLayout(
        layers: [
            "input": LayerLayout(rows: 1, cols: 1, size: 28),
            "conv1": LayerLayout(rows: 4, cols: 2, size: 11, gap: 1.6),
            "pool1": LayerLayout(rows: 4, cols: 2, size: 8, gap: 1.4),
            "conv2": LayerLayout(rows: 8, cols: 2, size: 5.6, gap: 1.0),
            "pool2": LayerLayout(rows: 8, cols: 2, size: 3.8, gap: 0.8),
            "fc1": LayerLayout(rows: 15, cols: 8, size: 2.9, fill: 0.8),
            "fc2": LayerLayout(rows: 12, cols: 7, size: 3.1, fill: 0.8),
            "output": LayerLayout(rows: 10, cols: 1, size: 3.6, fill: 0.8),
        ],
        spacing: [38, 39, 41, 43, 47, 51, 55],
        edgesPerNode: 8, nodesPerLayer: 6, thickness: 0.6, planeTurn: 35)

    /// The layout of `name`, or a fitting default: a near-square grid of maps or nodes.
    public func layout(for name: LayerID, shape: [Int]) -> LayerLayout {
        if let l = layers[name] { return l }
        let count = shape.count == 3 ? shape[0] : shape.reduce(1, *)
        var cols = 1
        while cols * cols < count { cols += 1 }
        let rows = (count + cols - 1) / cols
        return shape.count == 3
            ? LayerLayout(rows: rows, cols: cols, size: 8, gap: 1.2)
            : LayerLayout(rows: rows, cols: cols, size: 3, fill: 0.8)
    }

    /// Spacing from layer `i` to layer `i + 1`.
    public func spacing(after i: Int) -> Double {
        guard let last = spacing.last else { return 40 }
        return i < spacing.count ? spacing[i] : last
    }
}
