import DigitNet
import DigitSamples
import Foundation
import Preprocessing
import Renderer

/// What a replay render did.
public struct ReplayReport: Sendable {
    /// The video and its frames (see `OrbitReport`).
    public var video: OrbitReport
    /// The changes of answer found (first answer included).
    public var marks: [ReplayOverlay.Mark]
    /// Other files written beside the video (subtitles).
    public var extras: [String]
}

/// Renders one replay output: reads the strokes, works out the answer at every frame,
/// then streams the frames through the same writers (and sharding rules) as an orbit.
public enum ReplayJob {
    /// The strokes file a replay reads: the spec's own, else the scene's input; `sample:N`
    /// means the bundled digit's strokes `Scenes/digits/N.json`, or stays `sample:N` where no
    /// such folder is found (see ``drawing(at:)``).
    public static func strokesPath(_ spec: ReplaySpec, input: String, currentDirectory: String = FileManager.default.currentDirectoryPath)
        throws -> String
    {
        let path = spec.strokes ?? input
        if path.hasPrefix("sample:") {
            let png: String
            do { png = try InputResolver.samplePath(path, currentDirectory: currentDirectory) } catch {
                // No Scenes/digits here: `drawing(at:)` draws the sample's strokes in memory.
                guard case .samplesNotFound = error else { throw error }
                return path
            }
            return String(png.dropLast(".png".count)) + ".json"
        }
        guard StrokesFile.isStrokesPath(path) else {
            throw InputError.badSpec(
                spec: path, reason: "a replay needs strokes: a .json strokes file, an .svg drawing or sample:N (set strokes: in the replay)"
            )
        }
        return path
    }

    /// A title for the replay of `path`.
    static func title(network: Network, path: String) -> String {
        "\(network.architecture.name) watching \((path as NSString).lastPathComponent) being drawn"
    }

    /// The drawing at `path`, a strokes file; `sample:N` is the bundled digit's strokes as
    /// `SampleStrokes` generates them (what `Scenes/digits/N.json` holds).
    public static func drawing(at path: String) throws -> Strokes {
        if path.hasPrefix("sample:") {
            let n = try InputResolver.sampleDigit(path)
            return try SampleStrokes.strokes(digit: n, style: DrawnDigits.sampleStyle(digit: n))
        }
        return try StrokesFile.read(path: path)
    }

    /// Renders `spec` with the strokes at `strokesPath`.
    @discardableResult
    public static func run(
        _ spec: ReplaySpec, strokesPath: String, network: Network, style: SceneStyle, options: RenderOptions,
        cancel: CancellationFlag = CancellationFlag()
    ) throws -> ReplayReport {
        let drawing = try Self.drawing(at: strokesPath)
        let timeline = ReplayTimeline(
            fps: spec.fps, leadIn: spec.leadIn, drawing: StrokeTimeline(drawing).duration, hold: spec.hold)
        var carrier = OrbitSpec()
        carrier.file = spec.file
        carrier.size = spec.size
        carrier.fps = spec.fps
        carrier.seconds = Double(timeline.frameCount) / Double(spec.fps)
        if let frames = options.frames {
            let folder = (try? VideoFormat.forPath(spec.file)) == .pngFolder
            carrier.file = SceneRenderJob.sliceFileName(spec.file, frames) + (folder ? "/" : "")
        }
        let job = OrbitJob(
            spec: carrier, frames: options.frames, video: options.video, scheduler: options.scheduler,
            showProgress: options.showProgress)
        _ = try job.frameRange()  // reject a bad slice before any work
        let analysis = try ReplayAnalysis(drawing: drawing, timeline: timeline, network: network)
        let source = try ReplayFrameSource(
            network: network, analysis: analysis, spec: spec, style: style, title: title(network: network, path: strokesPath))
        let report = try job.run(source: source, cancel: cancel)
        // Chapters and subtitles through the shared writer (a slice embeds the whole timeline).
        let format = try VideoFormat.forPath(spec.file)
        var videoTimeline = Self.timeline(of: analysis, fps: spec.fps)
        if format != .mp4 && format != .webm { videoTimeline.chapters = [] }
        try TimelineFinisher(ffmpeg: options.video.ffmpeg, cancel: cancel).finish(
            video: report.output, timeline: videoTimeline, isSlice: options.frames != nil)
        let sidecars = TimelineFinisher.sidecarPaths(for: report.output)
        let extras = options.frames == nil && !videoTimeline.cues.isEmpty ? [sidecars.srt, sidecars.vtt] : []
        return ReplayReport(video: report, marks: analysis.marks, extras: extras)
    }

    /// The replay's chapters and captions: "No digit yet" from the start, then one per mark
    /// (the first answer, each change that held), in video time.
    public static func timeline(of analysis: ReplayAnalysis, fps: Int) -> VideoTimeline {
        let duration = Double(analysis.timeline.frameCount) / Double(fps)
        let starts = analysis.flips.map { Double($0.frame) / Double(fps) }
        var chapters: [Chapter] = []
        var cues: [TimedCue] = []
        let firstStart = starts.first ?? duration
        if firstStart > 0 {
            chapters.append(Chapter(start: 0, title: "No digit yet"))
            cues.append(TimedCue(start: 0, end: firstStart, text: "No digit yet: the network is not asked"))
        }
        for (i, mark) in analysis.marks.enumerated() {
            let start = starts[i]
            let end = i + 1 < starts.count ? starts[i + 1] : duration
            let title = mark.from == nil ? "Reads \(mark.to)" : "\(mark.text)"
            chapters.append(Chapter(start: start, title: title))
            let text =
                mark.from == nil
                ? "The network reads a \(mark.to)" : "\(mark.text): the answer changes to \(mark.to) and holds"
            cues.append(TimedCue(start: start, end: max(end, start + 0.001), text: text))
        }
        return VideoTimeline(duration: duration, cues: cues, chapters: chapters)
    }

    /// One line describing a finished replay.
    public static func summary(_ report: ReplayReport) -> String {
        let marks = report.marks.map(\.text).joined(separator: ", ")
        return SceneRenderJob.summary(report.video) + (marks.isEmpty ? "" : "; answers: \(marks)")
    }
}
