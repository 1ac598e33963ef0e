import DigitNet
import Geometry

/// The network laid out in 3D for one input: layers in data-flow order, contribution edges,
/// the prediction and bounds to frame. Pure data: build it once and render many frames.
public struct NetworkScene: Sendable, Equatable {
    public var layers: [LayerNode]
    public var edges: [ContributionEdge]
    /// The same trace for the runner-up class (empty with fewer than two classes); frames
    /// draw it, dimmer, when the answer is uncertain.
    public var runnerUpEdges: [ContributionEdge] = []
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
    /// The model's name (`Architecture.name`), for titles: "LeNet reading a drawn 7".
    public var modelName: String = ""

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
    public func layer(named name: LayerID) -> LayerNode? { layers.first { $0.name == name } }

    /// How far each layer is revealed (0…1, data-flow order) at animation `progress` 0…1:
    /// layers light up one after another, each fading in over a short overlapping window.
    public func revealAmounts(progress: Double) -> [Double] {
        Reveal.amounts(progress: progress, count: layers.count)
    }
}
