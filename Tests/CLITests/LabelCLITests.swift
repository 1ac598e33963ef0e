import CairoGraphics
import Foundation
import TestSupport
import Testing

/// `--label N` and MNIST's own labels: a known label that disagrees with the answer is marked
/// in red (`label 4 · predicted 9 ✗`) in the still's prediction panel; a bad label is refused.
@Suite("cnnviz --label: wrong answers are marked", .requiresCNNVizBinary)
struct LabelCLITests {
    /// Pixels of the alert red (#f85149 and its antialiased shades) in the prediction panel
    /// of a 1280×720 still (bottom-right 440×300 box at scale 2/3).
    func redPixelsInPanel(_ arguments: [String], environment: [String: String] = [:]) throws -> Int {
        let scratch = try ScratchFolder("cli-label")
        defer { scratch.remove() }
        let output = scratch.file("still.png").path
        let run = try CNNVizBinary.run(
            ["still"] + arguments + ["--size", "1280x720", "-o", output], environment: environment)
        #expect(run.status == 0, "\(run)")
        let image = try ImageSurface.readPNG(at: output)
        let bytes = image.bgraBytes()
        let s = 720.0 / 1080
        let x0 = Int(1280 - 504 * s), y0 = Int(720 - 356 * s)
        var count = 0
        for y in y0..<720 {
            for x in x0..<1280 {
                let i = 4 * (y * 1280 + x)
                let (b, g, r) = (Int(bytes[i]), Int(bytes[i + 1]), Int(bytes[i + 2]))
                if r > 150 && g < 110 && b < 110 && r - g > 90 { count += 1 }
            }
        }
        return count
    }

    @Test("--label that disagrees turns the panel's verdict red; no label, no red")
    func statedLabelMarksTheAnswer() throws {
        let plain = try redPixelsInPanel([Fixtures.digitSpec, "--label", "\(Fixtures.digitClass)"])
        let wrong = try redPixelsInPanel([Fixtures.digitSpec, "--label", "4"])
        #expect(plain == 0, "a matching label must not be marked red (\(plain) red pixels)")
        #expect(wrong > 150, "a wrong label must be marked in red (only \(wrong) red pixels)")
    }

    @Test("MNIST test #2130 (label 4, read as 9) is marked wrong", .requiresMNIST)
    func mnistLabelMarksTheAnswer() throws {
        let directory = try MNISTFixture.requiredDirectory()
        let red = try redPixelsInPanel(["mnist:test:2130"], environment: ["MNIST_DIR": directory])
        #expect(red > 150, "only \(red) red pixels in the panel")
    }

    @Test("--label outside the network's classes is refused, naming the input")
    func labelOutsideClassesIsRefused() throws {
        let scratch = try ScratchFolder("cli-label-bad")
        defer { scratch.remove() }
        let run = try CNNVizBinary.run(["still", Fixtures.digitSpec, "--label", "12", "-o", scratch.file("x.png").path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("label 12 is not a class"), "\(run)")
        #expect(run.stderr.contains(Fixtures.digitSpec), "\(run)")
        #expect(try scratch.contents().isEmpty)
        let negative = try CNNVizBinary.run(["still", Fixtures.digitSpec, "--label", "-1", "-o", scratch.file("x.png").path])
        #expect(negative.status != 0)
    }
}
