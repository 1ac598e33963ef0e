import DigitNet
import DigitSamples
import Foundation
import Geometry
import Studio
import TestSupport
import Testing

/// Replays and sweeps for models other than the bundled LeNet: other input sizes (the drawing
/// is preprocessed to 28×28 as always, then met the way `predict` meets the model's size) and
/// other architectures; frames render at the video's size.
@Suite("Replays and sweeps of other models")
struct OtherModelVideoTests {
    /// A small net reading `side`×`side` inputs.
    static func network(side: Int) throws -> Network {
        try Network(architecture(side: side), weights: .initial(seed: 2))
    }

    static func architecture(side: Int) -> Architecture {
        Architecture(
            name: "\(side)-pixel net", inputShape: [1, side, side], normalization: InputNormalization(mean: 0.13, std: 0.31),
            layers: [
                .conv2d(name: "c1", filters: 4, kernel: 3), .relu, .maxpool2d(kernel: 2), .flatten,
                .linear(name: "out", units: 10), .softmax,
            ])
    }

    /// 2×2 block means of a 28×28 image: the area resize to 14×14, computed here on its own.
    static func halved(_ image: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: 14 * 14)
        for y in 0..<14 {
            for x in 0..<14 {
                let top: Float = image[2 * y * 28 + 2 * x] + image[2 * y * 28 + 2 * x + 1]
                let bottom: Float = image[(2 * y + 1) * 28 + 2 * x] + image[(2 * y + 1) * 28 + 2 * x + 1]
                out[y * 14 + x] = (top + bottom) / 4
            }
        }
        return out
    }

    static let seven = Fixtures.repositoryRoot.appendingPathComponent("Scenes/strokes/seven.json").path

    @Test("a 14×14 model: the sweep and the replay run it on the drawing resized to 14×14, and their frames render")
    func fourteen() throws {
        let network = try Self.network(side: 14)
        let input = try resolveInput("sample:7", currentDirectory: Fixtures.repositoryRoot.path)
        let sweep = SweepAnalysis(input: input.image.data, range: SweepRange(.rotate, from: 0, to: 40), steps: 3, network: network)
        for (k, changed) in sweep.inputs.enumerated() {
            let expected = network.forward(Tensor(shape: [1, 14, 14], data: Self.halved(changed))).probabilities
            #expect(zip(sweep.probabilities[k], expected).allSatisfy { abs($0 - $1) < 1e-5 }, "amount \(k)")
        }
        var spec = SweepSpec()
        spec.size = FrameSize(width: 320, height: 180)
        spec.fps = 4
        spec.seconds = 1
        spec.hold = 0
        let source = try SweepFrameSource(network: network, analysis: sweep, spec: spec, style: SceneStyle(), title: "t")
        #expect(try source.frame(0).count == 320 * 180 * 4)
        #expect(try source.frame(0) != source.frame(3))

        let drawing = try StrokesFile.read(path: Self.seven)
        let timeline = ReplayTimeline(fps: 4, leadIn: 0.25, drawing: StrokeTimeline(drawing).duration, hold: 0.25)
        let replay = try ReplayAnalysis(drawing: drawing, timeline: timeline, network: network)
        let last = try #require(replay.inputs.last ?? nil)
        let expected = network.forward(Tensor(shape: [1, 14, 14], data: Self.halved(last))).probabilities
        let found = try #require(replay.probabilities.last ?? nil)
        #expect(zip(found, expected).allSatisfy { abs($0 - $1) < 1e-5 })
        var replaySpec = ReplaySpec()
        replaySpec.size = FrameSize(width: 320, height: 180)
        replaySpec.fps = 4
        replaySpec.camera = .drift
        let frames = try ReplayFrameSource(network: network, analysis: replay, spec: replaySpec, style: SceneStyle(), title: "t")
        #expect(try frames.frame(0).count == 320 * 180 * 4)
        #expect(try frames.frame(timeline.frameCount - 1).count == 320 * 180 * 4)
        // The strip shows what the network reads: the 14×14 resize, headed by that size.
        let end = timeline.frameCount - 1
        let strip = try frames.overlay(at: end, time: timeline.time(at: end)).strip
        #expect(strip.allSatisfy { $0.width == 14 && $0.height == 14 })
        let shown = try #require(strip.last?.input)
        #expect(shown.count == 14 * 14)
        #expect(zip(shown, Self.halved(last)).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test(
        "other architectures (many maps, twelve stages, a 20×20 input) replay and sweep",
        arguments: [TestArchitectures.pytorchExample, TestArchitectures.twelveStages, OtherModelVideoTests.architecture(side: 20)])
    func architectures(_ architecture: Architecture) throws {
        let network = try Network(architecture, weights: .initial(seed: 4))
        let input = try resolveInput("sample:3", currentDirectory: Fixtures.repositoryRoot.path)
        let sweep = SweepAnalysis(input: input.image.data, range: SweepRange(.shift, from: -3, to: 3), steps: 2, network: network)
        var spec = SweepSpec()
        spec.size = FrameSize(width: 320, height: 180)
        spec.fps = 2
        spec.seconds = 1
        spec.hold = 0
        let source = try SweepFrameSource(network: network, analysis: sweep, spec: spec, style: SceneStyle(), title: "t")
        #expect(try source.frame(1).count == 320 * 180 * 4)
        #expect(sweep.probabilities.allSatisfy { $0.count == 10 && abs($0.reduce(0, +) - 1) < 1e-3 })
    }
}
