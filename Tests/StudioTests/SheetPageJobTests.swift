import CairoGraphics
import DigitNet
import DigitSamples
import DigitTraining
import Foundation
import Preprocessing
import Renderer
import Studio
import TestSupport
import Testing

/// The preprocessing job's page layout (`--page`, `page:`), what the sheet's value grid shows
/// for MNIST inputs, and the sheet's title for every kind of input.
@Suite("preprocessing sheet: pages, MNIST values, titles")
struct SheetPageJobTests {
    static func digit() throws -> DigitInput {
        try resolveInput(Fixtures.digitSpec, currentDirectory: Fixtures.repositoryRoot.path)
    }

    @Test("--page writes a page-sized PNG (150 dpi), PDF and SVG")
    func pageOutputs() throws {
        let scratch = try ScratchFolder("sheet-page")
        defer { scratch.remove() }
        let input = try Self.digit(), network = try Fixtures.network()
        for paper in PaperSize.allCases {
            let png = scratch.file("\(paper).png").path
            _ = try PreprocessJob.run(input: input, network: network, output: png, page: paper)
            let image = try ImageSurface.readPNG(at: png)
            let (w, h) = paper.points
            #expect(image.width == Int((w * 150 / 72).rounded()) && image.height == Int((h * 150 / 72).rounded()))
            for kind in ["pdf", "svg"] {
                let file = scratch.file("\(paper).\(kind)").path
                _ = try PreprocessJob.run(input: input, network: network, output: file, page: paper)
                let text = String(
                    String.UnicodeScalarView(try Data(contentsOf: URL(fileURLWithPath: file)).map { Unicode.Scalar($0) }))
                // PDF: the page's MediaBox; SVG: the root's width and height, both in points
                let pattern =
                    kind == "pdf"
                    ? /\/MediaBox \[ 0 0 ([0-9.]+) ([0-9.]+) \]/ : /<svg[^>]* width="([0-9.]+)(?:pt)?" height="([0-9.]+)(?:pt)?"/
                let match = try #require(text.firstMatch(of: pattern), "\(paper) \(kind): no page size found")
                let (pw, ph) = (Double(match.1) ?? 0, Double(match.2) ?? 0)
                #expect(abs(pw - w) < 0.01 && abs(ph - h) < 0.01, "\(paper) \(kind): \(pw)×\(ph), want \(w)×\(h)")
            }
        }
    }

    @Test("the scene key page: reads a4 and letter, and names the choices for anything else")
    func sceneKey() throws {
        let scene = try SceneDescription.parse(
            yaml: "input: sample:7\noutputs:\n  - preprocess: { file: a.pdf, page: letter }\n", file: "p.yaml")
        var spec = PreprocessSpec()
        spec.file = "a.pdf"
        spec.page = .letter
        #expect(scene.outputs == [.preprocess(spec)])
        do {
            _ = try SceneDescription.parse(yaml: "input: x\noutputs:\n  - preprocess: { page: a5 }\n", file: "bad.yaml")
            Issue.record("page: a5 was accepted")
        } catch {
            #expect(error.keyPath == "outputs[0].preprocess.page", "\(error)")
            #expect(error.message.contains("a4, letter") && error.message.contains("a5"), "\(error)")
        }
    }

    @Test("for mnist:test:N the value grid shows exactly the pixels the network read", .requiresMNIST)
    func mnistValuesAreTheNetworksInput() throws {
        let directory = try MNISTFixture.requiredDirectory()
        let index = 2130
        let network = try Fixtures.network()
        let input = try resolveInput("mnist:test:\(index)", environment: ["MNIST_DIR": directory])
        let content = SheetContent(
            input: input, prediction: Prediction(input: input, network: network), normalization: network.normalization)
        let shown = SheetPanel.valueLabels(content)
        // MNIST's own bytes, read independently of the job.
        let set = try MNIST.load(directory: directory, split: .test)
        let bytes = set.image(index).data.map { Int(($0 * 255).rounded()) }
        #expect(shown == bytes.map { $0 == 0 ? SheetPanel.zeroLabel : "\($0)" })
        // The pipeline's re-run on the digit (steps 2–6) is a different, re-centred image:
        // showing it instead would fail the check above.
        let rerun = input.stages.values.map { Int(($0 * 255).rounded()) }
        #expect(rerun != bytes, "the re-run equals MNIST's pixels; this test could not tell them apart")
        // The network reading the shown numbers gives the sheet's own probabilities.
        let values = shown.map { Float($0 == SheetPanel.zeroLabel ? 0 : Int($0)!) / 255 }
        let trace = network.forward(Tensor(shape: [1, 28, 28], data: values))
        #expect(trace.probabilities == content.probabilities)
    }

    @Test("titles name the input, never a class; subtitles say drawn or photo and name a file, not a path")
    func titles() throws {
        let network = try Fixtures.network()
        let drawn = try Self.digit()
        let content = SheetContent(
            input: drawn, prediction: Prediction(input: drawn, network: network), normalization: network.normalization)
        #expect(SheetPainter.title(content) == "Preprocessing sample 7, MNIST-style")
        #expect(SheetPainter.subtitle(content).contains("raw canvas (sample:7)"))
        // A photo, by its path: the title names the file, the subtitle says photo.
        let scratch = try ScratchFolder("sheet-photo")
        defer { scratch.remove() }
        let photo = try Self.photo(in: scratch)
        let input = try resolveInput(photo)
        let photoContent = SheetContent(
            input: input, prediction: Prediction(input: input, network: network), normalization: network.normalization)
        #expect(SheetPainter.title(photoContent) == "Preprocessing photo-7.jpg, MNIST-style")
        let subtitle = SheetPainter.subtitle(photoContent)
        #expect(subtitle.contains("the photo (photo-7.jpg)") && !subtitle.contains(scratch.url.path), "\(subtitle)")
        for digit in 0...9 {
            #expect(!SheetPainter.title(photoContent).contains("a drawn \(digit)"))
        }
    }

    /// A simulated phone photo of a drawn 7, written as `photo-7.jpg` in `folder`.
    static func photo(in folder: ScratchFolder) throws -> String {
        let coverage = try PhotoSimulator.drawnCoverage(digit: 7, seed: 3)
        let canvas = PhotoSimulator.render(coverage: coverage, style: PhotoSimulator.randomStyle(seed: 3))
        let bytes = try PhotoSimulator.phoneJPEG(canvas, orientation: .up)
        let path = folder.file("photo-7.jpg").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
