import CairoGraphics
import DigitNet
import DigitSamples
import DigitTraining
import Foundation
import Preprocessing

/// Photographed digits. Timing: a 1000×1000 simulated phone photo (ballpoint on ruled paper,
/// light falling off and a soft shadow across the digit) stored as a JPEG, from file to
/// prediction, beside a clean 1000×1000 drawn PNG from file to prediction, the two timed in
/// alternation in the same run (the bar: photo ≤ 2× clean); the same from decoded canvases;
/// and JPEG decode beside PNG decode. Then, with `MNIST_DIR`, the accuracy on `PHOTO_COUNT`
/// (default 200) simulated photos by condition, with one global threshold (`page = .clean`,
/// the path before photos were handled) beside the photo path.
func photoSuite() throws -> [Row] {
    let network = try Network(.lenet, weights: .bundled)
    func predict(_ d: PreprocessedDigit) -> Int { network.forward(Tensor(shape: [1, 28, 28], data: d.values)).prediction }
    func predict(_ canvas: Canvas, _ options: PreprocessingOptions = PreprocessingOptions()) throws -> Int {
        predict(try Preprocessor.run(canvas: canvas, source: "bench", options: options))
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

    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
        "cnnviz-photo-bench-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let pngPath = dir.appendingPathComponent("clean.png").path
    try clean.makeSurface().writePNG(to: pngPath)
    let jpegPath = dir.appendingPathComponent("photo.jpg").path
    try Data(PhotoSimulator.phoneJPEG(photo, orientation: .up, quality: 90)).write(to: URL(fileURLWithPath: jpegPath))

    // Alternating runs: both sides see the same machine load.
    func paired(runs: Int, _ a: () throws -> Void, _ b: () throws -> Void) rethrows -> (Stats, Stats, Stats) {
        for _ in 0..<3 { try a(); try b() }
        var ta: [Double] = [], tb: [Double] = [], ratio: [Double] = []
        for _ in 0..<runs {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try a()
            let t1 = DispatchTime.now().uptimeNanoseconds
            try b()
            let t2 = DispatchTime.now().uptimeNanoseconds
            ta.append(Double(t1 - t0) / 1e9); tb.append(Double(t2 - t1) / 1e9); ratio.append(Double(t2 - t1) / Double(t1 - t0))
        }
        return (Stats(samples: ta), Stats(samples: tb), Stats(samples: ratio))
    }
    let (cleanFile, photoFile, fileRatio) = try paired(
        runs: 30, { _ = predict(try Preprocessor.run(file: pngPath)) }, { _ = predict(try Preprocessor.run(file: jpegPath)) })
    let (cleanCanvas, photoCanvas, canvasRatio) = try paired(runs: 30, { _ = try predict(clean) }, { _ = try predict(photo) })
    let (pngDecode, jpegDecode, decodeRatio) = try paired(
        runs: 30, { _ = try CanvasDecoder.decode(file: pngPath) }, { _ = try CanvasDecoder.decode(file: jpegPath) })
    var rows = [
        Row(
            benchmark: "photo 1000×1000 JPEG file → prediction", median: formatSeconds(photoFile.median),
            detail: String(
                format:
                    "clean 1000×1000 PNG file → prediction %@; photo / clean = %.2f× (median of paired ratios; bar ≤ 2×); predicted %d (8 drawn)",
                formatSeconds(cleanFile.median), fileRatio.median, try predict(photo))),
        Row(
            benchmark: "photo 1000×1000 canvas → prediction (light, lines, components, network)", median: formatSeconds(photoCanvas.median),
            detail: String(
                format: "clean 1000×1000 canvas → prediction %@; photo / clean = %.2f×", formatSeconds(cleanCanvas.median),
                canvasRatio.median)),
        Row(
            benchmark: "JPEG decode 1000×1000 (libjpeg-turbo, quality 90)", median: formatSeconds(jpegDecode.median),
            detail: String(
                format: "PNG decode of the clean 1000×1000 %@; JPEG / PNG = %.2f×", formatSeconds(pngDecode.median), decodeRatio.median)),
    ]
    guard let mnistDir = MNIST.directoryFromEnvironment else {
        rows.append(Row(benchmark: "photo set accuracy", median: "skipped", detail: "MNIST_DIR not set"))
        return rows
    }
    let test = try MNIST.load(directory: mnistDir, split: .test)
    let count = Int(ProcessInfo.processInfo.environment["PHOTO_COUNT"] ?? "") ?? 200
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
            "desk: \(s.desk == nil ? "no" : "yes")", tilted ? "tilt: 10–20°" : "tilt: < 5°", "finger: \(s.finger == nil ? "no" : "yes")",
        ] {
            var t = tallies[key] ?? (0, 0, 0)
            t.total += 1
            if before { t.before += 1 }
            if after { t.after += 1 }
            tallies[key] = t
        }
    }
    for key in tallies.keys.sorted() {
        guard let t = tallies[key] else { continue }
        rows.append(
            Row(
                benchmark: "photo set \(key)", median: String(format: "%.1f %%", Double(t.after) / Double(t.total) * 100),
                detail: String(format: "%d/%d; one global threshold %.1f %%", t.after, t.total, Double(t.before) / Double(t.total) * 100)))
    }
    return rows
}
