import Foundation
import TestSupport
import Testing

/// The command-line contract of the typed options and the one error path: exit 64 only for
/// the command line itself, 1 (with one `Error:` line naming the file) for anything wrong in a
/// file, with an output path or at run time, 143 for SIGTERM; `--frames A:B`; one size syntax;
/// scene errors found after decoding still carry file and line.
@Suite("command-line contract", .requiresCNNVizBinary)
struct CommandLineContractTests {
    /// Lines of stderr that report an error.
    static func errorLines(_ result: CLIRun) -> [Substring] {
        result.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test(
        "the command line itself exits 64",
        arguments: [
            ["still", "sample:7", "-o", "x.png", "--frobnicate"],
            ["still", "sample:7", "-o", "x.png", "--size", "big"],
            ["still", "sample:7", "-o", "x.png", "--elevation", "90"],
            ["still", "sample:7", "-o", "x.png", "--reveal", "2"],
            ["poster", "sample:7", "--layer", "conv1", "-o", "x.png", "--size", "300x200"],
            ["poster", "sample:7", "--layer", "conv1", "-o", "x.png", "--size", "640by480"],
            ["orbit", "sample:7", "-o", "x.mp4", "--size", "65x36"],
            ["orbit", "sample:7", "-o", "x.mp4", "--elevation", "90"],
            ["orbit", "sample:7", "-o", "x.mp4", "--reveal", "sideways"],
            ["orbit", "sample:7", "-o", "x.mp4", "--frames", "0-30"],
            ["orbit", "sample:7", "-o", "x.mp4", "--frames", "30:30"],
            ["render", "Scenes/orbit.yaml", "--frames", "soon"],
            ["predict", "sample:7", "--weights"],
        ])
    func usage(arguments: [String]) throws {
        let result = try CNNVizBinary.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(Self.errorLines(result).count == 1, "\(arguments): \(result.stderr)")
    }

    @Test("orbit --size and poster --size accept the same strings", arguments: ["640x480", "640×480", "640X480"])
    func sameSizes(size: String) throws {
        let folder = try ScratchFolder("sizes").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let poster = try CNNVizBinary.run([
            "poster", "sample:7", "--layer", "output", "-o", folder.appendingPathComponent("p.png").path,
            "--size", size,
        ])
        #expect(poster.status == 0, "\(poster.stderr)")
        let frames = folder.appendingPathComponent("frames")
        let orbit = try CNNVizBinary.run([
            "orbit", "sample:7", "-o", frames.path, "--size", size, "--fps", "1", "--seconds", "1",
            "--quiet", "--ffmpeg", "/nonexistent/ffmpeg",
        ])
        #expect(orbit.status == 0, "\(orbit.stderr)")
        let frame = frames.appendingPathComponent("frame-000000.png")
        #expect(try pngSize(frame) == [640, 480])
        #expect(try pngSize(folder.appendingPathComponent("p.png")) == [640, 480])
    }

    @Test("--frames 0:2 renders the same frames as '0..<2' and 0..1")
    func shellSafeFrames() throws {
        let folder = try ScratchFolder("frames").url
        defer { try? FileManager.default.removeItem(at: folder) }
        var slices: [[Data]] = []
        for (index, form) in ["0:2", "0..<2", "0..1"].enumerated() {
            let target = folder.appendingPathComponent("run\(index)")
            let result = try CNNVizBinary.run([
                "orbit", "sample:7", "-o", target.path, "--size", "64x36", "--fps", "2", "--seconds", "2",
                "--frames", form, "--quiet", "--ffmpeg", "/nonexistent/ffmpeg",
            ])
            #expect(result.status == 0, "\(form): \(result.stderr)")
            let slice = folder.appendingPathComponent("run\(index).frames-000000-000002")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: slice.path))?.sorted() ?? []
            #expect(names == [".cnnviz-frames", "frame-000000.png", "frame-000001.png"], "\(form): \(names)")
            slices.append(try ["frame-000000.png", "frame-000001.png"].map { try Data(contentsOf: slice.appendingPathComponent($0)) })
        }
        #expect(slices[0] == slices[1] && slices[1] == slices[2])
    }

    @Test("a missing input exits 1 with one Error line naming it")
    func missingInput() throws {
        let folder = try ScratchFolder("missing").url
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in [["still"], ["poster", "--layer", "conv1"], ["preprocess"]] {
            let output = folder.appendingPathComponent("out.png").path
            let result = try CNNVizBinary.run(command + ["/nonexistent/digit.png", "-o", output])
            #expect(result.status == 1, "\(command): \(result.stderr)")
            let lines = Self.errorLines(result)
            #expect(lines.count == 1 && lines[0].contains("/nonexistent/digit.png"), "\(command): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    @Test("a missing weights file exits 1 naming it, for every command that runs the network")
    func missingWeights() throws {
        let folder = try ScratchFolder("weights").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let weights = "/nonexistent/w.safetensors"
        let commands = [
            ["predict", "sample:7"],
            ["still", "sample:7", "-o", folder.appendingPathComponent("s.png").path],
            ["poster", "sample:7", "--layer", "conv1", "-o", folder.appendingPathComponent("p.png").path],
            ["preprocess", "sample:7", "-o", folder.appendingPathComponent("q.png").path],
            ["orbit", "sample:7", "-o", folder.appendingPathComponent("f").path, "--size", "64x36", "--quiet"],
        ]
        for command in commands {
            let result = try CNNVizBinary.run(command + ["--weights", weights])
            #expect(result.status == 1, "\(command): \(result.stderr)")
            let lines = Self.errorLines(result)
            #expect(lines.count == 1 && lines[0].contains(weights), "\(command): \(result.stderr)")
        }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).isEmpty)
    }

    @Test("predict reports each unreadable image once and still predicts the others, exit 1")
    func predictMixed() throws {
        let result = try CNNVizBinary.run(["predict", "sample:7", "/nonexistent/a.png", "--json"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].contains("\"digit\":7") && lines[1].contains("\"error\""), "\(result.stdout)")
        let errors = Self.errorLines(result)
        #expect(errors.count == 1 && errors[0].contains("/nonexistent/a.png"), "\(result.stderr)")
    }

    @Test("an output in a folder that cannot be made exits 1 naming it")
    func badOutputPath() throws {
        let folder = try ScratchFolder("outpath").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let output = blocker.appendingPathComponent("still.png").path
        let result = try CNNVizBinary.run(["still", "sample:7", "-o", output, "--size", "64x36"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(Self.errorLines(result).count == 1 && result.stderr.contains(blocker.path), "\(result.stderr)")
    }

    /// Writes `text` as a scene file and renders it.
    func render(scene text: String, in folder: URL, extra: [String] = []) throws -> (scene: String, result: CLIRun) {
        let scene = folder.appendingPathComponent("scene.yaml")
        try Data(text.utf8).write(to: scene)
        return (scene.path, try CNNVizBinary.run(["render", scene.path, "--quiet"] + extra))
    }

    @Test("a layer the network lacks is found after decoding, at its line, before anything renders")
    func unknownLayer() throws {
        let folder = try ScratchFolder("layer").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let (scene, result) = try render(
            scene: """
                input: sample:7
                outputs:
                  - orbit: { file: \(folder.path)/o, size: 64x36, fps: 1, seconds: 1 }
                  - poster:
                      file: \(folder.path)/p.png
                      layer: conv9
                """, in: folder)
        #expect(result.status == 1)
        let lines = Self.errorLines(result)
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(
            lines.first?.hasPrefix("Error: \(scene):6: outputs[1].poster.layer: the network has no layer 'conv9'") == true,
            "\(result.stderr)")
        #expect(Self.occurrences(of: scene, in: result.stderr) == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("o").path))
    }

    @Test("an input that cannot be read names the scene's input line")
    func unreadableInput() throws {
        let folder = try ScratchFolder("input").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let (scene, result) = try render(scene: "# a digit that is not there\ninput: \(folder.path)/none.png\n", in: folder)
        #expect(result.status == 1)
        let lines = Self.errorLines(result)
        #expect(lines.count == 1 && lines[0].hasPrefix("Error: \(scene):2: input: "), "\(result.stderr)")
        #expect(lines.first?.contains("none.png") == true)
    }

    @Test("a refused output path names the output's file line")
    func refusedOutput() throws {
        let folder = try ScratchFolder("refused").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let occupied = folder.appendingPathComponent("keep.png")
        try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: occupied.appendingPathComponent("precious.txt"))
        let (scene, result) = try render(
            scene: """
                input: sample:7
                outputs:
                  - preprocess:
                      file: \(occupied.path)
                """, in: folder)
        #expect(result.status == 1, "\(result.stderr)")
        let lines = Self.errorLines(result)
        #expect(lines.count == 1 && lines[0].hasPrefix("Error: \(scene):4: outputs[0].preprocess.file: "), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: occupied.appendingPathComponent("precious.txt").path))
    }

    @Test("a bad slice for a scene's orbit names the orbit's line")
    func badSliceInScene() throws {
        let folder = try ScratchFolder("slice").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let (scene, result) = try render(
            scene: """
                input: sample:7
                outputs:
                  - orbit: { file: \(folder.path)/o.mp4, size: 64x36, fps: 2, seconds: 2 }
                """, in: folder, extra: ["--frames", "1:3"])
        #expect(result.status == 1, "\(result.stderr)")
        let lines = Self.errorLines(result)
        #expect(lines.count == 1 && lines[0].hasPrefix("Error: \(scene):3: outputs[0].orbit: "), "\(result.stderr)")
    }

    @Test("SIGTERM ends a render with 143 and leaves nothing behind")
    func sigterm() throws {
        guard let binary = CNNVizBinary.url else { return }
        let folder = try ScratchFolder("sigterm").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("frames")
        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "orbit", "sample:7", "-o", target.path, "--size", "640x360", "--fps", "30", "--seconds", "120",
            "--quiet", "--jobs", "1",
        ]
        process.currentDirectoryURL = Fixtures.repositoryRoot
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the first frame, so the render (and its signal handling) is under way.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if entries.contains(where: { $0.contains("partial") || $0 == "frames" }) { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 0.3)
        #expect(process.isRunning, "the render ended before it could be interrupted")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 143)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).isEmpty)
    }
}

/// `[width, height]` from a PNG's IHDR chunk (empty when the file is too short).
func pngSize(_ url: URL) throws -> [Int] {
    let data = try Data(contentsOf: url)
    guard data.count >= 24 else { return [] }
    func be32(_ offset: Int) -> Int { data[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
    return [be32(16), be32(20)]
}
