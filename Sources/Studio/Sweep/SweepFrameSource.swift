import CairoGraphics
import DigitNet
import Foundation
import Geometry
import Renderer
import SceneGraph

/// The frames of a sweep video: at each frame the input changed by the amount the timeline
/// has reached, the network's activations and prediction panel for it (the `FrameRenderer`),
/// and the sweep panel (`SweepPanel`) with the probability plot and a cursor.
public struct SweepFrameSource: SurfaceFrameSource {
    public let size: FrameSize
    let analysis: SweepAnalysis
    let network: Network
    let spec: SweepSpec
    let frameStyle: FrameStyle
    let sceneLayout: SceneLayout
    let framing: PoseFraming
    let panel: SweepPanel
    let title: String

    /// Frames in the video: the sweep, then the hold.
    public static func frameCount(_ spec: SweepSpec) -> Int {
        max(1, Int(((spec.seconds + spec.hold) * Double(spec.fps)).rounded()))
    }

    public init(network: Network, analysis: SweepAnalysis, spec: SweepSpec, style: SceneStyle, title: String) throws {
        self.size = spec.size
        self.analysis = analysis
        self.network = network
        self.spec = spec
        var frame = ReplayFrameSource.frameStyle(style, title: title)
        frame.subtitle = [
            "One input, changed a little more every frame; the network runs on each version.",
            "The plot shows the three likeliest digits against the amount; dashed lines mark where the answer flips.",
        ]
        self.frameStyle = frame
        self.title =
            "\(analysis.range.variation.rawValue.uppercased()) \(analysis.range.variation.label(analysis.range.from)) → \(analysis.range.variation.label(analysis.range.to))"
        var layout = SceneLayout.standard
        layout.edgesPerNode = style.edges
        self.sceneLayout = layout
        let scene = try SceneBuilder.build(
            network: network, trace: network.forward(grey: analysis.inputs[0]), layout: layout)
        let renderer = FrameRenderer(scene: scene, style: frame)
        let w = spec.size.width, h = spec.size.height
        let replayLayout = ReplayLayout(frame: renderer.layout(width: w, height: h))
        self.panel = SweepPanel(layout: replayLayout, palette: frame.palette)
        // The orbit's per-pose framing at the one yaw, into the area left of the panel column.
        self.framing = PoseFraming.solve(
            points: scene.framingPoints, yaws: spec.yaw...spec.yaw, elevation: spec.elevation,
            frame: PoseFraming.Frame(width: w, height: h, free: replayLayout.networkArea, keepOut: replayLayout.keepOut))
    }

    /// The amount index shown at frame `index`.
    func step(at index: Int) -> Int {
        let sweepFrames = max(1, Int((spec.seconds * Double(spec.fps)).rounded()))
        let progress = min(1, Double(index) / Double(max(1, sweepFrames - 1)))
        return Int((progress * Double(analysis.amounts.count - 1)).rounded())
    }

    /// Frame `index` as a Cairo image.
    public func image(_ index: Int) throws -> ImageSurface {
        let k = step(at: index)
        let input = analysis.inputs[k]
        let trace = network.forward(grey: input)
        let scene = try SceneBuilder.build(network: network, trace: trace, layout: sceneLayout)
        let renderer = FrameRenderer(scene: scene, style: frameStyle)
        let camera = framing.camera(yaw: spec.yaw, width: size.width, height: size.height)
        let surface = try renderer.render(camera: camera, width: size.width, height: size.height)
        let context = try Context(surface)
        try panel.paint(title: title, input: input, plot: analysis.plot(labels: network.architecture.labels, cursor: k), into: context)
        surface.flush()
        return surface
    }
}
