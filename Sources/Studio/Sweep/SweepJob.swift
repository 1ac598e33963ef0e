import CairoGraphics
import DigitNet
import Foundation
import Renderer

/// Renders one sweep output: a video (like a replay, the amount moving along the timeline)
/// or a figure (PNG, PDF or SVG: the curves with thumbnails along the axis).
public enum SweepJob {
    /// Renders `spec` for `input`; returns the files written.
    @discardableResult
    public static func run(
        _ spec: SweepSpec, input: DigitInput, network: Network, style: SceneStyle, options: RenderOptions,
        cancel: CancellationFlag = CancellationFlag(), log: (String) -> Void = { _ in }
    ) throws -> [String] {
        let analysis = SweepAnalysis(input: input.image.data, range: spec.range, steps: spec.steps, network: network)
        let flips = analysis.flips.map { "\($0.from) → \($0.to) at \(spec.range.variation.label($0.amount))" }
        let r = spec.range
        let title =
            "\(network.architecture.name) reading \(input.label): \(r.variation.rawValue) \(r.variation.label(r.from)) → \(r.variation.label(r.to))"
        if spec.isFigure {
            try writeFigure(spec, analysis: analysis, network: network, title: title)
            log("wrote \(spec.file)" + (flips.isEmpty ? "; no flips" : "; flips: " + flips.joined(separator: ", ")))
            return [spec.file]
        }
        var carrier = OrbitSpec()
        carrier.file = spec.file
        carrier.size = spec.size
        carrier.fps = spec.fps
        carrier.seconds = Double(SweepFrameSource.frameCount(spec)) / Double(spec.fps)
        if let frames = options.frames {
            let folder = (try? VideoFormat.forPath(spec.file)) == .pngFolder
            carrier.file = SceneRenderJob.sliceFileName(spec.file, frames) + (folder ? "/" : "")
        }
        let job = OrbitJob(
            spec: carrier, frames: options.frames, video: options.video, scheduler: options.scheduler, showProgress: options.showProgress)
        _ = try job.frameRange()
        let source = try SweepFrameSource(network: network, analysis: analysis, spec: spec, style: style, title: title)
        let report = try job.run(source: source, cancel: cancel)
        var timeline = Self.timeline(of: analysis, source: source, spec: spec)
        let format = try VideoFormat.forPath(spec.file)
        if format != .mp4 && format != .webm { timeline.chapters = [] }
        try TimelineFinisher(ffmpeg: options.video.ffmpeg, cancel: cancel).finish(
            video: report.output, timeline: timeline, isSlice: options.frames != nil)
        log(SceneRenderJob.summary(report) + (flips.isEmpty ? "; no flips" : "; flips: " + flips.joined(separator: ", ")))
        return [report.output]
    }

    /// The sweep's chapters and captions: the start, then each flip when the cursor reaches it.
    static func timeline(of analysis: SweepAnalysis, source: SweepFrameSource, spec: SweepSpec) -> VideoTimeline {
        let frames = SweepFrameSource.frameCount(spec)
        let duration = Double(frames) / Double(spec.fps)
        let v = spec.range.variation
        var starts: [(Double, String)] = []
        for flip in analysis.flips {
            // The first frame whose amount lies past the flip.
            let past = (0..<frames).first { f in
                let a = analysis.amounts[source.step(at: f)]
                return spec.range.to > spec.range.from ? a > flip.amount : a < flip.amount
            }
            if let past { starts.append((Double(past) / Double(spec.fps), "\(flip.from) → \(flip.to) at \(v.label(flip.amount))")) }
        }
        var chapters = [Chapter(start: 0, title: "\(v.rawValue) from \(v.label(spec.range.from))")]
        var cues: [TimedCue] = []
        for (i, (start, text)) in starts.enumerated() {
            chapters.append(Chapter(start: start, title: text))
            let end = i + 1 < starts.count ? starts[i + 1].0 : duration
            cues.append(TimedCue(start: start, end: max(end, start + 0.001), text: text))
        }
        return VideoTimeline(duration: duration, cues: cues, chapters: chapters)
    }

    /// Writes the figure, staged under a temporary name.
    static func writeFigure(_ spec: SweepSpec, analysis: SweepAnalysis, network: Network, title: String) throws {
        let plot = analysis.plot(labels: network.architecture.labels, cursor: nil)
        let n = analysis.amounts.count
        let count = min(9, n)
        let labels = network.architecture.labels
        let thumbnails = (0..<count).map { i -> (index: Int, input: [Float], caption: String) in
            let index = count > 1 ? Int((Double(i) * Double(n - 1) / Double(count - 1)).rounded()) : 0
            let p = analysis.probabilities[index]
            let top = p.indices.max { p[$0] < p[$1] } ?? 0
            let label = top < labels.count ? labels[top] : "\(top)"
            return (index, analysis.inputs[index], "\(label) \(NumberFormat.percent(Double(p[top])))")
        }
        let r = spec.range
        let figure = SweepFigure(
            title: title,
            subtitle: "\(r.variation.rawValue) from \(r.variation.label(r.from)) to \(r.variation.label(r.to)) in \(n) steps, "
                + "applied to the 28×28 input; the three likeliest digits' probabilities, flips dashed",
            plot: plot, thumbnails: thumbnails)
        let path = spec.file
        let staged = try StagedOutput(path: path)
        do {
            let w = SweepFigure.width, h = SweepFigure.height
            switch (path as NSString).pathExtension.lowercased() {
            case "png":
                let surface = try ImageSurface(width: Int(w * 1.5), height: Int(h * 1.5))
                let cr = try Context(surface)
                cr.scale(1.5, 1.5)
                try figure.draw(cr)
                try surface.writePNG(to: staged.staging.path)
            case "pdf":
                let surface = try PDFSurface(path: staged.staging.path, width: w, height: h)
                do { try figure.draw(try Context(surface)) }
                try surface.finish()
            default:
                let surface = try SVGSurface(path: staged.staging.path, width: w, height: h)
                do { try figure.draw(try Context(surface)) }
                try surface.finish()
            }
        } catch {
            let failure = staged.failure(error, errno: errno)
            staged.discard()
            throw failure
        }
        try staged.commit()
    }
}
