import CairoGraphics
import DigitNet
import Foundation
import Studio
import TestSupport
import Testing

/// Goldens for the pictures the jobs make, at reduced sizes, driven through the jobs' public
/// entry points (so moving a painter between targets keeps them valid): one poster page, the
/// preprocessing sheet, a still and one frame of the orbit frame source. All use the fixed
/// network (the bundled weights) and the fixed digit (`sample:7`).
///
/// The goldens are in `Goldens/` beside this file; the tolerance is `GoldenImage`'s default
/// (channels within 24 of 255, at most 0.5 % of pixels beyond that), the sheet's pixels
/// matched within 1 px. `RECORD_GOLDENS=1` re-records them.
@Suite("Job goldens")
struct JobGoldenTests {
    /// The fixed digit, resolved from the repository root.
    static func digit() throws -> DigitInput {
        let input = try resolveInput(Fixtures.digitSpec, currentDirectory: Fixtures.repositoryRoot.path)
        try #require(input.trueDigit == Fixtures.digitClass)
        return input
    }

    @Test("a conv1 poster page as PNG at 640×452")
    func posterPage() throws {
        let scratch = try ScratchFolder("golden-poster")
        defer { scratch.remove() }
        let output = scratch.file("conv1.png").path
        let written = try PosterJob.run(
            input: Self.digit(), network: Fixtures.network(), layer: "conv1",
            output: output, width: 640, height: 452)
        #expect(written == [output])
        try GoldenImage.checkFile(output, named: "poster-conv1-640x452")
    }

    @Test("the preprocessing sheet at scale 0.5 (1200×350)")
    func preprocessSheet() throws {
        let scratch = try ScratchFolder("golden-sheet")
        defer { scratch.remove() }
        let output = scratch.file("sheet.png").path
        // sample:N resolves from the working directory, which `swift test` sets to the
        // repository root; the sheet's subtitle names the spec, so an absolute path would
        // make the golden depend on where the repository lives.
        let written = try PreprocessJob.run(.init(image: Fixtures.digitSpec, output: output, scale: 0.5))
        #expect(written == [output])
        // The sheet is mostly small text: glyph edges may move by a pixel with the process's
        // font state (see `GoldenImage`), so pixels are matched within 1 px.
        try GoldenImage.checkFile(output, named: "preprocess-sheet-1200x350", shift: 1)
    }

    @Test("a still at 320×180 with the default camera")
    func still() throws {
        let scratch = try ScratchFolder("golden-still")
        defer { scratch.remove() }
        let output = scratch.file("still.png").path
        var options = StillJob.Options()
        options.width = 320
        options.height = 180
        try StillJob.run(input: Self.digit(), network: Fixtures.network(), output: output, options: options)
        #expect(try scratch.contents() == ["still.png"])
        try GoldenImage.checkFile(output, named: "still-320x180")
    }

    @Test("frame 45 of the default 12 s orbit at 320×180: mid-intro, half the layers lit")
    func orbitFrame() throws {
        var spec = OrbitSpec()
        spec.size = FrameSize(width: 320, height: 180)
        let source = try NetworkFrameSource(network: Fixtures.network(), input: Self.digit(), spec: spec, style: SceneStyle())
        try GoldenImage.check(source.image(45), named: "orbit-frame45-320x180")
    }
}
