import CairoGraphics
import DigitNet
import Foundation
import Geometry
import Renderer
import SceneGraph

/// The frames of an orbit video of the network reading one digit: a `FrameRenderer` shared
/// by every worker (it is a `Sendable` value) and a camera per frame from the `OrbitTimeline`.
public struct NetworkFrameSource: FrameSource {
    /// The prepared renderer.
    public let renderer: FrameRenderer
    /// Poses per frame.
    public let timeline: OrbitTimeline
    public let size: FrameSize
    /// The orbit's centre, distance and picture offset, fixed for the whole orbit (see `OrbitFraming`).
    let framing: OrbitFraming
    /// Reveal progress at which the input layer is fully lit, so the digit shows from frame 0.
    let revealStart: Double

    /// Prepares the source: builds the 3D scene from `network`'s trace of `input` and fixes
    /// the orbit's centre and framing distance once, so every frame uses the same ones.
    public init(network: Network, input: DigitInput, spec: OrbitSpec, style: SceneStyle) throws {
        let trace = network.forward(input.image)
        var layout = SceneLayout.standard
        layout.edgesPerNode = style.edges
        let scene = try SceneBuilder.build(network: network, trace: trace, layout: layout)
        self.init(
            renderer: FrameRenderer(scene: scene, style: Self.frameStyle(style, input: input, model: scene.modelName)), spec: spec)
    }

    /// Wraps an already prepared renderer.
    public init(renderer: FrameRenderer, spec: OrbitSpec) {
        self.renderer = renderer
        self.timeline = OrbitTimeline(spec)
        self.size = spec.size
        self.framing = renderer.orbitFraming(
            width: spec.size.width, height: spec.size.height, yaw: spec.yaw,
            yaws: Self.yawsCovered(by: spec), elevation: spec.elevation,
            distanceScale: spec.distance)
        self.revealStart = Self.inputLitProgress(layerCount: renderer.scene.layers.count)
    }

    /// The camera of frame `index`.
    public func camera(at index: Int) -> Camera {
        let pose = timeline.pose(at: index)
        return framing.camera(yaw: pose.yaw, elevation: pose.elevation, width: size.width, height: size.height)
    }

    /// Yaws the orbit passes through, every 5°.
    static func yawsCovered(by spec: OrbitSpec) -> [Double] {
        let sweep = min(abs(360 * spec.turns), 360)
        let steps = max(1, Int((sweep / 5).rounded(.up)))
        let sign: Double = spec.turns < 0 ? -1 : 1
        return (0...steps).map { spec.yaw + sign * sweep * Double($0) / Double(steps) }
    }

    public func frame(_ index: Int) throws -> [UInt8] {
        try frame(index, format: .bgra)
    }

    public func frame(_ index: Int, format: PixelFormat) throws -> [UInt8] {
        let surface = try image(index)
        switch format {
        case .bgra:
            return surface.bgraBytes()
        case .yuv420p:
            return surface.withMutablePixels { pixels, stride in
                YUV420.convert(bgra: pixels, stride: stride, width: size.width, height: size.height)
            }
        }
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
