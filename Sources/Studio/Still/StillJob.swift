import CairoGraphics
import DigitNet
import Foundation
import Geometry
import Renderer
import SceneGraph

/// `cnnviz still`: one frame of the whole network, written as a PNG.
public enum StillJob {
    /// What the still looks like.
    public struct Options: Sendable {
        public var width = 1920
        public var height = 1080
        /// Camera yaw and elevation in degrees (see `OrbitPosition`).
        public var yaw = -35.0
        public var elevation = 20.0
        /// Forward-pass progress 0…1, or nil for everything lit.
        public var reveal: Double? = nil
        public var style = FrameStyle()
        public init() {}
    }

    /// Builds the scene for `input` and renders it to `output` (PNG), writing under a
    /// temporary name and renaming when complete.
    public static func run(input: DigitInput, network: Network, output: String, options: Options) throws(StudioError) {
        guard output.lowercased().hasSuffix(".png") else {
            throw .unsupportedOutput(file: output, reason: "a still is written as PNG; name the output FILE.png")
        }
        let renderer: FrameRenderer
        do {
            renderer = try frameRenderer(input: input, network: network, style: options.style)
        } catch {
            throw .badInput(file: input.spec, reason: "\(error)")
        }
        // The orbit's view for this frame shape, so a still matches the orbit's frame.
        let view = AspectView(width: options.width, height: options.height)
        let camera = renderer.fittedCamera(
            width: options.width, height: options.height, yaw: view.yaw(options.yaw, start: options.yaw),
            elevation: view.elevation(options.elevation))
        let staged = try StagedOutput(path: output)
        let image: ImageSurface
        do {
            image = try renderer.render(
                camera: camera, width: options.width, height: options.height,
                reveal: options.reveal)
        } catch {
            staged.discard()
            throw .renderFailed(frame: 0, reason: "\(error)")
        }
        do {
            try image.writePNG(to: staged.staging.path)
        } catch {
            let failure = staged.failure(error, errno: errno)
            staged.discard()
            throw failure
        }
        try staged.commit()
    }

    /// The scene and renderer for one input, with a title naming it.
    public static func frameRenderer(input: DigitInput, network: Network, style: FrameStyle) throws -> FrameRenderer {
        let trace = network.forward(Prediction.fitted(input.image, to: network.inputShape))
        let scene = try SceneBuilder.build(network: network, trace: trace)
        var style = style
        if style.title == FrameStyle().title {
            style.title = input.readingTitle(model: scene.modelName)
        }
        if style.label == nil { style.label = input.trueDigit }
        return FrameRenderer(scene: scene, style: style)
    }
}
