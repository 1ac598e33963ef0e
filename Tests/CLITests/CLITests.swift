import Foundation
import Testing

/// The built `cnnviz` executable: beside the test bundle in the products folder, else in a
/// `.build*/release` folder of the repository. Nil when none is found.
let cnnvizBinary: URL? = {
    let manager = FileManager.default
    var candidates: [URL] = []
    if let runner = CommandLine.arguments.first {
        var folder = URL(fileURLWithPath: runner).deletingLastPathComponent()
        // Inside an .xctest bundle on macOS the runner sits deeper; walk up to the products folder.
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("cnnviz"))
            folder = folder.deletingLastPathComponent()
        }
    }
    candidates.append(Bundle.main.bundleURL.appendingPathComponent("cnnviz"))
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    if let entries = try? manager.contentsOfDirectory(atPath: root.path) {
        for entry in entries.sorted() where entry.hasPrefix(".build") {
            candidates.append(root.appendingPathComponent("\(entry)/release/cnnviz"))
        }
    }
    return candidates.first { manager.isExecutableFile(atPath: $0.path) }
}()

/// The repository root (scenes and sample digits are found from here).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// What one run of the binary did.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `cnnviz` with `arguments` from the repository root (or from `directory`).
func cnnviz(_ arguments: [String], environment: [String: String] = [:], directory: URL = repositoryRoot) throws -> RunResult {
    guard let binary = cnnvizBinary else { throw CLITestError.noBinary }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let errData = DispatchQueue(label: "stderr")
    nonisolated(unsafe) var stderrBytes = Data()
    let group = DispatchGroup()
    group.enter()
    errData.async {
        stderrBytes = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let stdoutBytes = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return RunResult(status: process.terminationStatus, stdout: String(decoding: stdoutBytes, as: UTF8.self),
                     stderr: String(decoding: stderrBytes, as: UTF8.self))
}

enum CLITestError: Error { case noBinary }

/// A fresh scratch folder.
func scratch(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cnnviz-cli-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("cnnviz orbit / render / concat", .enabled(if: cnnvizBinary != nil, "build cnnviz first: swift build -c release"))
struct DriverCLITests {
    @Test("usage errors exit 64", arguments: [
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
        let result = try cnnviz(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test("a bad scene exits 1 naming file, line and key path")
    func badScene() throws {
        let folder = try scratch("bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scene = folder.appendingPathComponent("bad.yaml")
        try Data("input: sample:7\noutputs:\n  - orbit:\n      fps: fast\n".utf8).write(to: scene)
        let result = try cnnviz(["render", scene.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(scene.path):4: outputs[0].orbit.fps: expected a positive integer"), "\(result.stderr)")
        #expect(result.stderr.contains("got 'fast'"))
    }

    @Test("an unknown key in a scene exits 1")
    func unknownKey() throws {
        let folder = try scratch("unknown")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scene = folder.appendingPathComponent("typo.yaml")
        try Data("input: sample:7\nstyle:\n  colourmap: viridis\n".utf8).write(to: scene)
        let result = try cnnviz(["render", scene.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("typo.yaml:3: style.colourmap: unknown key (did you mean 'colormap'?)"), "\(result.stderr)")
    }

    @Test("a missing scene file exits 1 naming it")
    func missingScene() throws {
        let result = try cnnviz(["render", "/nonexistent/scene.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/scene.yaml"))
    }

    @Test("missing ffmpeg exits 1 with a clear message and writes nothing")
    func missingFFmpeg() throws {
        let folder = try scratch("noff")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("o.mp4")
        let result = try cnnviz(["orbit", "sample:7", "-o", target.path, "--size", "64x36", "--fps", "2", "--seconds", "1",
                                 "--ffmpeg", "/nonexistent/ffmpeg", "--quiet"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("ffmpeg not found"), "\(result.stderr)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).isEmpty)
    }

    @Test("a tiny orbit to a PNG folder works without ffmpeg")
    func pngFolder() throws {
        let folder = try scratch("png")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("frames")
        let result = try cnnviz(["orbit", "sample:7", "-o", target.path, "--size", "64x36", "--fps", "2", "--seconds", "1",
                                 "--ffmpeg", "/nonexistent/ffmpeg", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: target.path))?.sorted()
        #expect(files == [".cnnviz-frames", "frame-000000.png", "frame-000001.png"])
    }

    @Test("concat of missing parts exits 1 naming the part")
    func concatMissing() throws {
        let result = try cnnviz(["concat", "/nonexistent/a.mp4", "-o", "/tmp/never.mp4"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/a.mp4"))
    }
}
