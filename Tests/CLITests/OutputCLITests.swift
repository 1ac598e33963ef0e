import CairoGraphics
import Foundation
import TestSupport
import Testing

/// `poster`, `preprocess` and `still` write their output (and nothing else) and exit 0.
/// What the pictures look like is checked by the goldens in StudioTests.
@Suite("cnnviz poster / preprocess / still outputs", .requiresCNNVizBinary)
struct OutputCLITests {
    /// Runs `arguments` with `-o FOLDER/NAME`, expects exit 0 and exactly one PNG of
    /// `width`×`height` in the folder.
    func expectPNG(
        _ arguments: [String], named name: String, width: Int, height: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let scratch = try ScratchFolder("cli-out-\(arguments[0])")
        defer { scratch.remove() }
        let output = scratch.file(name).path
        let run = try CNNVizBinary.run(arguments + ["-o", output])
        #expect(run.status == 0, "\(run)", sourceLocation: sourceLocation)
        #expect(try scratch.contents() == [name], "staging files left behind or output missing", sourceLocation: sourceLocation)
        let image = try ImageSurface.readPNG(at: output)
        #expect(image.width == width && image.height == height, "\(image.width)×\(image.height)", sourceLocation: sourceLocation)
    }

    @Test("poster writes the PNG page at --size")
    func poster() throws {
        try expectPNG(
            ["poster", Fixtures.digitSpec, "--layer", "conv2", "--size", "640x452"], named: "conv2.png",
            width: 640, height: 452)
    }

    @Test("preprocess writes the sheet at --scale")
    func preprocess() throws {
        try expectPNG(["preprocess", Fixtures.digitSpec, "--scale", "0.25"], named: "sheet.png", width: 600, height: 175)
    }

    @Test("still writes the frame at --size")
    func still() throws {
        try expectPNG(["still", Fixtures.digitSpec, "--size", "160x90"], named: "still.png", width: 160, height: 90)
    }
}
