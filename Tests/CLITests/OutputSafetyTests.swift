import Foundation
import TestSupport
import Testing

/// Every command that writes refuses to replace a folder it did not make: the folder and its
/// contents survive, the command exits 1 naming the path, and nothing else is left beside it.
@Suite("output paths never delete user data", .requiresCNNVizBinary)
struct OutputSafetyTests {
    /// One command line per output kind; `OUT` stands for the output path under test.
    static let writers: [(name: String, arguments: [String])] = [
        ("poster png", ["poster", "sample:7", "--layer", "conv1", "--size", "620x438", "-o", "OUT"]),
        ("poster pdf", ["poster", "sample:7", "--layer", "conv1", "-o", "OUT"]),
        ("preprocess", ["preprocess", "sample:7", "-o", "OUT"]),
        ("still", ["still", "sample:7", "--size", "160x90", "-o", "OUT"]),
        ("orbit mp4", ["orbit", "sample:7", "--size", "64x36", "--fps", "2", "--seconds", "1", "--quiet", "-o", "OUT"]),
        ("orbit frames", ["orbit", "sample:7", "--size", "64x36", "--fps", "2", "--seconds", "1", "--quiet", "-o", "OUT/"]),
    ]

    /// The output name each writer is given (its extension picks the format).
    static func outputName(_ writer: String) -> String {
        switch writer {
        case "poster png", "still": "out.png"
        case "poster pdf": "out.pdf"
        case "preprocess": "steps.svg"
        case "orbit mp4": "orbit.mp4"
        default: "frames"
        }
    }

    /// A folder holding one user file, at the path a writer is about to write.
    static func userFolder(in folder: URL, named name: String) throws -> URL {
        let target = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: target.appendingPathComponent("notes.txt"))
        return target
    }

    @Test("an existing folder with files is never replaced", arguments: writers.map(\.name))
    func refusesFolder(writer: String) throws {
        let scratch = try ScratchFolder("cli-refuse")
        defer { scratch.remove() }
        let folder = scratch.url
        let target = try Self.userFolder(in: folder, named: Self.outputName(writer))
        let arguments = Self.writers.first { $0.name == writer }!.arguments.map {
            $0 == "OUT" ? target.path : $0 == "OUT/" ? target.path + "/" : $0
        }
        let result = try CNNVizBinary.run(arguments)
        #expect(result.status == 1, "\(writer): \(result.stderr)")
        #expect(result.stderr.contains(target.path), "\(result.stderr)")
        #expect(try String(contentsOf: target.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
        #expect(listing(folder) == [target.lastPathComponent])
        #expect(listing(target) == ["notes.txt"])
    }

    @Test("the preprocess steps folder keeps a folder standing where a step file would go")
    func stepsFolder() throws {
        let scratch = try ScratchFolder("cli-steps")
        defer { scratch.remove() }
        let folder = scratch.url
        let steps = folder.appendingPathComponent("steps")
        let result0 = try CNNVizBinary.run([
            "preprocess", "sample:7", "-o", folder.appendingPathComponent("a.png").path, "--steps-dir", steps.path,
        ])
        #expect(result0.status == 0, "\(result0.stderr)")
        let first = try #require(listing(steps).first)
        try FileManager.default.removeItem(at: steps.appendingPathComponent(first))
        _ = try Self.userFolder(in: steps, named: first)
        let result = try CNNVizBinary.run([
            "preprocess", "sample:7", "-o", folder.appendingPathComponent("b.png").path, "--steps-dir", steps.path,
        ])
        #expect(result.status == 1)
        #expect(
            try String(contentsOf: steps.appendingPathComponent(first).appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
        #expect(!listing(steps).contains { $0.hasPrefix(".") }, "\(listing(steps))")
    }

    @Test("`-o .`, `-o ..` and the home folder are refused, whatever they hold", arguments: [".", "./", "..", "~"])
    func specialFolders(path: String) throws {
        let scratch = try ScratchFolder("cli-special")
        defer { scratch.remove() }
        let folder = scratch.url
        let work = folder.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: work.appendingPathComponent("mine.txt"))
        let output = path == "~" ? FileManager.default.homeDirectoryForCurrentUser.path : path
        let result = try CNNVizBinary.run(
            ["orbit", "sample:7", "--size", "64x36", "--fps", "2", "--seconds", "1", "--quiet", "-o", output],
            in: work)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(listing(work) == ["mine.txt"])
        #expect(listing(folder) == ["work"])
    }

    @Test("an empty folder and a frames folder cnnviz made are replaced; one with a user file is not")
    func framesFolders() throws {
        let scratch = try ScratchFolder("cli-frames")
        defer { scratch.remove() }
        let folder = scratch.url
        let target = folder.appendingPathComponent("frames")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let orbit = ["orbit", "sample:7", "--size", "64x36", "--fps", "2", "--seconds", "1", "--quiet", "-o", target.path + "/"]
        let first = try CNNVizBinary.run(orbit)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(listing(target) == [".cnnviz-frames", "frame-000000.png", "frame-000001.png"])
        let again = try CNNVizBinary.run(orbit)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(listing(target) == [".cnnviz-frames", "frame-000000.png", "frame-000001.png"])
        #expect(listing(folder) == ["frames"])
        try Data("mine".utf8).write(to: target.appendingPathComponent("notes.txt"))
        let refused = try CNNVizBinary.run(orbit)
        #expect(refused.status == 1)
        #expect(listing(target).contains("notes.txt"))
        // A file output never replaces a frames folder either.
        let still = try CNNVizBinary.run(["still", "sample:7", "--size", "160x90", "-o", folder.appendingPathComponent("x.png").path])
        #expect(still.status == 0, "\(still.stderr)")
    }

    @Test("a symbolic link at the output is replaced by the file; its target is untouched")
    func symlink() throws {
        let scratch = try ScratchFolder("cli-link")
        defer { scratch.remove() }
        let folder = scratch.url
        let victim = try Self.userFolder(in: folder, named: "victim")
        let link = folder.appendingPathComponent("out.png")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: victim)
        let result = try CNNVizBinary.run(["still", "sample:7", "--size", "160x90", "-o", link.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(listing(victim) == ["notes.txt"])
        let attributes = try FileManager.default.attributesOfItem(atPath: link.path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
    }

    @Test("a scene's output file naming a folder is refused")
    func sceneOutput() throws {
        let scratch = try ScratchFolder("cli-scene")
        defer { scratch.remove() }
        let folder = scratch.url
        let target = try Self.userFolder(in: folder, named: "poster.png")
        let scene = folder.appendingPathComponent("s.yaml")
        try Data("input: sample:7\noutputs:\n  - poster: { file: \(target.path), layer: conv1 }\n".utf8).write(to: scene)
        let result = try CNNVizBinary.run(["render", scene.path])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(listing(target) == ["notes.txt"])
    }
}

/// Entries of `folder`, hidden ones included, sorted.
func listing(_ folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}
