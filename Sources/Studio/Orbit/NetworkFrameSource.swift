import CairoGraphics
import DigitNet
import Foundation
import Geometry
import Renderer
import SceneGraph

/// The frames of an orbit video of the network reading one digit: a `FrameRenderer` shared
/// by every worker (it is a `Sendable` value) and a camera per frame from the `OrbitTimeline`.
public struct NetworkFrameSource: SurfaceFrameSource {
    /// The prepared renderer.
    public let renderer: FrameRenderer
    /// Poses per frame.
    public let timeline: OrbitTimeline
    public let size: FrameSize
    /// The camera's aim and distance per yaw, solved once for the whole video (see `PoseFraming`).
    let framing: PoseFraming
    /// Reveal progress at which the input layer is fully lit, so the digit shows from frame 0.
    let revealStart: Double
    /// How the frame's shape moves the camera (square and portrait frames look from higher
    /// and further toward the input; see `AspectView`).
    let view: AspectView

    /// Prepares the source: builds the 3D scene from `network`'s trace of `input` and solves
    /// the framing of every yaw the video passes through once, so every frame (and every
    /// shard) uses the same cameras.
    public init(network: Network, input: DigitInput, spec: OrbitSpec, style: SceneStyle) throws {
        let trace = network.forward(Prediction.fitted(input.image, to: network.inputShape))
        var layout = SceneLayout.standard
        layout.edgesPerNode = style.edges
        let scene = try SceneBuilder.build(network: network, trace: trace, layout: layout)
        var frameStyle = Self.frameStyle(style, input: input, model: scene.modelName)
        if spec.motion == .turn { frameStyle.subtitle = Self.turnSubtitle }
        self.init(renderer: FrameRenderer(scene: scene, style: frameStyle), spec: spec)
    }

    /// Wraps an already prepared renderer.
    public init(renderer: FrameRenderer, spec: OrbitSpec) {
        self.renderer = renderer
        let timeline = OrbitTimeline(spec)
        var view = AspectView(width: spec.size.width, height: spec.size.height)
        // A full turn keeps its 360°; only a swing narrows.
        if spec.motion == .turn { view.swingScale = 1 }
        self.timeline = timeline
        self.view = view
        self.size = spec.size
        let range = timeline.yawRange
        self.framing = renderer.poseFraming(
            width: spec.size.width, height: spec.size.height,
            yaws: view.yaw(range.lowerBound, start: spec.yaw)...view.yaw(range.upperBound, start: spec.yaw),
            elevation: view.elevation(spec.elevation), distanceScale: spec.distance)
        self.revealStart = Self.inputLitProgress(layerCount: renderer.scene.layers.count)
    }

    /// The camera of frame `index`.
    public func camera(at index: Int) -> Camera {
        let pose = timeline.pose(at: index)
        let yaw = view.yaw(timeline.framingYaw(pose.yaw), start: timeline.spec.yaw)
        return framing.camera(yaw: yaw, width: size.width, height: size.height)
    }

    /// Frame `index` as a Cairo image.
    public func image(_ index: Int) throws -> ImageSurface {
        let pose = timeline.pose(at: index)
        return try renderer.render(
            camera: camera(at: index), width: size.width, height: size.height,
            reveal: pose.reveal < 1 ? revealStart + pose.reveal * (1 - revealStart) : nil)
    }

    /// The smallest reveal progress at which the first layer is fully lit: the renderer ramps
    /// layer i over progress `i/(n+1) … (i+2)/(n+1)`.
    static func inputLitProgress(layerCount: Int) -> Double {
        guard layerCount > 0 else { return 0 }
        return min(1, 2 / Double(layerCount + 1))
    }

    /// A full turn shows the flow running right to left too: a subtitle that names no direction.
    static let turnSubtitle = [
        "Every tile is a real activation of the network for one hand-drawn digit.",
        "Data flows from the input to the answer; cyan traces the strongest contributions.",
    ]

    /// The renderer's style for a scene's style and input.
    static func frameStyle(_ style: SceneStyle, input: DigitInput, model: String = "LeNet") -> FrameStyle {
        var frame = FrameStyle()
        frame.colormap = style.colormap
        if let background = RGBA(hex: style.background) { frame.palette.background = background }
        frame.showEdges = style.edges > 0
        frame.title = input.readingTitle(model: model)
        frame.label = input.trueDigit
        return frame
    }
}
