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
    /// The network every output runs.
    public var network: NetworkSource

    /// Creates options with the defaults the command line uses.
    public init(
        video: VideoOptions = VideoOptions(), scheduler: FrameScheduler = FrameScheduler(),
        showProgress: Bool? = nil, frames: Range<Int>? = nil, network: NetworkSource = NetworkSource()
    ) {
        self.video = video
        self.scheduler = scheduler
        self.showProgress = showProgress
        self.frames = frames
        self.network = network
    }
}

/// Runs everything a scene file asks for.
///
/// A scene resolves its input once and every output shares it; the network is loaded once
/// per scene file (all its documents share it).
/// Problems found after decoding (an input that cannot be read, a layer the network lacks, an
/// output that cannot be written) are ``SceneFileError``s at the line of the key involved.
public enum SceneRenderJob {
    /// The network a scene runs: `--model` on the command line wins over the scene's `model:`.
    static func networkSource(for scene: SceneDescription, options: RenderOptions) -> NetworkSource {
        var source = options.network
        if source.model == nil { source.model = scene.model }
        return source
    }

    /// Loads the scene file at `path` (one or more scene documents) and renders each output in order, calling `log` with a
    /// line per finished output. Returns the files written.
    @discardableResult
    public static func run(
        path: String, options: RenderOptions = RenderOptions(),
        cancel: CancellationFlag = CancellationFlag(),
        log: (String) -> Void = { _ in }
    ) throws -> [String] {
        let scenes = try SceneDescription.loadAll(path: path)
        var networks: [NetworkSource: Network] = [:]
        var written: [String] = []
        for scene in scenes {
            let source = networkSource(for: scene, options: options)
            let network: Network
            if let loaded = networks[source] {
                network = loaded
            } else {
                do { network = try source.load() } catch let error as ModelFileError where scene.model != nil {
                    throw scene.locations.error(at: "model", error.description)
                }
                networks[source] = network
            }
            written += try run(scene: scene, network: network, options: options, cancel: cancel, log: log)
        }
        return written
    }

    /// Renders each output of an already decoded `scene` with `network` (nil loads the one
    /// `options` names); the scene's locations label errors.
    @discardableResult
    public static func run(
        scene: SceneDescription, network: Network? = nil, options: RenderOptions = RenderOptions(),
        cancel: CancellationFlag = CancellationFlag(),
        log: (String) -> Void = { _ in }
    ) throws -> [String] {
        let network = try network ?? networkSource(for: scene, options: options).load()
        var input: DigitInput
        do { input = try resolveInput(scene.input) } catch {
            throw scene.locations.error(at: "input", error.description)
        }
        if let label = scene.label {
            do { input = try input.labelled(label, classes: network.classCount) } catch {
                throw scene.locations.error(at: "label", error.description)
            }
        }
        try preflight(scene, network: network, options: options)
        var written: [String] = []
        for (index, output) in scene.outputs.enumerated() {
            if cancel.isCancelled { throw StudioError.interrupted }
            do {
                let files = try render(
                    output, input: input, network: network, style: scene.style,
                    options: options, cancel: cancel, log: log, locations: scene.locations,
                    keyPath: scene.keyPath(ofOutput: index))
                written += files
            } catch {
                throw located(error, in: scene, output: index)
            }
        }
        return written
    }

    /// Renders one output; returns the files written.
    static func render(
        _ output: SceneOutput, input: DigitInput, network: Network, style: SceneStyle,
        options: RenderOptions, cancel: CancellationFlag, log: (String) -> Void,
        locations: SceneLocations = SceneLocations(), keyPath: String = "tour"
    ) throws -> [String] {
        switch output {
        case .tour(let spec):
            let prepared = try TourJob.prepare(
                spec, input: input, network: network, style: style, locations: locations, keyPath: keyPath)
            let report = try TourJob.render(spec, prepared: prepared, options: options, cancel: cancel)
            log(summary(report))
            return [report.output]
        case .orbit(let spec):
            let report = try renderOrbit(spec, input: input, network: network, style: style, options: options, cancel: cancel)
            log(summary(report))
            return [report.output]
        case .poster(let spec):
            let size = spec.size ?? FrameSize(width: PosterJob.defaultSize.width, height: PosterJob.defaultSize.height)
            let files = try PosterJob.run(
                input: input, network: network, layer: spec.layer, output: spec.file,
                width: size.width, height: size.height)
            log("wrote " + files.joined(separator: ", "))
            return files
        case .replay(let spec):
            let path = try ReplayJob.strokesPath(spec, input: input.spec)
            let report = try ReplayJob.run(spec, strokesPath: path, network: network, style: style, options: options, cancel: cancel)
            log(ReplayJob.summary(report))
            return [report.video.output] + report.extras
        case .sweep(let spec):
            return try SweepJob.run(spec, input: input, network: network, style: style, options: options, cancel: cancel, log: log)
        case .preprocess(let spec):
            let files = try PreprocessJob.run(
                input: input, network: network, output: spec.file,
                stepsDirectory: spec.stepsDir, page: spec.page)
            log("wrote " + files.joined(separator: ", "))
            return files
        }
    }

