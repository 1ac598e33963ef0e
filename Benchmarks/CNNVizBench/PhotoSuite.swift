import CairoGraphics
import DigitNet
import DigitSamples
import DigitTraining
import Foundation
import Preprocessing

/// Photographed digits: a 1000×1000 simulated photo (ballpoint on ruled paper, light falling
/// off and a soft shadow across the digit) from pixels to prediction, beside a clean 1000×1000
/// drawn canvas in the same run (the bar: photo ≤ 2× canvas); then, with `MNIST_DIR`, the
/// accuracy on `PHOTO_COUNT` (default 400) simulated photos by condition, with today's global
/// threshold (`page = .clean`) beside the photo path.
func photoSuite() throws -> [Row] {
    let network = try Network(.lenet, weights: .bundled)
    func predict(_ canvas: Canvas, _ options: PreprocessingOptions = PreprocessingOptions()) throws -> Int {
        let d = try Preprocessor.run(canvas: canvas, source: "bench", options: options)
        return network.forward(Tensor(shape: [1, 28, 28], data: d.values)).prediction
    }
    let clean = try DrawnDigits.canvas(
        digit: 8,
        style: DrawnDigitStyle(
            canvasWidth: 1000, canvasHeight: 1000, paper: RGBA(1, 1, 1), ink: RGBA(0, 0, 0), size: 0.7, penWidth: 0.1))
    var style = PhotoSimulator.randomStyle(seed: 11)
    style.width = 1000; style.height = 1000; style.pen = .ballpoint; style.ruling = .ruled
    style.ink = RGBA(0.1, 0.18, 0.55); style.inkStrength = 0.85; style.digitField = 450; style.centreX = 0.5; style.centreY = 0.5
    style.shadow = PhotoShadow(angle: 0.4, offset: 0, depth: 0.45, softness: 60)
    let photo = PhotoSimulator.render(coverage: try PhotoSimulator.drawnCoverage(digit: 8, seed: 4), style: style)
    let canvasTime = try measure(runs: 20, warmup: 3) { _ = try predict(clean) }
    let photoTime = try measure(runs: 20, warmup: 3) { _ = try predict(photo) }
    var rows = [
        Row(
            benchmark: "photo 1000×1000 → prediction (light, lines, components, network)", median: formatSeconds(photoTime.median),
            detail: String(
                format: "clean 1000×1000 canvas → prediction %@; photo / canvas = %.2f× (bar ≤ 2×); predicted %d (8 drawn)",
                formatSeconds(canvasTime.median), photoTime.median / canvasTime.median, try predict(photo)))
    ]
    guard let dir = MNIST.directoryFromEnvironment else {
        rows.append(Row(benchmark: "photo set accuracy", median: "skipped", detail: "MNIST_DIR not set"))
        return rows
    }
    let test = try MNIST.load(directory: dir, split: .test)
    let count = Int(ProcessInfo.processInfo.environment["PHOTO_COUNT"] ?? "") ?? 400
    var globalThreshold = PreprocessingOptions()
    globalThreshold.page = .clean
    var tallies: [String: (before: Int, after: Int, total: Int)] = [:]
    for i in 0..<count {
        // A different stretch of the test set and of styles than the tests use.
        let k = (5000 + i * 7) % test.count
        let s = PhotoSimulator.randomStyle(seed: 90_000 &+ UInt64(i))
        let canvas = PhotoSimulator.render(coverage: Plane(width: 28, height: 28, pixels: test.image(k).data), style: s)
        let label = Int(test.labels[k])
        let before = ((try? predict(canvas, globalThreshold)) ?? -1) == label
        let after = ((try? predict(canvas)) ?? -1) == label
        let tilted = abs(s.tilt) >= 10 * .pi / 180
        for key in [
            "all", "pen: \(s.pen.rawValue)", "lines: \(s.ruling.rawValue)", "shadow: \(s.shadow == nil ? "no" : "yes")",
            "desk: \(s.desk == nil ? "no" : "yes")", tilted ? "tilt: 10–20°" : "tilt: < 5°",
        ] {
            var t = tallies[key] ?? (0, 0, 0)
            t.total += 1
            if before { t.before += 1 }
            if after { t.after += 1 }
            tallies[key] = t
        }
    }
    for key in tallies.keys.sorted() {
        let t = tallies[key]!
        rows.append(
            Row(
                benchmark: "photo set \(key)", median: String(format: "%.1f %%", Double(t.after) / Double(t.total) * 100),
                detail: String(format: "%d/%d; one global threshold %.1f %%", t.after, t.total, Double(t.before) / Double(t.total) * 100)))
    }
    return rows
}
