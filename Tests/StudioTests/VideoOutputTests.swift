import Foundation
import Studio
import TestSupport
import Testing

/// True when an ffmpeg executable is on PATH.
let ffmpegAvailable = (try? FFmpegLocator().locate(for: "test")) != nil

/// Files in `folder`, hidden ones included.
func listing(_ folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}

/// Runs a program and returns its stdout.
func run(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// Per-frame MD5s of a video's decoded frames (`ffmpeg -f framemd5`), without timestamps.
func frameHashes(_ file: URL) throws -> [String] {
    let ffmpeg = try FFmpegLocator().locate(for: file.path).path
    return try run(ffmpeg, ["-v", "error", "-i", file.path, "-f", "framemd5", "-"])
        .split(separator: "\n").filter { !$0.hasPrefix("#") }
        .compactMap { $0.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } }
}

/// A small orbit spec writing to `file`.
func smallSpec(_ file: URL, frames: Int = 12, fps: Int = 4) -> OrbitSpec {
    var spec = OrbitSpec()
    spec.file = file.path
    spec.size = FrameSize(width: 64, height: 48)
    spec.fps = fps
    spec.seconds = Double(frames) / Double(fps)
    return spec
}

/// A gradient source that fails at one frame.
struct FailingSource: FrameSource {
    let size: FrameSize
    let failAt: Int
    func frame(_ index: Int) throws -> [UInt8] {
        if index == failAt { throw StudioError.renderFailed(frame: index, reason: "boom") }
        return try GradientFrameSource(size: size).frame(index)
    }
}

@Suite("Video outputs")
struct VideoOutputTests {
    @Test(
        "the extension picks the format",
        arguments: [
            ("a.mp4", VideoFormat.mp4), ("b.GIF", .gif), ("c.webm", .webm), ("Output/frames", .pngFolder), ("d/", .pngFolder),
        ])
    func formats(path: String, format: VideoFormat) throws {
        #expect(try VideoFormat.forPath(path) == format)
    }

    @Test("an unknown extension is an error naming the file")
    func unknownExtension() {
        #expect(throws: StudioError.self) { try VideoFormat.forPath("movie.avi") }
    }

    @Test("PNG folders need no ffmpeg, are numbered by absolute frame, and appear only when complete")
    func pngFolder() throws {
        let scratch = try ScratchFolder("studio-png")
        defer { scratch.remove() }
        let folder = scratch.url
        let target = folder.appendingPathComponent("frames")
        var spec = smallSpec(target)
        spec.fps = 4
        let job = OrbitJob(
            spec: spec, frames: 4..<7, video: VideoOptions(ffmpeg: FFmpegLocator(explicit: "/nonexistent/ffmpeg")), showProgress: false)
        try job.run(source: GradientFrameSource(size: spec.size))
        #expect(listing(folder) == ["frames"])
        #expect(listing(target) == [OutputTarget.marker, "frame-000004.png", "frame-000005.png", "frame-000006.png"])
    }

    @Test("missing ffmpeg is a clear error that suggests PNG output, and leaves nothing behind")
    func missingFFmpeg() throws {
        let scratch = try ScratchFolder("studio-noffmpeg")
        defer { scratch.remove() }
        let folder = scratch.url
        let spec = smallSpec(folder.appendingPathComponent("out.mp4"))
        let job = OrbitJob(spec: spec, video: VideoOptions(ffmpeg: FFmpegLocator(explicit: "/nonexistent/ffmpeg")), showProgress: false)
        do {
            try job.run(source: GradientFrameSource(size: spec.size))
            Issue.record("expected ffmpegMissing")
        } catch {
            let text = "\(error)"
            #expect(text.contains("ffmpeg not found") && text.contains("/nonexistent/ffmpeg") && text.contains("PNG frames"))
        }
        #expect(listing(folder).isEmpty)
    }

