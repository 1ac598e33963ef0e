import CairoGraphics
import DigitNet
import Foundation
import Renderer
import Studio
import TestSupport
import Testing

/// The honesty rules at the jobs' level: a scene's `label:`, SVG images marked crisp, one title
/// scheme naming the input (never a full path).
@Suite("Honest outputs")
struct HonestOutputTests {
    static func digit() throws -> DigitInput {
        try resolveInput(Fixtures.digitSpec, currentDirectory: Fixtures.repositoryRoot.path)
    }

    @Test("a scene's label: is read, range-checked and located")
    func sceneLabel() throws {
        let scene = try SceneDescription.parse(yaml: "input: sample:7\nlabel: 4\n", file: "l.yaml")
        #expect(scene.label == 4)
        #expect(try SceneDescription.parse(yaml: "input: sample:7\n", file: "l.yaml").label == nil)
        #expect {
            _ = try SceneDescription.parse(yaml: "input: sample:7\nlabel: -3\n", file: "bad.yaml")
        } throws: { error in
            let text = "\(error)"
            return text.contains("bad.yaml") && text.contains("label") && text.contains("-3")
        }
    }

    @Test("a label outside the network's classes is a typed error naming the input")
    func labelOutsideClasses() throws {
        let input = try Self.digit()
        #expect(try input.labelled(4, classes: 10).trueDigit == 4)
        #expect(throws: LabelError(spec: "sample:7", label: 10, classes: 10)) {
            _ = try input.labelled(10, classes: 10)
        }
        #expect(try Fixtures.network().classCount == 10)
    }

    @Test("one title scheme: the input's short name, no class, no path")
    func titles() throws {
        var input = try Self.digit()
        #expect(input.readingTitle() == "LeNet reading sample 7")
        #expect(input.readingTitle(model: "TinyNet") == "TinyNet reading sample 7")
        input.label = "/home/someone/very/long/path/seven.png"
        #expect(input.readingTitle() == "LeNet reading seven.png")
    }

    @Test("SVG posters and sheets keep hard cell edges: rectangles, or images marked pixelated", arguments: ["poster", "sheet"])
    func svgImagesAreCrisp(kind: String) throws {
        let scratch = try ScratchFolder("crisp-svg-\(kind)")
        defer { scratch.remove() }
        let output = scratch.file("\(kind).svg").path
        if kind == "poster" {
            try PosterJob.run(input: Self.digit(), network: Fixtures.network(), layer: "conv2", output: output)
        } else {
            _ = try PreprocessJob.run(input: Self.digit(), network: Fixtures.network(), output: output)
        }
        let svg = try String(contentsOfFile: output, encoding: .utf8)
        let counts = CrispSVG.imageCounts(svg)
        if kind == "poster" {
            // Every raster of a poster is small (maps, kernels, the 28×28 input): all drawn as
            // rectangles, which every viewer keeps hard-edged; no embedded image is left.
            #expect(counts.images == 0, "\(counts)")
            #expect(svg.components(separatedBy: "<path").count > 1000)
        } else {
            // The sheet's large canvas rasters stay images, each marked.
            #expect(counts.images >= 1, "\(counts)")
            #expect(counts.crisp == counts.images, "\(counts)")
        }
        #expect(try scratch.contents() == ["\(kind).svg"])
    }
}
