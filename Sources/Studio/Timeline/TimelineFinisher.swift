import Foundation

/// Writes a finished video's timeline: SRT and VTT sidecars beside it (`NAME.srt`,
/// `NAME.vtt`), and for MP4 and WebM a copy of the video (frames not re-encoded) carrying the
/// chapters, the timeline itself (so slices can be joined) and the optional voice-over,
/// which replaces the video atomically. Tours and replays both finish through this one type.
public struct TimelineFinisher: Sendable {
    public var ffmpeg: FFmpegLocator
    public var cancel: CancellationFlag

    public init(ffmpeg: FFmpegLocator = FFmpegLocator(), cancel: CancellationFlag = CancellationFlag()) {
        self.ffmpeg = ffmpeg
        self.cancel = cancel
    }

    /// The sidecar paths for `video`: the same name with `.srt` and `.vtt` beside it, where
    /// players load them by themselves. When the captions are also `burned` into the frames
    /// they go in a `NAME.captions` folder beside the video instead (`Output/tour.captions/
    /// tour.srt`): VLC, mpv, MPC-HC and browsers look for subtitles only beside the video (by
    /// name) or in folders named `subs`/`subtitles`, so none shows the captions twice, and the
    /// files are still there to upload, translate or index.
    public static func sidecarPaths(for video: String, burned: Bool = false) -> (srt: String, vtt: String) {
        let url = URL(fileURLWithPath: video.hasSuffix("/") ? String(video.dropLast()) : video)
        let base = url.deletingPathExtension().path
        guard burned else { return (base + ".srt", base + ".vtt") }
        let folder = base + ".captions/" + url.deletingPathExtension().lastPathComponent
        return (folder + ".srt", folder + ".vtt")
    }

    /// Finishes the complete video at `video` (already written and renamed). A slice
    /// (`isSlice`, rendered with `--frames`) only embeds the whole video's timeline, for
    /// `cnnviz concat` to finish the joined output; sidecars are written when `sidecars` is
    /// true and there are captions.
    public func finish(video: String, timeline: VideoTimeline, isSlice: Bool = false, sidecars: Bool = true) throws {
        try timeline.validate(source: video)
        let format = try VideoFormat.forPath(video)
        if !isSlice, sidecars, !timeline.cues.isEmpty {
            let burned = timeline.captionsBurned ?? false
            let paths = Self.sidecarPaths(for: video, burned: burned)
            if burned { try makeFolder(URL(fileURLWithPath: paths.srt).deletingLastPathComponent().path, for: video) }
            try writeText(SubtitleText.srt(timeline), to: paths.srt)
            try writeText(SubtitleText.vtt(timeline), to: paths.vtt)
        }
        guard format == .mp4 || format == .webm else {
            if timeline.audio != nil || !timeline.chapters.isEmpty {
                throw StudioError.unsupportedOutput(
                    file: video,
                    reason: "chapters and a voice-over need an .mp4 or .webm output (captions are written as .srt/.vtt beside it)")
            }
            return
        }
        try remux(video: video, format: format, timeline: timeline, isSlice: isSlice)
    }

    /// The timeline a video made by `finish` carries, or nil when it carries none.
    public func timeline(of video: String) throws -> VideoTimeline? {
        let executable = try ffmpeg.locate(for: video)
        let folder = FileManager.default.temporaryDirectory.path
        let staged = try StagedOutput(path: folder + "/cnnviz-metadata-\(getpid()).txt")
        defer { staged.discard() }
        let args = [
            "-hide_banner", "-loglevel", "error", "-nostats", "-y", "-i", video, "-f", "ffmetadata", staged.staging.path,
        ]
        try run(executable, args, output: video, staging: staged.staging.path)
        guard let data = FileManager.default.contents(atPath: staged.staging.path) else { return nil }
        return ChapterMetadata.timeline(in: String(decoding: data, as: UTF8.self))
    }

    private func remux(video: String, format: VideoFormat, timeline: VideoTimeline, isSlice: Bool) throws {
        let executable = try ffmpeg.locate(for: video)
        let remuxed = try StagedOutput(path: video)
        let metadata: StagedOutput
        do { metadata = try StagedOutput(path: video + ".ffmetadata") } catch {
            remuxed.discard()
            throw error
        }
        defer { metadata.discard() }
        do {
            let body = ChapterMetadata.text(timeline, chapters: !isSlice)
            do { try Data(body.utf8).write(to: metadata.staging) } catch { throw metadata.failure(error, errno: errno) }
            var args = [
                "-hide_banner", "-loglevel", "error", "-nostats", "-y", "-i", video,
                "-f", "ffmetadata", "-i", metadata.staging.path,
            ]
            let audio = isSlice ? nil : timeline.audio
            if let audio { args += ["-i", audio] }
            args += ["-map", "0:v", "-map_metadata", "1", "-map_chapters", "1", "-c:v", "copy"]
            if audio != nil {
                let codec = format == .mp4 ? ["-c:a", "aac", "-b:a", "160k"] : ["-c:a", "libopus", "-b:a", "128k"]
                args += ["-map", "2:a:0"] + codec + ["-af", "apad", "-shortest"]
            }
            if format == .mp4 { args += ["-movflags", "+faststart"] }
            args += ["-f", format.muxer, remuxed.staging.path]
            try run(executable, args, output: video, staging: remuxed.staging.path)
            try remuxed.commit()
        } catch {
            remuxed.discard()
            throw error
        }
    }

    private func run(_ executable: URL, _ arguments: [String], output: String, staging: String) throws {
        let process = try FFmpegProcess(executable: executable, arguments: arguments, output: output, staging: staging, cancel: cancel)
        do {
            try process.finish()
            if cancel.isCancelled { throw StudioError.interrupted }
        } catch {
            process.terminate()
            throw error
        }
    }

    /// Creates the captions folder (a file already at that name is an error, never replaced).
    private func makeFolder(_ path: String, for video: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw StudioError.badInput(file: path, reason: "is a file; the captions of \(video) go in a folder of that name")
            }
            return
        }
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw StudioError.badInput(file: path, reason: "cannot create the captions folder: \(error.localizedDescription)")
        }
    }

    private func writeText(_ text: String, to path: String) throws {
        let staged = try StagedOutput(path: path)
        do {
            do { try Data(text.utf8).write(to: staged.staging) } catch { throw staged.failure(error, errno: errno) }
            try staged.commit()
        } catch {
            staged.discard()
            throw error
        }
    }
}
