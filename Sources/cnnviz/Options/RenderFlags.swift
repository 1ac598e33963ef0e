import ArgumentParser
import Foundation
import Studio

/// Options shared by the commands that render videos (`render`, `orbit`): the slice to
/// render, threads, encoder and verbosity. The network is chosen by `NetworkOptions`.
struct RenderFlags: ParsableArguments {
    /// Render only these frames of each orbit (a shard for `cnnviz concat`).
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Render only frames A ≤ n < B of each orbit, written A:B (e.g. 0:30; 'A..<B' works when quoted).",
            discussion: "A shard for `cnnviz concat`: the slice goes to NAME.frames-AAAAAA-BBBBBB.EXT beside its file "
                + "and must start on a multiple of the fps.",
            valueName: "A:B"))
    var frames: FrameRange?

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

    /// The Studio options these flags describe, running `network`.
    func renderOptions(network: NetworkSource) -> RenderOptions {
        RenderOptions(
            video: VideoOptions(ffmpeg: FFmpegLocator(explicit: ffmpeg), preset: preset),
            scheduler: FrameScheduler(workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount),
            showProgress: quiet ? false : nil,
            frames: frames?.range,
            network: network)
    }

    /// Writes a progress or summary line to standard error unless `--quiet`.
    func log(_ line: String) {
        if !quiet { CommandFailure.printError(line) }
    }
}
