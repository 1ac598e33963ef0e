import Foundation
import TestSupport
import Testing

/// Exit statuses: 64 for the command line itself (unknown flag, bad value), 1 for anything
/// wrong at run time, with the file named on standard error.
@Suite("cnnviz exit statuses", .requiresCNNVizBinary)
struct ErrorCLITests {
    @Test(
        "usage errors exit 64 and say what is wrong",
        arguments: [
            ["predict", "--bogus", "sample:7"],
            ["predict"],
            ["evaluate"],
            ["poster", "sample:7", "--layer", "conv9", "-o", "x.png"],
            ["poster", "sample:7", "--layer", "conv1", "-o", "x.png", "--size", "tiny"],
            ["poster", "sample:7", "--layer", "conv1", "-o", "x.gif"],
            ["preprocess", "sample:7", "-o", "x.png", "--scale", "0"],
            ["preprocess", "sample:7", "-o", "x.gif"],
            ["still", "sample:7", "-o", "x.png", "--size", "huge"],
            ["still", "sample:7", "-o", "x.png", "--elevation", "120"],
            ["still", "sample:7", "-o", "x.jpg"],
            ["still", "sample:7", "-o", "x.png", "--frobnicate"],
        ])
    func usage(arguments: [String]) throws {
        let scratch = try ScratchFolder("cli-usage")
        defer { scratch.remove() }
        let run = try CNNVizBinary.run(arguments, in: scratch.url)
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("Error:") || run.stderr.contains("error:"), "\(run)")
        #expect(try scratch.contents().isEmpty, "a usage error wrote files")
    }

    /// The commands that read one IMAGE, each with `INPUT` standing for it.
    static let imageCommands: [[String]] = [
        ["predict", "INPUT"],
        ["predict", "--json", "INPUT"],
        ["still", "INPUT", "-o", "OUT.png", "--size", "160x90"],
        ["poster", "INPUT", "--layer", "conv1", "-o", "OUT.png", "--size", "640x452"],
        ["preprocess", "INPUT", "-o", "OUT.png", "--scale", "0.25"],
    ]

    /// Runs `command` with `INPUT` replaced by `input` and `OUT` by a path in `scratch`.
    static func run(_ command: [String], input: String, in scratch: ScratchFolder) throws -> CLIRun {
        try CNNVizBinary.run(command.map { $0 == "INPUT" ? input : $0.replacingOccurrences(of: "OUT", with: scratch.file("out").path) })
    }

    @Test("a missing input file exits 1 naming it, and writes nothing", arguments: imageCommands)
    func missingInput(command: [String]) throws {
        let scratch = try ScratchFolder("cli-missing")
        defer { scratch.remove() }
        let missing = scratch.file("no-such-digit.png").path
        let run = try Self.run(command, input: missing, in: scratch)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains(missing), "\(run)")
        #expect(try scratch.contents().isEmpty)
    }

    @Test("an unreadable PNG exits 1 naming it, and writes nothing", arguments: imageCommands)
    func unreadablePNG(command: [String]) throws {
        let scratch = try ScratchFolder("cli-notpng")
        defer { scratch.remove() }
        let bad = scratch.file("digit.png")
        try Data("this is not a PNG".utf8).write(to: bad)
        let run = try Self.run(command, input: bad.path, in: scratch)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains(bad.path), "\(run)")
        #expect(try scratch.contents() == ["digit.png"])
    }

    @Test("a missing weights file exits 1 naming it")
    func missingWeights() throws {
        let run = try CNNVizBinary.run(["predict", "sample:7", "--weights", "/nonexistent/w.safetensors"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("/nonexistent/w.safetensors"), "\(run)")
    }

    @Test("a missing MNIST folder exits 1 naming the file it looked for")
    func missingMNIST() throws {
        let run = try CNNVizBinary.run(["evaluate", "--mnist", "/nonexistent/mnist", "--json"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("/nonexistent/mnist"), "\(run)")
    }
}
