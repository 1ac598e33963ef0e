import ArgumentParser
import Foundation
import Studio

/// Options shared by the commands that render videos (`render`, `orbit`): weights, threads,
/// encoder and verbosity.
struct RenderFlags: ParsableArguments {
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

    static let presets = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"]

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        guard Self.presets.contains(preset) else {
            throw ValidationError("--preset must be one of \(Self.presets.joined(separator: ", ")), got \(preset)")
        }
    }

    /// The Studio options these flags describe, rendering only `frames` when given.
    func renderOptions(frames: String?) -> RenderOptions {
        RenderOptions(
            video: VideoOptions(ffmpeg: FFmpegLocator(explicit: ffmpeg), preset: preset),
            scheduler: FrameScheduler(workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount),
            showProgress: quiet ? false : nil,
            frames: frames.flatMap(parseFrameRange),
            weights: weights)
    }
}
