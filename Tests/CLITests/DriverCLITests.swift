import Foundation
import TestSupport
import Testing

@Suite("cnnviz orbit / render / concat", .requiresCNNVizBinary)
struct DriverCLITests {
    @Test(
        "usage errors exit 64",
        arguments: [
            ["orbit"],
            ["orbit", "sample:7"],
            ["orbit", "sample:7", "-o", "x.mp4", "--size", "big"],
            ["orbit", "sample:7", "-o", "x.avi"],
            ["orbit", "sample:7", "-o", "x.mp4", "--frames", "7..<20"],
            ["orbit", "sample:7", "-o", "x.mp4", "--frames", "soon"],
            ["orbit", "sample:7", "-o", "x.mp4", "--fps", "0"],
            ["render"],
            ["concat", "-o", "x.mp4"],
            ["frobnicate"],
        ])
    func usage(arguments: [String]) throws {
        let result = try CNNVizBinary.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test("a bad scene exits 1 naming file, line and key path")
    func badScene() throws {
        let scratch = try ScratchFolder("cli-bad")
        defer { scratch.remove() }
        let folder = scratch.url
        let scene = folder.appendingPathComponent("bad.yaml")
        try Data("input: sample:7\noutputs:\n  - orbit:\n      fps: fast\n".utf8).write(to: scene)
        let result = try CNNVizBinary.run(["render", scene.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(scene.path):4: outputs[0].orbit.fps: expected a positive integer"), "\(result.stderr)")
        #expect(result.stderr.contains("got 'fast'"))
    }

    @Test("an unknown key in a scene exits 1")
    func unknownKey() throws {
        let scratch = try ScratchFolder("cli-unknown")
        defer { scratch.remove() }
        let folder = scratch.url
        let scene = folder.appendingPathComponent("typo.yaml")
        try Data("input: sample:7\nstyle:\n  colourmap: viridis\n".utf8).write(to: scene)
        let result = try CNNVizBinary.run(["render", scene.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("typo.yaml:3: style.colourmap: unknown key (did you mean 'colormap'?)"), "\(result.stderr)")
    }

    @Test("a missing scene file exits 1 naming it")
    func missingScene() throws {
        let result = try CNNVizBinary.run(["render", "/nonexistent/scene.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/scene.yaml"))
    }

    @Test("missing ffmpeg exits 1 with a clear message and writes nothing")
    func missingFFmpeg() throws {
        let scratch = try ScratchFolder("cli-noff")
        defer { scratch.remove() }
        let folder = scratch.url
        let target = folder.appendingPathComponent("o.mp4")
        let result = try CNNVizBinary.run([
            "orbit", "sample:7", "-o", target.path, "--size", "64x36", "--fps", "2", "--seconds", "1",
            "--ffmpeg", "/nonexistent/ffmpeg", "--quiet",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("ffmpeg not found"), "\(result.stderr)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).isEmpty)
    }

    @Test("a tiny orbit to a PNG folder works without ffmpeg")
    func pngFolder() throws {
        let scratch = try ScratchFolder("cli-png")
        defer { scratch.remove() }
        let folder = scratch.url
        let target = folder.appendingPathComponent("frames")
        let result = try CNNVizBinary.run([
            "orbit", "sample:7", "-o", target.path, "--size", "64x36", "--fps", "2", "--seconds", "1",
            "--ffmpeg", "/nonexistent/ffmpeg", "--quiet",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: target.path))?.sorted()
        #expect(files == [".cnnviz-frames", "frame-000000.png", "frame-000001.png"])
    }

    @Test("a slice of an orbit to a PNG folder renders its frames into its own folder")
    func pngFolderSlice() throws {
        let scratch = try ScratchFolder("cli-pngslice")
        defer { scratch.remove() }
        let result = try CNNVizBinary.run([
            "orbit", Fixtures.digitSpec, "-o", scratch.file("frames").path, "--size", "64x36",
            "--fps", "2", "--seconds", "2", "--frames", "2..<4", "--quiet",
        ])
        #expect(result.status == 0, "\(result)")
        let entries = try scratch.contents()
        try #require(entries.count == 1, "\(entries)")
        let slice = try FileManager.default.contentsOfDirectory(atPath: scratch.file(entries[0]).path).sorted()
        #expect(slice == [".cnnviz-frames", "frame-000002.png", "frame-000003.png"])
    }

    @Test("concat of missing parts exits 1 naming the part")
    func concatMissing() throws {
        let result = try CNNVizBinary.run(["concat", "/nonexistent/a.mp4", "-o", "/tmp/never.mp4"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/a.mp4"))
    }
}