    @Test(
        "a failing render leaves no file under the final name and no staging file",
        .enabled(if: ffmpegAvailable, "ffmpeg is not on PATH: skipping tests that encode video"))
    func atomicOnRenderFailure() throws {
        let scratch = try ScratchFolder("studio-atomic")
        defer { scratch.remove() }
        let folder = scratch.url
        let spec = smallSpec(folder.appendingPathComponent("out.mp4"), frames: 40)
        let job = OrbitJob(spec: spec, showProgress: false)
        #expect(throws: StudioError.renderFailed(frame: 25, reason: "boom")) {
            try job.run(source: FailingSource(size: spec.size, failAt: 25))
        }
        #expect(listing(folder).isEmpty)
    }

    @Test("a failing ffmpeg is reported and leaves no output")
    func failingEncoder() throws {
        let scratch = try ScratchFolder("studio-ffail")
        defer { scratch.remove() }
        let folder = scratch.url
        let spec = smallSpec(folder.appendingPathComponent("out.mp4"))
        let job = OrbitJob(spec: spec, video: VideoOptions(ffmpeg: FFmpegLocator(explicit: "/bin/false")), showProgress: false)
        #expect { try job.run(source: GradientFrameSource(size: spec.size)) } throws: { error in
            guard case StudioError.ffmpegFailed(_, let status, _) = error else { return false }
            return status != 0
        }
        #expect(listing(folder).isEmpty)
    }

    @Test(
        "a previous output stays intact when a new render fails",
        .enabled(if: ffmpegAvailable, "ffmpeg is not on PATH: skipping tests that encode video"))
    func keepsPreviousOutput() throws {
        let scratch = try ScratchFolder("studio-keep")
        defer { scratch.remove() }
        let folder = scratch.url
        let target = folder.appendingPathComponent("out.mp4")
        try Data("previous".utf8).write(to: target)
        let spec = smallSpec(target, frames: 20)
        _ = try? OrbitJob(spec: spec, showProgress: false).run(source: FailingSource(size: spec.size, failAt: 10))
        #expect(try Data(contentsOf: target) == Data("previous".utf8))
        #expect(listing(folder) == ["out.mp4"])
    }

    @Test(
        "a real mp4: H.264, yuv420p, the right size and frame count",
        .enabled(if: ffmpegAvailable, "ffmpeg is not on PATH: skipping tests that encode video"))
    func realMP4() throws {
        let scratch = try ScratchFolder("studio-mp4")
        defer { scratch.remove() }
        let folder = scratch.url
        let target = folder.appendingPathComponent("out.mp4")
        let spec = smallSpec(target, frames: 12)
        let report = try OrbitJob(spec: spec, showProgress: false).run(source: GradientFrameSource(size: spec.size))
        #expect(report.frames == 0..<12)
        #expect(listing(folder) == ["out.mp4"])
        let ffprobe = try FFmpegLocator(explicit: "ffprobe").locate(for: "probe").path
        let probe = try run(
            ffprobe,
            [
                "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
                "stream=codec_name,width,height,pix_fmt,nb_read_frames,r_frame_rate", "-of", "default=nw=1", target.path,
            ])
        #expect(probe.contains("codec_name=h264"))
        #expect(probe.contains("width=64") && probe.contains("height=48"))
        #expect(probe.contains("pix_fmt=yuv420p"))
        #expect(probe.contains("nb_read_frames=12"))
        #expect(probe.contains("r_frame_rate=4/1"))
    }

    @Test(
        "two runs give identical frames, and two shards joined equal one run",
        .enabled(if: ffmpegAvailable, "ffmpeg is not on PATH: skipping tests that encode video"))
    func shardsEqualOneRun() throws {
        let scratch = try ScratchFolder("studio-shards")
        defer { scratch.remove() }
        let folder = scratch.url
        let source = GradientFrameSource(size: FrameSize(width: 64, height: 48), period: 7)
        func render(_ name: String, _ frames: Range<Int>?) throws -> URL {
            let url = folder.appendingPathComponent(name)
            try OrbitJob(spec: smallSpec(url, frames: 16), frames: frames, showProgress: false).run(source: source)
            return url
        }
        let one = try frameHashes(render("one.mp4", nil))
        #expect(one.count == 16)
        #expect(try frameHashes(render("again.mp4", nil)) == one)
        let a = try render("a.mp4", 0..<8), b = try render("b.mp4", 8..<16)
        let joined = folder.appendingPathComponent("joined.mp4")
        try ConcatJob.run(parts: [a.path, b.path], output: joined.path)
        #expect(try frameHashes(joined) == one)
    }

    @Test("a slice must start on a keyframe for encoded video")
    func sliceOnKeyframe() throws {
        let job = OrbitJob(spec: smallSpec(URL(fileURLWithPath: "/tmp/x.mp4"), frames: 16), frames: 6..<16)
        #expect(throws: StudioError.self) { try job.frameRange() }
        let ok = OrbitJob(spec: smallSpec(URL(fileURLWithPath: "/tmp/x.mp4"), frames: 16), frames: 8..<16)
        #expect(try ok.frameRange() == 8..<16)
        let outside = OrbitJob(spec: smallSpec(URL(fileURLWithPath: "/tmp/x"), frames: 16), frames: 8..<17)
        #expect(throws: StudioError.self) { try outside.frameRange() }
    }

    @Test("PNG-folder slices join into one folder")
    func joinFolders() throws {
        let scratch = try ScratchFolder("studio-joinpng")
        defer { scratch.remove() }
        let folder = scratch.url
        let source = GradientFrameSource(size: FrameSize(width: 16, height: 16))
        for (name, range) in [("a", 0..<2), ("b", 2..<4)] {
            var spec = smallSpec(folder.appendingPathComponent(name), frames: 4)
            spec.size = source.size
            try OrbitJob(spec: spec, frames: range, showProgress: false).run(source: source)
        }
        try ConcatJob.run(
            parts: [folder.appendingPathComponent("a").path, folder.appendingPathComponent("b").path],
            output: folder.appendingPathComponent("all").path)
        #expect(listing(folder.appendingPathComponent("all")) == [OutputTarget.marker] + (0..<4).map(pngFrameName))
    }

    @Test("the concat list quotes paths for ffmpeg")
    func listFile() {
        #expect(ConcatJob.listFile(["/a/b.mp4", "/c/it's.mp4"]) == "file '/a/b.mp4'\nfile '/c/it'\\''s.mp4'\n")
    }
}
