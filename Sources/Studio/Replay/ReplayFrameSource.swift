import CairoGraphics
import DigitNet
import DigitSamples
import Foundation
import Geometry
import Renderer
import SceneGraph

/// The frames of a replay: at each frame the drawing so far (from the strokes), the network
/// run on its 28×28 input (from the ``ReplayAnalysis``), drawn by the `FrameRenderer` with
/// the replay's panels painted over it by `ReplayPainter`. Safe to call from many threads.
public struct ReplayFrameSource: SurfaceFrameSource {
    public let size: FrameSize
    public let analysis: ReplayAnalysis
    let network: Network
    let spec: ReplaySpec
    let frameStyle: FrameStyle
    let sceneLayout: SceneLayout
    let framing: PoseFraming
    let painter: ReplayPainter

    /// The frame style of a replay: the scene's colours, a replay title, no prediction panel
    /// while there is no digit (set per frame).
    static func frameStyle(_ style: SceneStyle, title: String, inputShape: [Int] = [1, 28, 28]) -> FrameStyle {
        var frame = FrameStyle()
        frame.colormap = style.colormap
        if let background = RGBA(hex: style.background) { frame.palette.background = background }
        frame.showEdges = style.edges > 0
        frame.title = title
        frame.subtitle = [
            "Every frame, the drawing so far is preprocessed to 28×28\(Self.resizeNote(inputShape)) and run through the network.",
            "Marks on the timeline show where the answer changed and held for 0.3 s or more.",
        ]
        return frame
    }

    /// ", resized to H×W" for a model whose input is not 28×28; empty otherwise.
    static func resizeNote(_ inputShape: [Int]) -> String {
        guard inputShape.count == 3, inputShape[1] != 28 || inputShape[2] != 28 else { return "" }
        return ", resized to \(inputShape[2])×\(inputShape[1])"
    }

    public init(network: Network, analysis: ReplayAnalysis, spec: ReplaySpec, style: SceneStyle, title: String) throws {
        self.size = spec.size
        self.analysis = analysis
        self.network = network
        self.spec = spec
        self.frameStyle = Self.frameStyle(style, title: title, inputShape: network.inputShape)
        var layout = SceneLayout.standard
        layout.edgesPerNode = style.edges
        self.sceneLayout = layout
        // Framing from the finished digit's scene: the layout's geometry is the same for every input.
        let finalInput = analysis.inputs.last.flatMap { $0 } ?? Array(repeating: 0, count: 28 * 28)
        let scene = try SceneBuilder.build(
            network: network, trace: network.forward(grey: finalInput), layout: layout)
        let renderer = FrameRenderer(scene: scene, style: frameStyle)
        let w = spec.size.width, h = spec.size.height
        let replayLayout = ReplayLayout(frame: renderer.layout(width: w, height: h))
        self.painter = ReplayPainter(layout: replayLayout, palette: frameStyle.palette)
        // The orbit's per-pose framing over the yaws the camera passes through, into the
        // area left of the canvas column.
        self.framing = PoseFraming.solve(
            points: scene.framingPoints, yaws: Self.yaws(spec), elevation: spec.elevation,
            frame: PoseFraming.Frame(width: w, height: h, free: replayLayout.networkArea, keepOut: replayLayout.keepOut))
    }

    /// Yaws the camera passes through.
    static func yaws(_ spec: ReplaySpec) -> ClosedRange<Double> {
        switch spec.camera {
        case .fixed: return spec.yaw...spec.yaw
        case .drift: return (spec.yaw - driftDegrees)...spec.yaw
        }
    }

    /// Degrees of yaw a drifting camera turns over the video.
    static let driftDegrees = 20.0

    /// The camera yaw at frame `index`.
    func yaw(at index: Int) -> Double {
        guard spec.camera == .drift else { return spec.yaw }
        let count = analysis.timeline.frameCount
        let progress = count > 1 ? Double(index) / Double(count - 1) : 1
        return spec.yaw - Self.driftDegrees * (1 - OrbitTimeline.ease(progress, .easeInOut))
    }

    /// Frame `index` as a Cairo image.
    public func image(_ index: Int) throws -> ImageSurface {
        let i = min(max(index, 0), analysis.timeline.frameCount - 1)
        let t = analysis.timeline.time(at: i)
        let input = analysis.inputs[i]
        var style = frameStyle
        style.showPrediction = input != nil
        let trace = network.forward(grey: input ?? Array(repeating: 0, count: 28 * 28))
        var scene = try SceneBuilder.build(network: network, trace: trace, layout: sceneLayout)
        if input == nil {
            // No digit: the network is not asked, so no digit may look like its answer.
            // (An index past the last class: no winner label, no glow.)
            scene.prediction = scene.probabilities.count
            scene.probabilities = scene.probabilities.map { _ in 0 }
            scene.edges = []
        }
        let renderer = FrameRenderer(scene: scene, style: style)
        let camera = framing.camera(yaw: yaw(at: i), width: size.width, height: size.height)
        let surface = try renderer.render(camera: camera, width: size.width, height: size.height, reveal: input == nil ? 0 : nil)
        let context = try Context(surface)
        try painter.paint(overlay(at: i, time: t), into: context)
        surface.flush()
        return surface
    }

    /// The model's input width and height (28×28 for MNIST-sized models).
    var inputWidth: Int { network.inputShape.count == 3 ? network.inputShape[2] : 28 }
    var inputHeight: Int { network.inputShape.count == 3 ? network.inputShape[1] : 28 }

    /// What the network sees of a 28×28 preprocessed drawing: the values as they are for a
    /// 28×28 model, else resampled as `predict` does (first channel).
    func networkInput(_ values: [Float]) -> [Float] {
        if inputWidth == 28, inputHeight == 28 { return values }
        let fitted = Prediction.fitted(Tensor(shape: [1, 28, 28], data: values), to: network.inputShape)
        return Array(fitted.data.prefix(inputWidth * inputHeight))
    }

    /// The replay panels' content at frame `i` (at `time` seconds since the drawing began).
    public func overlay(at i: Int, time t: Double) throws -> ReplayOverlay {
        let strokes = analysis.strokes
        let drawn = strokes.drawn(at: t)
        let canvas = try StrokePen.canvas(drawn)
        let tip = t >= 0 ? strokes.tip(at: t).map { ReplayOverlay.PenTip(x: $0.x, y: $0.y, down: $0.down) } : nil
        let n = ReplayLayout.stripCount
        let strip = (1...n).map { k -> ReplayOverlay.Snapshot in
            let at = strokes.duration * Double(k) / Double(n)
            let frame = analysis.timeline.frame(at: at)
            return ReplayOverlay.Snapshot(
                time: at, input: analysis.inputs[frame].map(networkInput), reached: t >= at - 1e-9 && i >= frame,
                width: inputWidth, height: inputHeight)
        }
        return ReplayOverlay(
            canvas: canvas, tip: tip, strip: strip, time: t, drawingSeconds: strokes.duration,
            totalSeconds: analysis.timeline.totalSeconds, leadIn: analysis.timeline.leadIn, marks: analysis.marks,
            noDigit: analysis.inputs[i] == nil)
    }
}
