import ArgumentParser
import Foundation
import Studio

/// `cnnviz concat PARTS... -o FILE`: joins slices rendered with `--frames` into one video.
struct Concat: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join orbit slices (rendered with --frames) into one video, without re-encoding.",
        discussion: "Equivalent to ffmpeg -f concat -safe 0 -i parts.txt -c copy -movflags +faststart OUT.mp4.")

    @Argument(help: "Slices in frame order (.mp4 or .webm files, or PNG folders).")
    var parts: [String] = []

    @Option(name: .shortAndLong, help: "The joined output (same kind as the parts).")
    var output: String

    @Option(name: .long, help: "The ffmpeg executable (default: CNNVIZ_FFMPEG or ffmpeg on PATH).")
    var ffmpeg: String?

    func validate() throws {
        guard !parts.isEmpty else { throw ValidationError("give the PARTS to join") }
        do { _ = try VideoFormat.forPath(output) } catch { throw ValidationError("-o: \(error)") }
    }

    func run() throws {
        try Interruptible.run { cancel in
            try ConcatJob.run(parts: parts, output: output, ffmpeg: FFmpegLocator(explicit: ffmpeg), cancel: cancel)
        }
    }
}
