import CairoGraphics
import Foundation

/// Receives the frames of one output in order and produces the file. Nothing appears under
/// the final name until `finish()` succeeds; `abort()` leaves nothing behind.
public protocol FrameWriter: AnyObject {
    /// Appends frame `index` (premultiplied BGRA, `width × height × 4` bytes).
    func write(_ frame: [UInt8], index: Int) throws
    /// Completes the output and moves it to its final name.
    func finish() throws
    /// Stops any child process and deletes the partial output.
    func abort()
}

/// How videos are encoded.
public struct VideoOptions: Sendable {
    /// Where to find ffmpeg.
    public var ffmpeg: FFmpegLocator
    /// Constant quantiser for H.264 (lower is better; 0 is lossless). Constant QP rather than
    /// CRF keeps every keyframe interval independent, which is what makes shards concatenate
    /// into exactly the one-shot video.
    public var quantizer: Int
    /// Encoder threads (fixed so the bitstream never depends on the machine); nil lets ffmpeg choose.
    public var encoderThreads: Int?

    /// Creates options; the defaults are what `cnnviz orbit` and `render` use.
    public init(ffmpeg: FFmpegLocator = FFmpegLocator(), quantizer: Int = 18, encoderThreads: Int? = nil) {
        self.ffmpeg = ffmpeg
        self.quantizer = quantizer
        self.encoderThreads = encoderThreads
    }

    /// Keyframe interval in frames for a video at `fps`: one per second. Slices must start on
    /// a multiple of it to concatenate into the one-shot video.
    public static func keyframeInterval(fps: Int) -> Int { max(1, fps) }

    /// The ffmpeg arguments reading raw BGRA frames of `size` at `fps` from stdin and writing
    /// `format` to `output`. `palette` is the palette image a GIF's second pass uses.
    public func arguments(format: VideoFormat, size: FrameSize, fps: Int, output: String, palette: String? = nil) -> [String] {
        var args = ["-hide_banner", "-loglevel", "error", "-nostats", "-y",
                    "-f", "rawvideo", "-pix_fmt", "bgra", "-s", "\(size.width)x\(size.height)", "-r", "\(fps)", "-i", "-"]
        let keyint = Self.keyframeInterval(fps: fps)
        let threads = encoderThreads.map { ["-threads", "\($0)"] } ?? []
        switch format {
        case .mp4:
            args += ["-an", "-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p",
                     "-c:v", "libx264", "-preset", "veryfast", "-qp", "\(quantizer)",
                     "-x264-params", "keyint=\(keyint):min-keyint=\(keyint):scenecut=0"]
                + threads
                + ["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
                   "-movflags", "+faststart", "-f", "mp4", output]
        case .webm:
            args += ["-an", "-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p",
                     "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "32", "-deadline", "good", "-cpu-used", "5",
                     "-row-mt", "1", "-g", "\(keyint)", "-keyint_min", "\(keyint)"]
                + threads
                + ["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
                   "-f", "webm", output]
        case .gif:
            if let palette {
                args += ["-i", palette, "-lavfi", "[0:v][1:v]paletteuse=dither=sierra2_4a:diff_mode=rectangle",
                         "-loop", "0", "-f", "gif", output]
            } else {
                args += ["-vf", "palettegen=max_colors=256:stats_mode=full", "-frames:v", "1", "-update", "1", "-f", "image2", output]
            }
        case .pngFolder:
            args += ["-f", "image2", output]
        }
        return args
    }
}

/// Writes frames into an ffmpeg child encoding `.mp4`, `.webm` or `.gif`, staged under a
/// temporary name beside the destination.
public final class FFmpegVideoWriter: FrameWriter {
    private let staged: StagedOutput
    private let ffmpeg: FFmpegProcess
    private let frameBytes: Int
    private var finished = false

