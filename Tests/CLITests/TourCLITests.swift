import CairoGraphics
import Foundation
import TestSupport
import Testing

/// `cnnviz render --check/--preview` on tour scenes, a small tour render with its sidecars and
/// chapters, and `cnnviz tour --check`.
@Suite("cnnviz tour and render --check/--preview", .requiresCNNVizBinary)
struct TourCLITests {
    /// A small tour scene writing into `folder`.
    static func scene(in folder: ScratchFolder, captions: String = "both", extra: String = "") throws -> String {
        let yaml = """
            input: \(Fixtures.digitFile.path)
            outputs:
              - tour:
                  file: \(folder.path)/t.mp4
                  size: 160x90
                  fps: 10
                  captions: \(captions)
                  shots:
                    - orbit: { yaw: [-50, -30] }
                      title: Start
                      duration: 1.5
                      caption: "First words."
                    - fly-to: conv1
                      title: conv1
                      duration: 1
                    - neuron: fc1[3]
                      title: A unit
                      duration: 1.5
            \(extra)
            """
        let path = folder.file("t.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("--check prints the shot timeline and renders nothing")
    func check() throws {
        let folder = try ScratchFolder("tour-check")
        defer { folder.remove() }
        let scene = try Self.scene(in: folder)
        let run = try CNNVizBinary.run(["render", scene, "--check"])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first?.hasSuffix("t.mp4: 3 shots, 4.00 s, 40 frames at 10 fps, 160x90, 3 chapters, 3 captions (both)") == true, "\(lines)"
        )
        #expect(lines.count >= 5)
        #expect(lines[1].contains("0.00–   1.50 s") && lines[1].contains("orbit") && lines[1].contains("[chapter: Start]"))
        #expect(lines[1].contains("\"First words.\""))
        #expect(lines[2].contains("1.50–   2.50 s") && lines[2].contains("fly-to") && lines[2].contains("conv1"))
        #expect(lines[3].contains("neuron") && lines[3].contains("fc1 unit 3"))
        #expect(run.stdout.contains("ok (nothing rendered)"))
        #expect(try folder.contents() == ["t.yaml"])
    }

    @Test("--check stops at a shot naming a layer the model lacks, with the scene line")
    func checkError() throws {
        let folder = try ScratchFolder("tour-check-error")
        defer { folder.remove() }
        let scene = try Self.scene(in: folder, extra: "        - open: conv7\n")
        let run = try CNNVizBinary.run(["render", scene, "--check"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("t.yaml:19: outputs[0].tour.shots[3].open: the network has no layer 'conv7'"), "\(run.stderr)")
    }

    @Test(
        "a tour with captions: both writes the MP4 with its chapters, and the SRT and VTT in t.captions/ where players do not load them again"
    )
    func render() throws {
        let folder = try ScratchFolder("tour-render")
        defer { folder.remove() }
        let scene = try Self.scene(in: folder)
        let run = try CNNVizBinary.run(["render", scene, "--quiet"])
        #expect(run.status == 0, "\(run)")
        // Nothing a player pairs with t.mp4 by name (t.srt, t.en.srt…) lies beside it.
        #expect(try folder.contents() == ["t.captions", "t.mp4", "t.yaml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("t.captions").path).sorted() == ["t.srt", "t.vtt"])
        let srt = try String(contentsOfFile: folder.file("t.captions/t.srt").path, encoding: .utf8)
        #expect(srt.hasPrefix("1\n00:00:00,000 --> 00:00:01,500\nFirst words.\n"), "\(srt)")
        #expect(srt.contains("3\n00:00:02,500 --> 00:00:04,000\n"))
        let vtt = try String(contentsOfFile: folder.file("t.captions/t.vtt").path, encoding: .utf8)
        #expect(vtt.hasPrefix("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nFirst words.\n"), "\(vtt)")
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["ffprobe", "-v", "error", "-show_chapters", "-of", "csv=p=0", folder.file("t.mp4").path]
        let out = Pipe()
        probe.standardOutput = out
        try probe.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        probe.waitUntilExit()
        let chapters = text.split(separator: "\n")
        #expect(chapters.count == 3, "\(text)")
        #expect(chapters.last?.hasSuffix("A unit") == true)
    }

    @Test("sidecar captions go beside the video, where players load them; nothing is drawn twice")
    func sidecarBeside() throws {
        let folder = try ScratchFolder("tour-sidecar")
        defer { folder.remove() }
        let scene = try Self.scene(in: folder, captions: "sidecar")
        let run = try CNNVizBinary.run(["render", scene, "--quiet"])
        #expect(run.status == 0, "\(run)")
        #expect(try folder.contents() == ["t.mp4", "t.srt", "t.vtt", "t.yaml"])
    }

    @Test("burned captions (the default) write no sidecars, so no player shows them twice")
    func burnedOnly() throws {
        let folder = try ScratchFolder("tour-burned")
        defer { folder.remove() }
        let scene = try Self.scene(in: folder, captions: "burned")
        let run = try CNNVizBinary.run(["render", scene, "--quiet", "--frames", "0:10"])
        #expect(run.status == 0, "\(run)")
        #expect(try folder.contents() == ["t.frames-000000-000010.mp4", "t.yaml"])
    }

    /// `ffmpeg -f framemd5` of the video stream, without its header lines.
    static func frameHashes(_ path: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-v", "error", "-i", path, "-map", "0:v", "-f", "framemd5", "-"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    }

    @Test("slices rendered with --frames and joined by concat give the one-shot video, subtitles and chapters")
    func shards() throws {
        let folder = try ScratchFolder("tour-shards")
        defer { folder.remove() }
        let scene = try Self.scene(in: folder, captions: "sidecar")
        #expect(try CNNVizBinary.run(["render", scene, "--quiet"]).status == 0)
        for slice in ["0:20", "20:40"] {
            let run = try CNNVizBinary.run(["render", scene, "--quiet", "--frames", slice])
            #expect(run.status == 0, "\(run)")
        }
        let parts = ["t.frames-000000-000020.mp4", "t.frames-000020-000040.mp4"].map { folder.file($0).path }
        let join = try CNNVizBinary.run(["concat"] + parts + ["-o", folder.file("j.mp4").path])
        #expect(join.status == 0, "\(join)")
        let one = try Self.frameHashes(folder.file("t.mp4").path), joined = try Self.frameHashes(folder.file("j.mp4").path)
        #expect(one.count == 40 && one == joined)
        for ext in ["srt", "vtt"] {
            let a = try String(contentsOfFile: folder.file("t." + ext).path, encoding: .utf8)
            let b = try String(contentsOfFile: folder.file("j." + ext).path, encoding: .utf8)
            #expect(a == b && !a.isEmpty)
        }
    }

    @Test("--preview T writes the one frame at T as a PNG")
    func preview() throws {
        let folder = try ScratchFolder("tour-preview")
        defer { folder.remove() }
        let scene = try Self.scene(in: folder)
        let run = try CNNVizBinary.run(["render", scene, "--preview", "3.2"])
        #expect(run.status == 0, "\(run)")
        #expect(try folder.contents() == ["t.preview.png", "t.yaml"])
        let image = try ImageSurface.readPNG(at: folder.file("t.preview.png").path)
        #expect(image.width == 160 && image.height == 90)
        let late = try CNNVizBinary.run(["render", scene, "--preview", "9"])
        #expect(late.status == 1 && late.stderr.contains("--preview 9.00 is outside the tour (0…4.00 s)"), "\(late)")
    }

    @Test("cnnviz tour --check prints the default lesson generated from the model")
    func defaultLesson() throws {
        let run = try CNNVizBinary.run(["tour", Fixtures.digitSpec, "-o", "/tmp/unused-tour.mp4", "--check"])
        #expect(run.status == 0, "\(run)")
        for layer in ["input", "conv1", "pool1", "conv2", "pool2", "fc1", "fc2", "output"] {
            #expect(run.stdout.contains("[chapter: \(layer)]") || layer == "input", "no chapter for \(layer)")
        }
        #expect(run.stdout.contains("open") && run.stdout.contains("neuron") && run.stdout.contains("[prediction]"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/unused-tour.mp4"))
    }
}
