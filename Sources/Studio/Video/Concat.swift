import Foundation

/// Joins slices rendered with `--frames A:B` into one output.
///
/// Encoded slices (`.mp4`, `.webm`) are joined by ffmpeg's concat demuxer with `-c copy`: no
/// re-encoding, so each frame keeps exactly the bits its slice encoded. Because slices start
/// on keyframes and the encoder uses a fixed keyframe interval and constant quantiser, the
/// result decodes frame for frame like a one-shot render. PNG-folder slices are merged into
/// one folder (their files are already numbered by absolute frame index).
public enum ConcatJob {
    /// Joins `parts` in order into `output`, written under a temporary name and renamed when
    /// complete.
    public static func run(
        parts: [String], output: String, ffmpeg: FFmpegLocator = FFmpegLocator(),
        cancel: CancellationFlag = CancellationFlag()
    ) throws {
        guard !parts.isEmpty else { throw StudioError.badInput(file: output, reason: "no parts to join") }
        let format = try VideoFormat.forPath(output)
        for part in parts {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: part, isDirectory: &isFolder) else {
                throw StudioError.badInput(file: part, reason: "no such file or folder")
            }
            guard try VideoFormat.forPath(part) == format, isFolder.boolValue == (format == .pngFolder) else {
                throw StudioError.badInput(file: part, reason: "is not the same kind of output as \(output)")
            }
        }
        switch format {
        case .mp4, .webm:
            let finisher = TimelineFinisher(ffmpeg: ffmpeg, cancel: cancel)
            let timeline = try partsTimeline(parts, finisher: finisher)
            try joinVideos(parts, output: output, format: format, ffmpeg: ffmpeg, cancel: cancel)
            if let timeline { try finisher.finish(video: output, timeline: timeline) }
        case .pngFolder: try mergeFolders(parts, output: output)
        case .gif:
            throw StudioError.unsupportedOutput(
                file: output,
                reason: "GIF slices cannot be joined without re-quantising; "
                    + "render the GIF in one run, or join .mp4 slices and convert")
        }
    }

    /// The whole video's timeline (captions, chapters, voice-over) that slices of a tour or
    /// replay carry; nil when no part carries one. Parts that disagree are an error.
    static func partsTimeline(_ parts: [String], finisher: TimelineFinisher) throws -> VideoTimeline? {
        let timelines = try parts.map { try finisher.timeline(of: $0) }
        guard let first = timelines.first ?? nil else {
            if let index = timelines.firstIndex(where: { $0 != nil }) {
                throw StudioError.badInput(
                    file: parts[index], reason: "carries captions or chapters but \(parts[0]) does not; are these slices of one video?")
            }
            return nil
        }
        for (index, timeline) in timelines.enumerated() where timeline != first {
            throw StudioError.badInput(
                file: parts[index], reason: "carries different captions or chapters from \(parts[0]); are these slices of one video?")
        }
        return first
    }

    /// The concat demuxer's list file for `parts`.
    public static func listFile(_ parts: [String]) -> String {
        parts.map { part in
            let path = URL(fileURLWithPath: part).standardizedFileURL.path
            return "file '" + path.replacingOccurrences(of: "'", with: "'\\''") + "'\n"
        }.joined()
    }

    static func joinVideos(
        _ parts: [String], output: String, format: VideoFormat, ffmpeg: FFmpegLocator,
        cancel: CancellationFlag
    ) throws {
        let executable = try ffmpeg.locate(for: output)
        let staged = try StagedOutput(path: output)
        let list: StagedOutput
        do { list = try StagedOutput(path: output + ".parts.txt") } catch {
            staged.discard()
            throw error
        }
        defer { list.discard() }
        do {
            try Data(listFile(parts).utf8).write(to: list.staging)
        } catch {
            let failure = list.failure(error, errno: errno)
            staged.discard()
            throw failure
        }
        var args = [
            "-hide_banner", "-loglevel", "error", "-nostats", "-y", "-f", "concat", "-safe", "0",
            "-i", list.staging.path, "-c", "copy",
        ]
        if format == .mp4 { args += ["-movflags", "+faststart"] }
        args += ["-f", format.muxer, staged.staging.path]
        do {
            let process = try FFmpegProcess(
                executable: executable, arguments: args, output: output,
                staging: staged.staging.path, cancel: cancel)
            do {
                try process.finish()
                if cancel.isCancelled { throw StudioError.interrupted }
            } catch {
                process.terminate()
                throw error
            }
            try staged.commit()
        } catch {
            staged.discard()
            throw error
        }
    }

    static func mergeFolders(_ parts: [String], output: String) throws {
        let staged = try StagedOutput(path: output.hasSuffix("/") ? String(output.dropLast()) : output, kind: .framesFolder)
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: staged.staging, withIntermediateDirectories: true)
            try OutputTarget.writeMarker(in: staged.staging)
            for part in parts {
                let names = try manager.contentsOfDirectory(atPath: part).filter { $0.hasSuffix(".png") }.sorted()
                for name in names {
                    let destination = staged.staging.appendingPathComponent(name)
                    guard !manager.fileExists(atPath: destination.path) else {
                        throw StudioError.badInput(file: part, reason: "\(name) is also in an earlier part; slices overlap")
                    }
                    try manager.copyItem(at: URL(fileURLWithPath: part).appendingPathComponent(name), to: destination)
                }
            }
            try staged.commit()
        } catch let error as StudioError {
            staged.discard()
            throw error
        } catch {
            let failure = staged.failure(error, errno: errno)
            staged.discard()
            throw failure
        }
    }
}

/// Parses a frame slice written `A:B` or `A..<B` (also `A..B` meaning `A...B`); see `FrameRange`.
public func parseFrameRange(_ text: String) -> Range<Int>? {
    FrameRange.parse(text)?.range
}