    /// Starts ffmpeg for `path`. For GIF pass the palette made by a `GIFPaletteWriter`.
    public init(path: String, format: VideoFormat, size: FrameSize, fps: Int, options: VideoOptions, palette: URL? = nil) throws {
        let executable = try options.ffmpeg.locate(for: path)
        staged = try StagedOutput(path: path)
        frameBytes = size.width * size.height * 4
        let args = options.arguments(format: format, size: size, fps: fps, output: staged.staging.path, palette: palette?.path)
        do {
            ffmpeg = try FFmpegProcess(executable: executable, arguments: args, output: path)
        } catch {
            staged.discard()
            throw error
        }
    }

    public func write(_ frame: [UInt8], index: Int) throws {
        guard frame.count == frameBytes else {
            throw StudioError.renderFailed(frame: index, reason: "frame has \(frame.count) bytes, expected \(frameBytes)")
        }
        do { try ffmpeg.write(frame) } catch {
            staged.discard()
            throw error
        }
    }

    public func finish() throws {
        guard !finished else { return }
        finished = true
        do {
            try ffmpeg.finish()
            try staged.commit()
        } catch {
            staged.discard()
            throw error
        }
    }

    public func abort() {
        guard !finished else { return }
        finished = true
        ffmpeg.terminate()
        staged.discard()
    }

    deinit { abort() }
}

/// The first pass of a GIF: feeds (a subsample of) the frames to ffmpeg's palettegen and
/// leaves the palette in a temporary PNG beside the destination.
public final class GIFPaletteWriter: FrameWriter {
    /// The palette image, valid after `finish()`; delete it with `discard()`.
    public let palette: StagedOutput
    private let ffmpeg: FFmpegProcess
    private var finished = false

    /// Starts ffmpeg's palettegen for the GIF at `path`.
    public init(path: String, size: FrameSize, fps: Int, options: VideoOptions) throws {
        let executable = try options.ffmpeg.locate(for: path)
        palette = try StagedOutput(path: path + ".palette.png")
        let args = options.arguments(format: .gif, size: size, fps: fps, output: palette.staging.path)
        ffmpeg = try FFmpegProcess(executable: executable, arguments: args, output: path)
    }

    public func write(_ frame: [UInt8], index: Int) throws { try ffmpeg.write(frame) }

    public func finish() throws {
        guard !finished else { return }
        finished = true
        do { try ffmpeg.finish() } catch {
            palette.discard()
            throw error
        }
    }

    public func abort() {
        guard !finished else { return }
        finished = true
        ffmpeg.terminate()
        palette.discard()
    }

    /// Deletes the palette image.
    public func discard() { palette.discard() }

    deinit { abort() }
}

/// Writes numbered PNG frames (`frame-000042.png`, numbered by absolute frame index) into a
/// staging folder that is renamed to the destination folder when complete. Needs no ffmpeg.
public final class PNGFolderWriter: FrameWriter {
    private let staged: StagedOutput
    private let size: FrameSize
    private var finished = false

    /// Prepares the folder output at `path`.
    public init(path: String, size: FrameSize) throws {
        staged = try StagedOutput(path: path.hasSuffix("/") ? String(path.dropLast()) : path)
        self.size = size
        do {
            try FileManager.default.createDirectory(at: staged.staging, withIntermediateDirectories: true)
        } catch {
            throw StudioError.writeFailed(file: path, reason: "cannot create \(staged.staging.path)")
        }
    }

    public func write(_ frame: [UInt8], index: Int) throws {
        let file = staged.staging.appendingPathComponent(pngFrameName(index)).path
        do {
            let surface = try ImageSurface(width: size.width, height: size.height, bgra: frame)
            try surface.writePNG(to: file)
        } catch {
            staged.discard()
            throw StudioError.writeFailed(file: file, reason: "\(error)")
        }
    }

    public func finish() throws {
        guard !finished else { return }
        finished = true
        try staged.commit()
    }

    public func abort() {
        guard !finished else { return }
        finished = true
        staged.discard()
    }

    deinit { abort() }
}
