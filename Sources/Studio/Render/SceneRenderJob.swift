import DigitNet
import Foundation

/// Settings shared by every output of a `cnnviz render` or `cnnviz orbit` run.
public struct RenderOptions: Sendable {
    /// Encoder settings.
    public var video: VideoOptions
    /// Parallel rendering settings.
    public var scheduler: FrameScheduler
    /// Progress on stderr: nil shows it when stderr is a terminal, false never (`--quiet`).
    public var showProgress: Bool?
    /// Only these frames of each orbit (a shard), or nil for all.
    public var frames: Range<Int>?
    /// A weights file to use instead of the bundled weights.
    public var weights: String?

    /// Creates options with the defaults the command line uses.
    public init(video: VideoOptions = VideoOptions(), scheduler: FrameScheduler = FrameScheduler(),
                showProgress: Bool? = nil, frames: Range<Int>? = nil, weights: String? = nil) {
        self.video = video
        self.scheduler = scheduler
        self.showProgress = showProgress
        self.frames = frames
        self.weights = weights
    }
}

/// Runs everything a scene file asks for.
public enum SceneRenderJob {
    /// Loads the scene file at `path` (one or more scene documents) and renders each output in order, calling `log` with a
    /// line per finished output. Returns the files written.
    @discardableResult
    public static func run(path: String, options: RenderOptions = RenderOptions(),
                           cancel: CancellationFlag = CancellationFlag(),
                           log: (String) -> Void = { _ in }) throws -> [String] {
        let scenes = try SceneDescription.loadAll(path: path)
        var written: [String] = []
        for scene in scenes {
            written += try run(scene: scene, file: path, options: options, cancel: cancel, log: log)
        }
        return written
    }

    /// Renders each output of an already decoded `scene`; `file` labels errors.
    @discardableResult
    public static func run(scene: SceneDescription, file: String, options: RenderOptions = RenderOptions(),
                           cancel: CancellationFlag = CancellationFlag(),
                           log: (String) -> Void = { _ in }) throws -> [String] {
        let input: DigitInput
        do { input = try resolveInput(scene.input) } catch {
            throw SceneError(file: file, line: nil, keyPath: "input", message: error.description)
        }
        let network = try PredictJob.network(weights: options.weights)
        var written: [String] = []
        for output in scene.outputs {
            if cancel.isCancelled { throw StudioError.interrupted }
            switch output {
            case .orbit(let spec):
                let report = try renderOrbit(spec, input: input, network: network, style: scene.style, options: options, cancel: cancel)
                log(summary(report))
                written.append(spec.file)
            case .poster(let spec):
                let size = spec.size ?? FrameSize(width: PosterJob.defaultSize.width, height: PosterJob.defaultSize.height)
                let files = try PosterJob.run(input: input, network: network, layer: spec.layer, output: spec.file,
                                              width: size.width, height: size.height)
                log("wrote " + files.joined(separator: ", "))
                written += files
            case .preprocess(let spec):
                let request = PreprocessJob.Request(image: scene.input, output: spec.file, stepsDirectory: spec.stepsDir,
                                                    weights: options.weights)
                let files = try PreprocessJob.run(request)
                log("wrote " + files.joined(separator: ", "))
                written += files
            }
        }
        return written
    }

    /// Renders one orbit video of `network` reading `input`.
    @discardableResult
    public static func renderOrbit(_ spec: OrbitSpec, input: DigitInput, network: Network, style: SceneStyle,
                                   options: RenderOptions, cancel: CancellationFlag = CancellationFlag()) throws -> OrbitReport {
        var spec = spec
        if let frames = options.frames { spec.file = sliceFileName(spec.file, frames) }
        let job = OrbitJob(spec: spec, frames: options.frames, video: options.video, scheduler: options.scheduler,
                           showProgress: options.showProgress)
        _ = try job.frameRange()   // reject a bad slice before any work
        let source = try NetworkFrameSource(network: network, input: input, spec: spec, style: style)
        return try job.run(source: source, cancel: cancel)
    }

    /// Where a scene's slice goes: `Output/orbit.mp4` with frames 180..<360 becomes
    /// `Output/orbit.frames-000180-000360.mp4`, so slices sort in frame order for
    /// `cnnviz concat Output/orbit.frames-*.mp4 -o Output/orbit.mp4`.
    public static func sliceFileName(_ path: String, _ frames: Range<Int>) -> String {
        func padded(_ n: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        }
        let tag = "frames-\(padded(frames.lowerBound))-\(padded(frames.upperBound))"
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        guard !ext.isEmpty, !path.hasSuffix("/") else {
            return (path.hasSuffix("/") ? String(path.dropLast()) : path) + "." + tag
        }
        return String(path.dropLast(ext.count + 1)) + "." + tag + "." + ext
    }

    /// One line describing a finished orbit.
    public static func summary(_ report: OrbitReport) -> String {
        let frames = report.frames
        return "wrote \(report.output): frames \(frames.lowerBound)..<\(frames.upperBound) in "
            + String(format: "%.2f s (%.2f× real time)", report.seconds, report.realTimeFactor)
    }
}