    /// Checks what can be checked before anything is rendered: every output's file kind, every
    /// poster's layer against `network`, every orbit's slice. Errors carry the key's line.
    static func preflight(_ scene: SceneDescription, network: Network, options: RenderOptions) throws(SceneFileError) {
        let layers = network.stages.map(\.name.rawValue)
        for (index, output) in scene.outputs.enumerated() {
            let path = scene.keyPath(ofOutput: index)
            switch output {
            case .orbit(let spec):
                do { _ = try VideoFormat.forPath(spec.file) } catch {
                    throw scene.locations.error(at: path + ".file", error.description)
                }
                if options.frames != nil {
                    let job = OrbitJob(spec: spec, frames: options.frames)
                    do { _ = try job.frameRange() } catch { throw scene.locations.error(at: path, error.description) }
                }
            case .poster(let spec):
                if PosterJob.Format(rawValue: (spec.file as NSString).pathExtension.lowercased()) == nil {
                    throw scene.locations.error(at: path + ".file", "a poster is written as .png, .pdf or .svg, got \(spec.file)")
                }
                if spec.layer != "all", !layers.contains(spec.layer) {
                    throw scene.locations.error(
                        at: path + ".layer",
                        "the network has no layer '\(spec.layer)'; choose one of \(layers.joined(separator: ", ")) or all")
                }
            case .replay(let spec):
                do { _ = try VideoFormat.forPath(spec.file) } catch {
                    throw scene.locations.error(at: path + ".file", error.description)
                }
                do { _ = try ReplayJob.strokesPath(spec, input: scene.input) } catch {
                    throw scene.locations.error(at: spec.strokes == nil ? "input" : path + ".strokes", "\(error)")
                }
            case .sweep(let spec):
                if !spec.isFigure {
                    do { _ = try VideoFormat.forPath(spec.file) } catch {
                        throw scene.locations.error(at: path + ".file", error.description)
                    }
                }
            case .tour(let spec):
                try TourJob.preflight(spec, locations: scene.locations, keyPath: path)
            case .preprocess(let spec):
                if SheetFormat(path: spec.file) == nil {
                    throw scene.locations.error(at: path + ".file", "a sheet is written as .png, .pdf or .svg, got \(spec.file)")
                }
            }
        }
    }

    /// `error`, raised while rendering output `index`, located at that output's entry (its
    /// `file:` key for problems with the output path). Interruptions pass through unchanged.
    static func located(_ error: any Error, in scene: SceneDescription, output index: Int) -> any Error {
        let path = scene.keyPath(ofOutput: index)
        switch error {
        case StudioError.interrupted, is SceneFileError:
            return error
        case StudioError.writeFailed, StudioError.unsupportedOutput:
            return scene.locations.error(at: path + ".file", "\(error)")
        default:
            return scene.locations.error(at: path, "\(error)")
        }
    }

    /// Renders one orbit video of `network` reading `input`.
    @discardableResult
    public static func renderOrbit(
        _ spec: OrbitSpec, input: DigitInput, network: Network, style: SceneStyle,
        options: RenderOptions, cancel: CancellationFlag = CancellationFlag()
    ) throws -> OrbitReport {
        var spec = spec
        if let frames = options.frames {
            // A folder of PNG frames stays a folder: the slice's name ends in `/` so its
            // `.frames-A-B` tag is not read as a video extension.
            let folder = (try? VideoFormat.forPath(spec.file)) == .pngFolder
            spec.file = sliceFileName(spec.file, frames) + (folder ? "/" : "")
        }
        let job = OrbitJob(
            spec: spec, frames: options.frames, video: options.video, scheduler: options.scheduler,
            showProgress: options.showProgress)
        _ = try job.frameRange()  // reject a bad slice before any work
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
        return "wrote \(report.output): frames \(FrameRange(frames)) in "
            + String(format: "%.2f s (%.2f× real time)", report.seconds, report.realTimeFactor)
    }
}
