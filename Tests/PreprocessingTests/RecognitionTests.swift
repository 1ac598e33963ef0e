import CairoGraphics
import DigitNet
import DigitSamples
import DigitTraining
import Foundation
import Preprocessing
import Support
import TestSupport
import Testing

/// Accuracy bars: MNIST round trip and drawn canvases in every style, through the pipeline,
/// with the bundled weights (a test fails when they cannot be loaded); the round trip also
/// needs `MNIST_DIR`.
@Suite("Recognition through the pipeline", .serialized)
struct RecognitionTests {
    @Test(
        "MNIST round trip: 1,000 test digits ×10 on larger canvases at random offsets, ≥ 98 %",
        .requiresMNIST)
    func mnistRoundTrip() throws {
        let set = try TestData.mnistTest()
        let network = try Fixtures.network()
        var plain = PreprocessingOptions()
        plain.strokeNormalisation = nil
        var correct = 0, correctPlain = 0, direct = 0
        var rng = SplitMix64(seed: 2024)
        for i in 0..<set.count {
            let (w, h) = (300 + rng.int(500), 300 + rng.int(500))
            let canvas = mnistCanvas(set.image(i), factor: 10, width: w, height: h, x: rng.int(w - 279), y: rng.int(h - 279))
            let label = Int(set.labels[i])
            // A refusal (no digit, several digits) counts as wrong.
            if (try? TestData.predict(Preprocessor.run(canvas: canvas, source: "mnist:test:\(i)"), with: network)) == label {
                correct += 1
            }
            if (try? TestData.predict(Preprocessor.run(canvas: canvas, source: "mnist:test:\(i)", options: plain), with: network)) == label
            {
                correctPlain += 1
            }
            if network.forward(set.image(i)).prediction == label { direct += 1 }
        }
        let n = Double(set.count)
        let accuracy = Double(correct) / n
        print(
            String(
                format:
                    "MNIST round trip: %.1f %% through the pipeline (%.1f %% without stroke-width normalisation; %.1f %% on the raw images)",
                accuracy * 100, Double(correctPlain) / n * 100, Double(direct) / n * 100))
        #expect(accuracy >= 0.98)
    }

    @Test("drawn canvases in every style (polarity, colour, transparency, size, place, speck) ≥ 98 %")
    func drawnStyles() throws {
        let network = try Fixtures.network()
        var plain = PreprocessingOptions()
        plain.strokeNormalisation = nil
        let perDigit = 40
        var correct = 0, correctPlain = 0, wrong: [String] = []
        for digit in 0...9 {
            for k in 0..<perDigit {
                let seed = UInt64(digit * 1000 + k)
                let style = DrawnDigits.randomStyle(seed: seed)
                let canvas = try DrawnDigits.canvas(digit: digit, style: style)
                let predicted =
                    (try? TestData.predict(Preprocessor.run(canvas: canvas, source: "drawn \(digit) #\(seed)"), with: network)) ?? -1
                if predicted == digit {
                    correct += 1
                } else {
                    wrong.append("\(digit)→\(predicted) (seed \(seed), variant \(style.variant % 3))")
                }
                if (try? TestData.predict(Preprocessor.run(canvas: canvas, source: "drawn", options: plain), with: network)) == digit {
                    correctPlain += 1
                }
            }
        }
        let n = Double(10 * perDigit)
        let accuracy = Double(correct) / n
        print(
            String(
                format: "drawn styles: %.1f %% of %d (%.1f %% without stroke-width normalisation)", accuracy * 100, 10 * perDigit,
                Double(correctPlain) / n * 100)
                + (wrong.isEmpty ? "" : "; wrong: " + wrong.joined(separator: ", ")))
        #expect(accuracy >= 0.98)
    }

    @Test("the bundled samples are recognised")
    func bundledSamples() throws {
        let network = try Fixtures.network()
        for digit in 0...9 {
            let d = try Preprocessor.run(
                canvas: DrawnDigits.canvas(digit: digit, style: DrawnDigits.sampleStyle(digit: digit)), source: "sample:\(digit)")
            #expect(TestData.predict(d, with: network) == digit, "sample \(digit)")
        }
    }

    // Speed is measured in Benchmarks/CNNVizBench/PreprocessSuite.swift, not in a timed test.

}
