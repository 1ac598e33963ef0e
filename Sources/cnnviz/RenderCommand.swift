import ArgumentParser
import Foundation
import Studio

/// `cnnviz render SCENE.yaml...`: everything each scene file asks for.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render every output (orbit, poster, preprocess) each scene file asks for.")

    @Argument(help: "Scene files (YAML), e.g. Scenes/orbit.yaml.")
    var scenes: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Render only frames A..<B of each orbit (a shard for `cnnviz concat`).",
        discussion: "Each orbit's slice goes to NAME.frames-AAAAAA-BBBBBB.EXT beside its file."))
    var frames: String?

    @Option(name: .long, help: "Weights file (default: the bundled trained weights).")
    var weights: String?

    @Option(name: .long, help: "Rendering threads (default: one per core).")
    var jobs: Int?

    @Option(name: .long, help: "The ffmpeg executable (default: CNNVIZ_FFMPEG or ffmpeg on PATH).")
    var ffmpeg: String?

    @Option(name: .long, help: "x264 preset for .mp4 (ultrafast … veryslow): slower presets make smaller files.")
    var preset: String = VideoOptions.defaultPreset

    @Flag(name: .long, help: "No progress or summary lines on stderr.")
    var quiet = false

    func validate() throws {
        guard !scenes.isEmpty else { throw ValidationError("give at least one SCENE file") }
        if let frames, parseFrameRange(frames) == nil { throw ValidationError("--frames must look like 0..<180, got \(frames)") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        let presets = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"]
        guard presets.contains(preset) else { throw ValidationError("--preset must be one of \(presets.joined(separator: ", ")), got \(preset)") }
    }

    func run() throws {
        let options = RenderOptions(
            video: VideoOptions(ffmpeg: FFmpegLocator(explicit: ffmpeg), preset: preset),
            scheduler: FrameScheduler(workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount),
            showProgress: quiet ? false : nil,
            frames: frames.flatMap(parseFrameRange),
            weights: weights)
        try Interruptible.run { cancel in
            for scene in scenes {
                try SceneRenderJob.run(path: scene, options: options, cancel: cancel,
                                       log: { line in if !quiet { Interruptible.printError(line) } })
            }
        }
    }
}
