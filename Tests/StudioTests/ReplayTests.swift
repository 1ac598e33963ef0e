import CairoGraphics
import DigitNet
import DigitSamples
import Foundation
import Preprocessing
import Studio
import TestSupport
import Testing

/// Replays: flip detection, the timeline, the analysis of the shipped seven, frames that are
/// byte-identical, and the scene keys.
@Suite("Replays")
struct ReplayTests {
    @Test("flips: the first answer, a change that holds 0.3 s, and no flicker")
    func flips() {
        let detector = FlipDetector(minimumHold: 0.3)
        // 10 fps: a change must last 3 frames.
        let tops: [Int?] = [nil, nil, 1, 1, 1, 1, 4, 1, 1, 7, 7, nil, 7, 7, 7, 2, 2]
        let found = detector.flips(tops, fps: 10)
        #expect(found == [FlipDetector.Flip(frame: 2, from: nil, to: 1), FlipDetector.Flip(frame: 12, from: 1, to: 7)])
        // A change exactly 0.3 s long counts; 0.2 s does not.
        #expect(detector.flips([1, 1, 1, 7, 7, 7], fps: 10).count == 2)
        #expect(detector.flips([1, 1, 1, 7, 7, 1], fps: 10).count == 1)
        // A first answer found only at the very end still counts.
        #expect(detector.flips([nil, nil, 3], fps: 10) == [FlipDetector.Flip(frame: 2, from: nil, to: 3)])
        #expect(detector.flips([nil, nil], fps: 10).isEmpty)
    }

    @Test("the replay timeline: lead-in, drawing, hold; the last frame shows the finished drawing")
    func timeline() {
        let t = ReplayTimeline(fps: 10, leadIn: 0.5, drawing: 1.23, hold: 1)
        #expect(t.frameCount == 28)
        #expect(t.time(at: 0) == -0.5)
        #expect(abs(t.time(at: 5)) < 1e-12)
        #expect(t.time(at: 27) >= 1.23)
        #expect(t.frame(at: 0) == 5)
        #expect(t.frame(at: 1.23) == 18)
    }

    @Test("the shipped seven reads as a 1 first, then flips to a 7 when the top bar arrives; no digit before the pen")
    func seven() throws {
        let drawing = try StrokesFile.read(path: Fixtures.repositoryRoot.appendingPathComponent("Scenes/strokes/seven.json").path)
        let timeline = ReplayTimeline(fps: 30, leadIn: 0.5, drawing: StrokeTimeline(drawing).duration, hold: 1)
        let analysis = try ReplayAnalysis(drawing: drawing, timeline: timeline, network: try Fixtures.network())
        #expect(analysis.inputs[0] == nil)
        #expect(analysis.marks.map(\.text) == ["reads 1", "1 → 7"])
        let flip = try #require(analysis.marks.last)
        // The top bar starts at 1.45 s: the 7 comes while it is drawn.
        #expect(flip.time > 1.45 && flip.time < 2.0)
        #expect(analysis.top(at: timeline.frameCount - 1) == 7)
    }

    @Test(
        "every bundled sample replays: half-drawn pieces standing apart read as no digit yet, the finished digit as itself",
        arguments: 0...9)
    func bundledSamples(_ digit: Int) throws {
        let path = Fixtures.repositoryRoot.appendingPathComponent("Scenes/digits/\(digit).json").path
        let drawing = try StrokesFile.read(path: path)
        let timeline = ReplayTimeline(fps: 8, leadIn: 0.25, drawing: StrokeTimeline(drawing).duration, hold: 0.25)
        let analysis = try ReplayAnalysis(drawing: drawing, timeline: timeline, network: try Fixtures.network())
        #expect(analysis.inputs[0] == nil)
        #expect(analysis.top(at: timeline.frameCount - 1) == digit)
    }

