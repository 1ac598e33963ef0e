import Foundation

/// What an orbit render did.
public struct OrbitReport: Sendable, Equatable {
    /// The file or folder written.
    public var output: String
    /// The frames rendered.
    public var frames: Range<Int>
    /// Wall time in seconds, encoding included.
    public var seconds: Double
    /// Seconds of video per second of wall time.
    public var realTimeFactor: Double
}

/// Renders one orbit output: schedules frames across cores and streams them, in order, into
/// the writer its file extension picks.
public struct OrbitJob: Sendable {
    /// The video to make.
    public var spec: OrbitSpec
    /// Only these frames (a shard), or nil for the whole video.
    public var frames: Range<Int>?
    /// Encoder settings.
    public var video: VideoOptions
    /// Parallel rendering settings.
    public var scheduler: FrameScheduler
    /// Whether to draw progress on stderr (nil: when it is a terminal).
    public var showProgress: Bool?

    /// Creates a job for `spec`.
    public init(
        spec: OrbitSpec, frames: Range<Int>? = nil, video: VideoOptions = VideoOptions(),
        scheduler: FrameScheduler = FrameScheduler(), showProgress: Bool? = nil
    ) {
        self.spec = spec
        self.frames = frames
        self.video = video
        self.scheduler = scheduler
        self.showProgress = showProgress
    }

    /// The frames this job renders, checked against the video: inside `0..<frameCount`,
    /// non-empty, and for encoded video starting on a keyframe (a multiple of the fps) so
    /// that slices concatenate into exactly the one-shot video.
    public func frameRange() throws(StudioError) -> Range<Int> {
        let count = spec.frameCount
        guard let frames else { return 0..<count }
        guard !frames.isEmpty, frames.lowerBound >= 0, frames.upperBound <= count else {
            throw .badFrameRange("frames \(frames.lowerBound)..<\(frames.upperBound) are outside the video's 0..<\(count)")
        }
        let format = try VideoFormat.forPath(spec.file)
        let keyint = VideoOptions.keyframeInterval(fps: spec.fps)
        if format == .mp4 || format == .webm, frames.lowerBound % keyint != 0 {
            let below = frames.lowerBound / keyint * keyint
            throw .badFrameRange(
                "a slice must start on a keyframe, a multiple of \(keyint) frames (fps), so slices join into "
                    + "the one-shot video; \(frames.lowerBound) is not (try \(below) or \(below + keyint))")
        }
        return frames
    }

    /// Renders the frames from `source` into `spec.file`. On any failure or interrupt the
    /// partial output is deleted and ffmpeg ended before the error is rethrown.
    @discardableResult
    public func run(source: some FrameSource, cancel: CancellationFlag = CancellationFlag()) throws -> OrbitReport {
        let range = try frameRange()
        guard source.size == spec.size else {
            throw StudioError.renderFailed(frame: range.lowerBound, reason: "source draws \(source.size), the video is \(spec.size)")
        }
        let format = try VideoFormat.forPath(spec.file)
        let start = DispatchTime.now().uptimeNanoseconds
        var palette: GIFPaletteWriter?
        defer { palette?.discard() }
        if format == .gif {
            let writer = try GIFPaletteWriter(path: spec.file, size: spec.size, fps: spec.fps, options: video, cancel: cancel)
            palette = writer
            let sample = Self.paletteSample(range)
            try stream(sample, into: writer, source: source, cancel: cancel, label: "palette")
        }
        let writer: any FrameWriter =
            switch format {
            case .pngFolder: try PNGFolderWriter(path: spec.file, size: spec.size)
            default:
                try FFmpegVideoWriter(
                    path: spec.file, format: format, size: spec.size, fps: spec.fps,
                    options: video, palette: palette?.palette.staging, cancel: cancel)
            }
        try stream(Array(range), into: writer, source: source, cancel: cancel, label: URL(fileURLWithPath: spec.file).lastPathComponent)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let videoSeconds = Double(range.count) / Double(spec.fps)
        return OrbitReport(output: spec.file, frames: range, seconds: seconds, realTimeFactor: videoSeconds / max(seconds, 1e-9))
    }

    /// Every few frames of `range`, enough for a GIF palette.
    static func paletteSample(_ range: Range<Int>) -> [Int] {
        let step = max(1, range.count / 48)
        return Array(stride(from: range.lowerBound, to: range.upperBound, by: step))
    }

    private func stream(
        _ indices: [Int], into writer: any FrameWriter, source: some FrameSource,
        cancel: CancellationFlag, label: String
    ) throws {
        let progress = ProgressReporter(label: label, total: indices.count, enabled: showProgress ?? ProgressReporter.stderrIsTerminal)
        defer { progress.finish() }
        let picked = PickedFrames(source: source, indices: indices, format: writer.pixelFormat)
        do {
            var done = 0
            try scheduler.run(frames: 0..<indices.count, source: picked, cancel: cancel) { position, bytes in
                if cancel.isCancelled { throw StudioError.interrupted }
                try writer.write(bytes, index: indices[position])
                done += 1
                progress.update(done: done)
            }
            if cancel.isCancelled { throw StudioError.interrupted }
            try writer.finish()
        } catch {
            writer.abort()
            throw error
        }
    }
}

/// Some frames of another source, renumbered 0, 1, 2, …, delivered in the writer's layout
/// (the conversion runs on the rendering workers).
private struct PickedFrames<Source: FrameSource>: FrameSource {
    let source: Source
    let indices: [Int]
    let format: PixelFormat
    var size: FrameSize { source.size }
    func frame(_ index: Int) throws -> [UInt8] { try source.frame(indices[index], format: format) }
    func frame(_ index: Int, into buffer: inout [UInt8]) throws {
        try source.frame(indices[index], format: format, into: &buffer)
    }
}
