import Foundation
import TestSupport
import Testing

/// `cnnviz replay` and `cnnviz sweep` from the command line: outputs, subtitles and
/// chapters, slices that join into the one-shot video, and bad strokes files refused with
/// status 1 and a message naming them.
@Suite("cnnviz replay and sweep", .requiresCNNVizBinary)
struct ReplayCLITests {
    static let seven = Fixtures.repositoryRoot.appendingPathComponent("Scenes/strokes/seven.json").path

    @Test("a replay writes the video, SRT and VTT with the marks, and MP4 chapters")
    func replay() throws {
        let folder = try ScratchFolder("cli-replay")
        defer { folder.remove() }
        let out = folder.file("seven.mp4").path
        let run = try CNNVizBinary.run(["replay", Self.seven, "-o", out, "--size", "320x180", "--fps", "10", "--hold", "0.5", "--quiet"])
        #expect(run.status == 0, "\(run)")
        #expect(FileManager.default.fileExists(atPath: out))
        let srt = try String(contentsOfFile: folder.file("seven.srt").path, encoding: .utf8)
        #expect(srt.contains("No digit yet") && srt.contains("The network reads a 1") && srt.contains("1 → 7"))
        let vtt = try String(contentsOfFile: folder.file("seven.vtt").path, encoding: .utf8)
        #expect(vtt.hasPrefix("WEBVTT"))
        #expect(try folder.contents() == ["seven.mp4", "seven.srt", "seven.vtt"])
    }

    @Test("replay slices rendered with --frames join into the same frames as one run")
    func shards() throws {
        let folder = try ScratchFolder("cli-replay-shards")
        defer { folder.remove() }
        let common = ["--size", "160x90", "--fps", "10", "--hold", "0.5", "--quiet"]
        let whole = folder.file("whole")
        let sliced = folder.file("sliced")
        #expect(try CNNVizBinary.run(["replay", Self.seven, "-o", whole.path + "/"] + common).status == 0)
        for range in ["0:10", "10:20", "20:30"] {
            let run = try CNNVizBinary.run(["replay", Self.seven, "-o", sliced.path + "/", "--frames", range] + common)
            #expect(run.status == 0, "\(run)")
        }
        let frames = try FileManager.default.contentsOfDirectory(atPath: whole.path).filter { $0.hasSuffix(".png") }.sorted()
        #expect(frames.count == 30)  // (0.5 s lead-in + 1.95 s drawing + 0.5 s hold) × 10 fps, rounded up
        var joined: [String: Data] = [:]
        for slice in try FileManager.default.contentsOfDirectory(atPath: folder.path) where slice.hasPrefix("sliced.frames-") {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.file(slice).path) where name.hasSuffix(".png") {
                joined[name] = FileManager.default.contents(atPath: folder.file(slice).appendingPathComponent(name).path)
            }
        }
        let checked = frames.filter { joined[$0] != nil }
        #expect(checked.count == 30, "slices held \(joined.keys.sorted())")
        for name in checked {
            #expect(FileManager.default.contents(atPath: whole.appendingPathComponent(name).path) == joined[name], "\(name)")
        }
    }

    @Test(
        "bad strokes files fail with status 1 and a message naming the file",
        arguments: [
            ("nan.json", #"{"format":1,"width":10,"height":10,"pen":1,"strokes":[[[NaN,1]]]}"#, "NaN"),
            ("mixed.json", #"{"format":1,"width":10,"height":10,"pen":1,"strokes":[[[1,1,0],[2,2]]]}"#, "mixed timing"),
            ("broken.svg", "<svg width='10' height='10'><path d='M0 0 L1 1'>", "never closed"),
        ])
    func hostile(_ name: String, _ content: String, _ reason: String) throws {
        let folder = try ScratchFolder("cli-replay-bad")
        defer { folder.remove() }
        let path = folder.file(name).path
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CNNVizBinary.run(["replay", path, "-o", folder.file("out.mp4").path, "--quiet"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains(path) && run.stderr.contains(reason), "\(run)")
        #expect(try folder.contents() == [name])
    }

    @Test("a sweep figure is written as PNG, PDF and SVG; a bad --vary is a usage error")
    func sweep() throws {
        let folder = try ScratchFolder("cli-sweep")
        defer { folder.remove() }
        for ext in ["png", "pdf", "svg"] {
            let out = folder.file("sweep.\(ext)").path
            let run = try CNNVizBinary.run(["sweep", "sample:7", "--vary", "rotate:0:90", "--steps", "31", "-o", out])
            #expect(run.status == 0, "\(run)")
            #expect(run.stderr.contains("flips: 7 → ") && run.stderr.contains(" → 2 at "), "\(run)")
            #expect(((try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0) > 1000)
        }
        let bad = try CNNVizBinary.run(["sweep", "sample:7", "--vary", "spin:0:90", "-o", folder.file("x.png").path])
        #expect(bad.status == 64, "\(bad)")
        #expect(bad.stderr.contains("--vary"), "\(bad)")
    }
}
