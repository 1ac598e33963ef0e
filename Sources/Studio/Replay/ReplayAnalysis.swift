import DigitNet
import DigitSamples
import Foundation
import Preprocessing
import Renderer

/// What the network makes of the drawing at every frame of a replay, worked out before any
/// frame is drawn (the flips need the whole run): the 28×28 input when the preprocessing
/// finds a digit in the drawing so far (nil before), the probabilities, and the marks
/// (first answer, changes that hold). Deterministic, so every shard computes the same.
public struct ReplayAnalysis: Sendable {
    public let timeline: ReplayTimeline
    public let strokes: StrokeTimeline
    /// Per frame: the network's input, or nil when no digit is found yet.
    public let inputs: [[Float]?]
    /// Per frame: the probabilities, or nil when no digit is found yet.
    public let probabilities: [[Float]?]
    /// The changes of answer, by frame.
    public let flips: [FlipDetector.Flip]
    /// The changes as timeline marks (drawing time, label text).
    public let marks: [ReplayOverlay.Mark]

    /// Runs the preprocessing and the network on the drawing at every frame of `timeline`.
    public init(
        drawing: Strokes, timeline: ReplayTimeline, network: Network,
        options: PreprocessingOptions = PreprocessingOptions(), detector: FlipDetector = FlipDetector()
    ) throws {
        let strokes = StrokeTimeline(drawing)
        let count = timeline.frameCount
        // Half-drawn pieces may stand apart, but the finished drawing must be one digit.
        if drawing.pointCount > 0 {
            let finished = try StrokePen.canvas(drawing)
            do { _ = try Preprocessor.run(canvas: finished, source: "strokes", options: options) } catch {
                if case .severalDigits = error { throw error }
            }
        }
        // Frames showing the same drawing (lead-in, pen-up pauses, the hold) share one run.
        var keys: [DrawnKey] = []
        var firstFrameOfKey: [DrawnKey: Int] = [:]
        for i in 0..<count {
            let key = DrawnKey(strokes.drawn(at: timeline.time(at: i)))
            keys.append(key)
            if firstFrameOfKey[key] == nil { firstFrameOfKey[key] = i }
        }
        let distinct = firstFrameOfKey.values.sorted()
        let results = try Self.inputs(of: distinct.map { strokes.drawn(at: timeline.time(at: $0)) }, options: options)
        var byKey: [DrawnKey: [Float]?] = [:]
        for (k, frame) in distinct.enumerated() { byKey[keys[frame]] = results[k] }
        let inputs = keys.map { byKey[$0] ?? nil }
        let side = 28
        let probabilities: [[Float]?] = inputs.map { input in
            input.map { network.forward(grey: $0, side: side).probabilities }
        }
        let tops: [Int?] = probabilities.map { $0.flatMap(Self.argmax) }
        self.timeline = timeline
        self.strokes = strokes
        self.inputs = inputs
        self.probabilities = probabilities
        self.flips = detector.flips(tops, fps: timeline.fps)
        let labels = network.architecture.labels
        func label(_ d: Int) -> String { d < labels.count ? labels[d] : "\(d)" }
        self.marks = flips.map { flip in
            ReplayOverlay.Mark(time: timeline.time(at: flip.frame), from: flip.from.map(label), to: label(flip.to))
        }
    }

    /// The top digit of frame `index`, or nil without a digit.
    public func top(at index: Int) -> Int? {
        guard index >= 0, index < probabilities.count, let p = probabilities[index] else { return nil }
        return Self.argmax(p)
    }

    static func argmax(_ p: [Float]) -> Int? {
        guard var best = p.indices.first else { return nil }
        for i in p.indices where p[i] > p[best] { best = i }
        return best
    }

    /// The network input of each drawing (nil when the preprocessing finds no digit), run in
    /// parallel; any other failure is rethrown.
    static func inputs(of drawings: [Strokes], options: PreprocessingOptions) throws -> [[Float]?] {
        final class Box: @unchecked Sendable {
            var results: [Result<[Float]?, any Error>]
            let lock = NSLock()
            init(_ n: Int) { results = Array(repeating: .success(nil), count: n) }
        }
        let box = Box(drawings.count)
        DispatchQueue.concurrentPerform(iterations: drawings.count) { i in
            let result = Result { () throws -> [Float]? in try input(of: drawings[i], options: options) }
            box.lock.lock()
            box.results[i] = result
            box.lock.unlock()
        }
        return try box.results.map { try $0.get() }
    }

    /// The network input of one drawing, or nil when no single digit is found in it: nothing
    /// drawn yet, or a half-drawn digit whose strokes still stand apart as pieces side by side
    /// (the preprocessing refuses those as several digits; a finished drawing refused so
    /// makes ``init(drawing:timeline:network:options:detector:)`` throw).
    public static func input(of drawing: Strokes, options: PreprocessingOptions = PreprocessingOptions()) throws -> [Float]? {
        guard drawing.pointCount > 0 else { return nil }
        let canvas = try StrokePen.canvas(drawing)
        do {
            return try Preprocessor.run(canvas: canvas, source: "strokes", options: options).values
        } catch .noDigit {
            return nil
        } catch .severalDigits {
            return nil
        }
    }
}

/// Identifies what is drawn: the number of strokes, of points, and the last point.
private struct DrawnKey: Hashable {
    var strokes: Int
    var points: Int
    var lastX: Double
    var lastY: Double

    init(_ drawing: Strokes) {
        strokes = drawing.strokes.count
        points = drawing.pointCount
        let last = drawing.strokes.last?.points.last
        lastX = last?.x ?? 0
        lastY = last?.y ?? 0
    }
}