    @Test("outside the repository sample:N replays the strokes Scenes/digits/N.json holds, drawn in memory")
    func sampleElsewhere() throws {
        let elsewhere = FileManager.default.temporaryDirectory.path
        #expect(try ReplayJob.strokesPath(ReplaySpec(), input: "sample:4", currentDirectory: elsewhere) == "sample:4")
        let inRepo = try ReplayJob.strokesPath(ReplaySpec(), input: "sample:4", currentDirectory: Fixtures.repositoryRoot.path)
        #expect(inRepo.hasSuffix("Scenes/digits/4.json"))
        let generated = try ReplayJob.drawing(at: "sample:4")
        let file = try ReplayJob.drawing(at: inRepo)
        #expect(generated.width == file.width && generated.height == file.height)
        #expect(generated.strokes.count == file.strokes.count)
        let a = generated.strokes.flatMap(\.points), b = file.strokes.flatMap(\.points)
        #expect(a.count == b.count)
        // The file keeps two decimals.
        #expect(zip(a, b).allSatisfy { abs($0.x - $1.x) <= 0.006 && abs($0.y - $1.y) <= 0.006 })
        #expect(throws: (any Error).self) { try ReplayJob.drawing(at: "sample:11") }
    }

    @Test("a finished drawing of two digits side by side is refused as several digits")
    func twoDigitsRefused() throws {
        let one = try StrokesFile.read(path: Fixtures.repositoryRoot.appendingPathComponent("Scenes/digits/1.json").path)
        var pair = one
        pair.width = one.width * 2
        pair.strokes += one.strokes.map { stroke in
            var moved = stroke
            moved.points = stroke.points.map { StrokeSample($0.x + Double(one.width), $0.y, t: $0.t.map { $0 + 10 }) }
            return moved
        }
        let timeline = ReplayTimeline(fps: 4, leadIn: 0, drawing: StrokeTimeline(pair).duration, hold: 0)
        #expect {
            _ = try ReplayAnalysis(drawing: pair, timeline: timeline, network: try Fixtures.network())
        } throws: { error in
            if case .severalDigits = error as? PreprocessingError { return true }
            return false
        }
    }

    @Test("replay frames are byte-identical from run to run and differ as the drawing grows")
    func deterministic() throws {
        let drawing = try StrokesFile.read(path: Fixtures.repositoryRoot.appendingPathComponent("Scenes/strokes/seven.json").path)
        let network = try Fixtures.network()
        var spec = ReplaySpec()
        spec.size = FrameSize(width: 320, height: 180)
        spec.fps = 10
        let timeline = ReplayTimeline(fps: 10, leadIn: spec.leadIn, drawing: StrokeTimeline(drawing).duration, hold: 0.5)
        func source() throws -> ReplayFrameSource {
            let analysis = try ReplayAnalysis(drawing: drawing, timeline: timeline, network: network)
            return try ReplayFrameSource(network: network, analysis: analysis, spec: spec, style: SceneStyle(), title: "t")
        }
        let a = try source(), b = try source()
        for i in [0, 9, 20] { #expect(try a.frame(i) == b.frame(i)) }
        #expect(try a.frame(9) != a.frame(20))
    }

    @Test("replay and sweep outputs decode from a scene with their keys; bad ones name the key")
    func scene() throws {
        let folder = try ScratchFolder("replay-scene")
        defer { folder.remove() }
        let path = folder.file("s.yaml").path
        try """
        input: Scenes/strokes/seven.json
        outputs:
          - replay: { file: out.mp4, size: 640x360, fps: 24, hold: 1.5, camera: drift, lead-in: 0 }
          - sweep: { file: out.pdf, vary: "shift:-4:4", steps: 9 }
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let scene = try #require(try SceneDescription.loadAll(path: path).first)
        guard case .replay(let replay) = scene.outputs[0], case .sweep(let sweep) = scene.outputs[1] else {
            Issue.record("outputs decoded as \(scene.outputs)")
            return
        }
        #expect(replay.fps == 24 && replay.hold == 1.5 && replay.camera == .drift && replay.leadIn == 0)
        #expect(sweep.range == SweepRange(.shift, from: -4, to: 4) && sweep.steps == 9 && sweep.isFigure)
        try """
        input: sample:7
        outputs:
          - sweep: { file: out.pdf, vary: "spin:0:4" }
        """.write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try SceneDescription.loadAll(path: path)
        } throws: { error in
            "\(error)".contains("s.yaml:3") && "\(error)".contains("vary")
        }
    }
}
