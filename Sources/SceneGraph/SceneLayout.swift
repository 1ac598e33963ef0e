import DigitNet
import Foundation
import Geometry

/// Everything about the 3D arrangement that is not data: per-layer grids and sizes, the
/// spacing along the flow axis and how many contribution edges to trace.
///
/// World axes: data flows along +X; each layer is a vertical plane centred on the X axis
/// (turned `planeTurn` degrees about +Y) whose columns run along `columnDirection` and rows
/// down −Y.
public struct SceneLayout: Sendable, Equatable {
    /// Per-layer overrides (`conv1`, …); layers not listed are laid out by `GridPlanner`.
    public var layers: [LayerID: LayerLayout]
    /// Distance along X from each layer to the next, in data-flow order; the last value is
    /// repeated when the network is deeper than the list. Empty: computed (see `gap`).
    public var spacing: [Double]
    /// Contribution edges kept per node (top-k by weight × activation).
    public var edgesPerNode: Int
    /// Nodes per layer that edges are traced back from (the strongest ones).
    public var nodesPerLayer: Int
    /// Thickness of a slab along its normal (world units).
    public var thickness: Double
    /// Every layer plane is turned this many degrees about +Y (all by the same amount, so
    /// the planes stay parallel): 0 makes them perpendicular to the flow axis; the standard
    /// 35° turns them toward a camera at yaw −35° so maps read nearly face-on (94 % of their
    /// width, against 82 % at 20°) while the layers still spread across the frame, and the
    /// default swing (about −15° … −65°) never sees them closer to edge-on than 50°.
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

    /// The layout computed from the architecture (see `GridPlanner`): no per-layer
    /// overrides, automatic spacing, 8 edges per node. For the bundled LeNet it gives the
    /// look's arrangement (conv1/pool1 4×2 maps, conv2/pool2 8×2, fc1 15×8 nodes, fc2 12×7,
    /// output 10×1, gaps growing toward the output).
    public static let standard = SceneLayout(
        layers: [:], spacing: [], edgesPerNode: 8, nodesPerLayer: 6, thickness: 0.6, planeTurn: 35)

    /// The layout of `name`: its override, or what `GridPlanner` chooses for `kind` and `shape`.
    public func layout(for name: LayerID, shape: [Int], kind: LayerKind) -> LayerLayout {
        layers[name] ?? GridPlanner.layout(kind: kind, shape: shape)
    }

    /// The layout of `name`, or a fitting default for a hidden layer of `shape`.
    public func layout(for name: LayerID, shape: [Int]) -> LayerLayout {
        layout(for: name, shape: shape, kind: shape.count == 3 ? .maps : .dense)
    }

    /// The yaw (degrees) of the standard camera the spacing is planned for.
    public static let viewYaw = -35.0

    /// How much screen width a unit of slab width takes per unit of gap along the flow, seen
    /// from yaw `viewYaw`: the sideways (screen-right) shares of the column direction and of
    /// the flow axis.
    public var widthPerGap: Double {
        let yaw = radians(Self.viewYaw)
        let right = Vec3(cos(yaw), 0, -sin(yaw))
        return abs(columnDirection.dot(right)) / max(abs(Vec3.unitX.dot(right)), 0.2)
    }

    /// Spacing from layer `i` to layer `i + 1` from the explicit list (40 when it is empty).
    public func spacing(after i: Int) -> Double {
        guard let last = spacing.last else { return 40 }
        return i < spacing.count ? spacing[i] : last
    }

    /// Distance along the flow from plane `i` to plane `i + 1` of `count` planes whose slabs
    /// are `widths.0` and `widths.1` wide (world units, along the columns).
    ///
    /// An explicit `spacing` list wins. Otherwise the gaps grow toward the output (38 → 55
    /// for up to 8 planes, as in the look: the far end recedes, so its gaps need more room
    /// to read as evenly spaced), shrink gently for deeper networks (×0.8 at 12 stages) so
    /// the whole network keeps a readable scale, and never fall below what keeps two wide
    /// slabs apart on screen.
    public func gap(after i: Int, of count: Int, widths: (Double, Double)) -> Double {
        if !spacing.isEmpty { return spacing(after: i) }
        let gaps = max(count - 1, 1)
        let t = gaps > 1 ? Double(i) / Double(gaps - 1) : 1
        let depthScale = min(1, (7 / Double(gaps)).squareRoot())
        let base = (38 + 5 * t + 12 * t * t) * depthScale
        let turn = radians(planeTurn)
        // Half the slabs' reach along the flow axis, plus room between them for the edges.
        let reach = (widths.0 + widths.1) / 2 * abs(sin(turn)) + thickness * abs(cos(turn))
        // Seen from the standard camera (yaw `viewYaw`), neighbours stay clear on screen when
        // the gap's sideways share exceeds the slabs' mean width's (at the standard 35° turn a
        // unit of slab width looks 1.15× as wide as a unit of gap), plus room for the
        // contribution lines between them (6 units: about 17 px at 720p; 10 at the old 20°
        // turn made LeNet's first gap, input to conv1, wider than its second, against the
        // rule that gaps grow toward the output, and deep networks of wide slabs longer).
        let clearance = (widths.0 + widths.1) / 2 * widthPerGap + 6
        return max(base, clearance, reach + 8)
    }
}
