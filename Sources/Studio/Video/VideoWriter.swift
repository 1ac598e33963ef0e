import CairoGraphics
import Foundation

/// Receives the frames of one output in order and produces the file. Nothing appears under
/// the final name until `finish()` succeeds; `abort()` leaves nothing behind.
public protocol FrameWriter: AnyObject {
    /// The layout `write` expects.
    var pixelFormat: PixelFormat { get }
    /// Appends frame `index` in `pixelFormat`.
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
    /// Encoder threads; nil lets ffmpeg choose. (x264's output does not depend on it.)
    public var encoderThreads: Int?
    /// x264 speed preset: `ultrafast` … `veryslow`.
    public var preset: String
    /// How long a stuck encoder is waited for, and an ended one given to exit.
    public var timeouts: EncoderTimeouts

    /// Creates options; the defaults are what `cnnviz orbit` and `render` use.
    public init(
        ffmpeg: FFmpegLocator = FFmpegLocator(), quantizer: Int = 18, encoderThreads: Int? = nil,
        preset: String = VideoOptions.defaultPreset, timeouts: EncoderTimeouts = EncoderTimeouts()
    ) {
        self.ffmpeg = ffmpeg
        self.timeouts = timeouts
        self.quantizer = quantizer
        self.encoderThreads = encoderThreads
        self.preset = preset
    }

    /// The x264 preset used unless one is asked for. At the constant quantiser used here the
    /// presets differ in file size, not visibly in quality; `ultrafast` costs a quarter of
    /// `veryfast`'s CPU (about 3.5 vs 14 ms per 1280×720 frame on this machine), which on two
    /// cores shared with the renderer is the difference between 1.5× and 3× real time.
    public static let defaultPreset = "ultrafast"

    /// The layout frames travel in to ffmpeg for `format`: planar YUV for video (converted by
    /// the parallel workers), BGRA for GIF (its palette needs RGB) and PNG.
    public static func pixelFormat(for format: VideoFormat) -> PixelFormat {
        switch format {
        case .mp4, .webm: .yuv420p
        case .gif, .pngFolder: .bgra
        }
    }

    /// Keyframe interval in frames for a video at `fps`: one per second. Slices must start on
    /// a multiple of it to concatenate into the one-shot video.
    public static func keyframeInterval(fps: Int) -> Int { max(1, fps) }

    /// The ffmpeg arguments reading raw BGRA frames of `size` at `fps` from stdin and writing
    /// `format` to `output`. `palette` is the palette image a GIF's second pass uses.
    public func arguments(format: VideoFormat, size: FrameSize, fps: Int, output: String, palette: String? = nil) -> [String] {
        let pixels = palette == nil && format == .gif ? PixelFormat.bgra : Self.pixelFormat(for: format)
        var args = [
            "-hide_banner", "-loglevel", "error", "-nostats", "-y",
            "-f", "rawvideo", "-pix_fmt", pixels.rawValue, "-s", "\(size.width)x\(size.height)", "-r", "\(fps)",
        ]
        if pixels == .yuv420p { args += ["-color_range", "tv", "-colorspace", "bt709"] }
        args += ["-i", "-"]
        let keyint = Self.keyframeInterval(fps: fps)
        let threads = encoderThreads.map { ["-threads", "\($0)"] } ?? []
        switch format {
        case .mp4:
            args +=
                [
                    "-an", "-c:v", "libx264", "-preset", preset, "-qp", "\(quantizer)", "-pix_fmt", "yuv420p",
                    "-x264-params", "keyint=\(keyint):min-keyint=\(keyint):scenecut=0",
                ]
                + threads
                + [
                    "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
                    "-movflags", "+faststart", "-f", "mp4", output,
                ]
        case .webm:
            args +=
                [
                    "-an", "-pix_fmt", "yuv420p", "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "32", "-deadline", "good", "-cpu-used", "5",
                    "-row-mt", "1", "-g", "\(keyint)", "-keyint_min", "\(keyint)",
                ]
                + threads
                + [
                    "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
                    "-f", "webm", output,
                ]
        case .gif:
            if let palette {
                args += [
                    "-i", palette, "-lavfi", "[0:v][1:v]paletteuse=dither=sierra2_4a:diff_mode=rectangle",
                    "-loop", "0", "-f", "gif", output,
                ]
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
    public let pixelFormat: PixelFormat

    /// Starts ffmpeg for `path`. For GIF pass the palette made by a `GIFPaletteWriter`.
    /// Writes give up when `cancel` is set (or an interrupt arrives) and when ffmpeg stops
    /// reading for `options.timeouts.stall` seconds.
    public init(
        path: String, format: VideoFormat, size: FrameSize, fps: Int, options: VideoOptions, palette: URL? = nil,
        cancel: CancellationFlag = CancellationFlag()
    ) throws {
        let executable = try options.ffmpeg.locate(for: path)
        staged = try StagedOutput(path: path)
        pixelFormat = VideoOptions.pixelFormat(for: format)
        frameBytes = pixelFormat.frameBytes(size)
        let args = options.arguments(format: format, size: size, fps: fps, output: staged.staging.path, palette: palette?.path)
        do {
            ffmpeg = try FFmpegProcess(
                executable: executable, arguments: args, output: path, staging: staged.staging.path,
                cancel: cancel, timeouts: options.timeouts)
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
            abort()
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
            ffmpeg.terminate()
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
    public let pixelFormat = PixelFormat.bgra
    private let ffmpeg: FFmpegProcess
    private var finished = false

    /// Starts ffmpeg's palettegen for the GIF at `path`.
    public init(path: String, size: FrameSize, fps: Int, options: VideoOptions, cancel: CancellationFlag = CancellationFlag()) throws {
        let executable = try options.ffmpeg.locate(for: path)
        palette = try StagedOutput(path: path + ".palette.png")
        let args = options.arguments(format: .gif, size: size, fps: fps, output: palette.staging.path)
        do {
            ffmpeg = try FFmpegProcess(
                executable: executable, arguments: args, output: path, staging: palette.staging.path,
                cancel: cancel, timeouts: options.timeouts)
        } catch {
            palette.discard()
            throw error
        }
    }

    public func write(_ frame: [UInt8], index: Int) throws {
        do { try ffmpeg.write(frame) } catch {
            abort()
            throw error
        }
    }

    public func finish() throws {
        guard !finished else { return }
        finished = true
        do { try ffmpeg.finish() } catch {
            ffmpeg.terminate()
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
    public let pixelFormat = PixelFormat.bgra

    /// Prepares the folder output at `path`.
    public init(path: String, size: FrameSize) throws {
        staged = try StagedOutput(path: path.hasSuffix("/") ? String(path.dropLast()) : path, kind: .framesFolder)
        self.size = size
        do {
            try FileManager.default.createDirectory(at: staged.staging, withIntermediateDirectories: true)
            try OutputTarget.writeMarker(in: staged.staging)
        } catch {
            let failure = staged.failure(error, errno: errno)
            staged.discard()
            throw failure
        }
    }

    public func write(_ frame: [UInt8], index: Int) throws {
        let file = staged.staging.appendingPathComponent(pngFrameName(index)).path
        do {
            let surface = try ImageSurface(width: size.width, height: size.height, bgra: frame)
            try surface.writePNG(to: file)
        } catch {
            let failure = staged.failure(error, errno: errno)
            finished = true
            staged.discard()
            throw failure
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
