/// Runtime failures of Studio jobs. Every case names the file or program involved.
public enum StudioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SIGINT/SIGTERM (or a cancelled flag) stopped the job; no partial output was kept.
    case interrupted
    /// No ffmpeg executable at the path given or on PATH.
    case ffmpegMissing(looked: String, output: String)
    /// The ffmpeg given (or found) is a folder, not executable, or could not be started.
    case ffmpegUnusable(path: String, reason: String, output: String)
    /// ffmpeg stopped reading frames for `seconds`; it was ended.
    case encoderStalled(output: String, seconds: Double)
    /// ffmpeg exited with a failure status.
    case ffmpegFailed(output: String, status: Int32, message: String)
    /// The output file's extension names no format cnnviz writes.
    case unsupportedOutput(file: String, reason: String)
    /// A frame slice outside the video or not on a keyframe boundary.
    case badFrameRange(String)
    /// Writing or renaming an output failed.
    case writeFailed(file: String, reason: String)
    /// The storage under an output failed (full disk, quota, read-only, I/O error).
    case storageFailed(file: String, reason: String)
    /// An input file or part that does not exist or cannot be used.
    case badInput(file: String, reason: String)
    /// The renderer failed on a frame.
    case renderFailed(frame: Int, reason: String)

    public var description: String {
        switch self {
        case .interrupted:
            "interrupted; partial output removed"
        case .ffmpegMissing(let looked, let output):
            "ffmpeg not found (looked for \(looked)); it is needed to write \(output). "
                + "Install it (e.g. apt-get install ffmpeg) or write numbered PNG frames to a folder instead (-o Output/frames/)"
        case .ffmpegUnusable(let path, let reason, let output):
            "cannot run ffmpeg '\(path)': \(reason); it is needed to write \(output)"
        case .encoderStalled(let output, let seconds):
            "ffmpeg stopped reading frames for \(Self.seconds(seconds)) while writing \(output), so it was ended "
                + "(a stuck encoder or wrapper? CNNVIZ_ENCODER_STALL_SECONDS sets how long to wait)"
        case .ffmpegFailed(let output, let status, let message):
            "ffmpeg failed writing \(output) (exit status \(status))" + (message.isEmpty ? "" : ": \(message)")
        case .unsupportedOutput(let file, let reason):
            "\(file): \(reason)"
        case .badFrameRange(let reason):
            reason
        case .writeFailed(let file, let reason):
            "cannot write \(file): \(reason)"
        case .storageFailed(let file, let reason):
            "\(reason) writing \(file)"
        case .badInput(let file, let reason):
            "\(file): \(reason)"
        case .renderFailed(let frame, let reason):
            "rendering frame \(frame) failed: \(reason)"
        }
    }

    /// `30 s`, `1.5 s`.
    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
