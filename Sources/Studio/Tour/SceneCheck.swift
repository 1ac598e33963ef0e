import CairoGraphics
import DigitNet
import Foundation
import Renderer

/// The authoring loop of `cnnviz render`: `--check` validates scenes (and their model and
/// input) and prints every tour's shot timeline without rendering; `--preview T` writes the
/// one frame at time T of every tour and orbit as a PNG.
public enum SceneCheck {
    /// Checks the scene file at `path`; returns the report to print.
    public static func check(path: String, options: RenderOptions = RenderOptions()) throws -> String {
        var lines: [String] = []
        try forEachOutput(path: path, options: options) { output, context in
            switch output {
            case .tour(let spec):
                let prepared = try TourJob.prepare(
                    spec, input: context.input, network: context.network, style: context.style,
                    locations: context.locations, keyPath: context.keyPath, ffmpeg: options.video.ffmpeg)
                lines.append(TourJob.timelineText(prepared, spec: spec))
            case .orbit(let spec):
                lines.append(
                    String(
                        format: "%@: orbit, %d frames at %d fps (%.2f s), %dx%d", spec.file, spec.frameCount, spec.fps, spec.seconds,
                        spec.size.width, spec.size.height))
            default:
                lines.append("\(output.file): \(output.kind), ok")
            }
        }
        lines.append("\(path): ok (nothing rendered)")
        return lines.joined(separator: "\n")
    }

    /// Writes the frame at `time` seconds of every tour and orbit of the scene at `path` as
    /// `NAME.preview.png` beside the output; returns the files written.
    public static func preview(path: String, time: Double, options: RenderOptions = RenderOptions()) throws -> [String] {
        var written: [String] = []
        try forEachOutput(path: path, options: options) { output, context in
            let image: ImageSurface
            switch output {
            case .tour(let spec):
                let prepared = try TourJob.prepare(
                    spec, input: context.input, network: context.network, style: context.style,
                    locations: context.locations, keyPath: context.keyPath, ffmpeg: options.video.ffmpeg)
                guard time >= 0, time <= prepared.plan.duration else {
                    throw context.locations.error(
                        at: context.keyPath,
                        String(format: "--preview %.2f is outside the tour (0…%.2f s)", time, prepared.plan.duration))
                }
                image = try prepared.source.image(atTime: time)
            case .orbit(let spec):
                let source = try NetworkFrameSource(network: context.network, input: context.input, spec: spec, style: context.style)
                image = try source.image(min(spec.frameCount - 1, max(0, Int((time * Double(spec.fps)).rounded(.down)))))
            default:
                return
            }
            let file = previewName(output.file)
            try StagedOutput.write(path: file) { try image.writePNG(to: $0) }
            written.append(file)
        }
        return written
    }

    /// `Output/tour.mp4` → `Output/tour.preview.png`.
    public static func previewName(_ file: String) -> String {
        let trimmed = file.hasSuffix("/") ? String(file.dropLast()) : file
        let url = URL(fileURLWithPath: trimmed)
        let ext = url.pathExtension
        let base = ext.isEmpty ? trimmed : String(trimmed.dropLast(ext.count + 1))
        return base + ".preview.png"
    }

    /// What each output of a scene is checked or previewed with.
    struct OutputContext {
        var input: DigitInput
        var network: Network
        var style: SceneStyle
        var locations: SceneLocations
        var keyPath: String
    }

    /// Loads every scene document of `path`, its network and input, preflights it, and calls
    /// `body` for each output; errors carry the scene's line.
    static func forEachOutput(
        path: String, options: RenderOptions, _ body: (SceneOutput, OutputContext) throws -> Void
    ) throws {
        for scene in try SceneDescription.loadAll(path: path) {
            let source = SceneRenderJob.networkSource(for: scene, options: options)
            let network: Network
            do { network = try source.load() } catch let error as ModelFileError where scene.model != nil {
                throw scene.locations.error(at: "model", error.description)
            }
            let input: DigitInput
            do { input = try resolveInput(scene.input) } catch {
                throw scene.locations.error(at: "input", error.description)
            }
            try SceneRenderJob.preflight(scene, network: network, options: options)
            for (index, output) in scene.outputs.enumerated() {
                let context = OutputContext(
                    input: input, network: network, style: scene.style, locations: scene.locations,
                    keyPath: scene.keyPath(ofOutput: index))
                do { try body(output, context) } catch {
                    throw SceneRenderJob.located(error, in: scene, output: index)
                }
            }
        }
    }
}
