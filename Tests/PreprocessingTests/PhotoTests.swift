import CairoGraphics
import DigitNet
import DigitSamples
import DigitTraining
import Foundation
import Preprocessing
import Support
import TestSupport
import Testing

/// Tallies of right answers by photo condition (pen, ruling, shadow, desk, tilt).
struct ConditionTally {
    private(set) var counts: [String: (right: Int, total: Int)] = [:]
    private(set) var wrong: [String] = []

    /// Records one photo under each of its condition keys.
    mutating func add(_ style: PhotoStyle, correct: Bool, note: String) {
        let tilted = abs(style.tilt) >= 10 * .pi / 180
        let keys = [
            "all", "pen: \(style.pen.rawValue)", "lines: \(style.ruling.rawValue)",
            style.shadow == nil ? "shadow: no" : "shadow: yes", style.desk == nil ? "desk: no" : "desk: yes",
            tilted ? "tilt: 10–20°" : "tilt: < 5°", style.finger == nil ? "finger: no" : "finger: yes",
        ]
        for k in keys {
            var c = counts[k] ?? (0, 0)
            c.total += 1
            if correct { c.right += 1 }
            counts[k] = c
        }
        if !correct { wrong.append(note) }
    }

    var accuracy: Double { counts["all"].map { Double($0.right) / Double(max(1, $0.total)) } ?? 0 }

    /// One line per condition: `pen: pencil 97.9 % (47/48)`.
    var report: String {
        counts.keys.sorted().map { k in
            let c = counts[k]!
            return String(format: "  %@ %.1f %% (%d/%d)", k, Double(c.right) / Double(max(1, c.total)) * 100, c.right, c.total)
        }.joined(separator: "\n")
    }
}

/// The generated photo set: MNIST test digit `i` on photo style `seed + i`.
enum PhotoSet {
    static func photo(_ i: Int, seed: UInt64, mnist: MNISTSet) -> (canvas: Canvas, style: PhotoStyle, label: Int) {
        let style = PhotoSimulator.randomStyle(seed: seed &+ UInt64(i))
        let image = mnist.image(i % mnist.count)
        let canvas = PhotoSimulator.render(coverage: Plane(width: 28, height: 28, pixels: image.data), style: style)
        return (canvas, style, Int(mnist.labels[i % mnist.count]))
    }

    /// Writes photo `i`, its darkness plane and what was dropped (grey = line, dark = noise,
    /// black = kept ink mask) as PNGs into `dir`.
    static func writePreview(_ i: Int, seed: UInt64, mnist: MNISTSet, to dir: String) throws {
        let (canvas, style, label) = photo(i, seed: seed, mnist: mnist)
        let name = "\(dir)/photo-\(i)-\(label)-\(style.conditions.replacingOccurrences(of: " ", with: "_"))"
        try canvas.makeSurface().writePNG(to: name + ".png")
        let plane = WorkingPlane(canvasWidth: canvas.width, canvasHeight: canvas.height, side: PhotoTests.options.photoWorkingSide)
        let (p, ink) = PhotoInk.separate(plane.shrink(Grayscale.gray(canvas, over: .white)))
        let page =
            p.page.map {
                String(format: " texture %.1f bar %.1f off-page blocks %d", $0.paperTexture, $0.bar, $0.offPage.filter { $0 }.count)
            } ?? ""
        print("\(name): low \(p.lowThreshold) high \(p.highThreshold) tilt \(p.tilt * 180 / .pi) lines \(p.lines.count)" + page)
        try grey(p.darkness.pixels.map { 255 - $0 }, p.darkness.width, p.darkness.height).makeSurface().writePNG(to: name + "-darkness.png")
        let stages = zip(p.dropped.pixels, ink.pixels).map { dropped, ink -> UInt8 in
            ink ? 0 : dropped == 1 ? 150 : dropped == 2 ? 210 : 255
        }
        try grey(stages, p.dropped.width, p.dropped.height).makeSurface().writePNG(to: name + "-mask.png")
        let d: PreprocessedDigit
        do { d = try Preprocessor.run(canvas: canvas, source: name, options: PhotoTests.options) } catch { print("\(error)"); return }
        var field = [UInt8](repeating: 0, count: 28 * 28)
        for k in 0..<784 { field[k] = UInt8(255 * d.values[k]) }
        try grey(field, 28, 28).makeSurface().writePNG(to: name + "-field.png")
    }

    static func grey(_ values: [UInt8], _ w: Int, _ h: Int) -> Canvas {
        var bgra = [UInt8](repeating: 255, count: w * h * 4)
        for i in 0..<(w * h) { bgra[4 * i] = values[i]; bgra[4 * i + 1] = values[i]; bgra[4 * i + 2] = values[i] }
        return Canvas(width: w, height: h, bgra: bgra)
    }

    /// Runs `count` photos through `preprocess` and the network.
    static func measure(
        count: Int, start: Int = 0, seed: UInt64, mnist: MNISTSet, network: Network,
        preprocess: (Canvas, String) throws -> PreprocessedDigit
    ) -> ConditionTally {
        var tally = ConditionTally()
        for i in start..<(start + count) {
            let (canvas, style, label) = photo(i, seed: seed, mnist: mnist)
            let name = "photo \(i) (\(style.conditions))"
            var predicted = -1, why = ""
            do { predicted = TestData.predict(try preprocess(canvas, name), with: network) } catch {
                let kind = "\(error)"
                why = kind.contains("side by side") ? " (several digits)" : kind.contains("no digit") ? " (no digit)" : " (\(kind))"
            }
            tally.add(
                style, correct: predicted == label,
                note: "\(i): \(label)→\(predicted < 0 ? "none" + why : String(predicted)) [\(style.conditions)]")
        }
        return tally
    }
}

@Suite("Photographed digits", .serialized)
struct PhotoTests {
    @Test("the photo simulator is deterministic and varied")
    func simulatorDeterministic() throws {
        let coverage = try PhotoSimulator.drawnCoverage(digit: 3, seed: 5)
        let style = PhotoSimulator.randomStyle(seed: 42)
        let a = PhotoSimulator.render(coverage: coverage, style: style)
        let b = PhotoSimulator.render(coverage: coverage, style: style)
        #expect(a == b)
        #expect((640...1000).contains(a.width) && (640...1000).contains(a.height))
        let styles = (0..<300).map { PhotoSimulator.randomStyle(seed: UInt64($0)) }
        #expect(Set(styles.map(\.pen)).count == 3)
        #expect(Set(styles.map(\.ruling)).count == 3)
        let shadowShare = Double(styles.filter { $0.shadow != nil }.count) / 300
        #expect(shadowShare > 0.4 && shadowShare < 0.6)
        let lined = Double(styles.filter { $0.ruling != .plain }.count) / 300
        #expect(lined > 0.56 && lined < 0.76)
    }

    @Test("clean canvases (the bundled samples, drawn styles) keep their exact network inputs")
    func cleanCanvasesUnchanged() throws {
        var clean = PreprocessingOptions()
        clean.page = .clean
        var canvases: [(String, Canvas)] = try (0...9).map {
            ("sample:\($0)", try DrawnDigits.canvas(digit: $0, style: DrawnDigits.sampleStyle(digit: $0)))
        }
        for seed in 0..<60 {
            canvases.append(
                ("drawn #\(seed)", try DrawnDigits.canvas(digit: seed % 10, style: DrawnDigits.randomStyle(seed: UInt64(seed)))))
        }
        for (name, canvas) in canvases {
            let automatic = try Preprocessor.run(canvas: canvas, source: name)
            let globalThreshold = try Preprocessor.run(canvas: canvas, source: name, options: clean)
            #expect(automatic.photo == nil, "\(name) was taken for a photo")
            #expect(automatic.values == globalThreshold.values, "\(name): the 28×28 input changed")
        }
    }

    @Test("a photo is taken for a photo, its light divided out and its printed lines found")
    func photoStages() throws {
        var style = PhotoSimulator.randomStyle(seed: 3)
        style.ruling = .graph
        style.shadow = PhotoShadow(angle: 0.3, offset: 0, depth: 0.5, softness: 40)
        style.tilt = 0.25
        let canvas = PhotoSimulator.render(coverage: try PhotoSimulator.drawnCoverage(digit: 4, seed: 9), style: style)
        let d = try Preprocessor.run(canvas: canvas, source: "photo")
        let photo = try #require(d.photo, "a shaded graph-paper photo should take the photo path")
        #expect(photo.illumination.inkIsDark)
        #expect(photo.lines.contains { $0.across } && photo.lines.contains { !$0.across })
        #expect(abs(photo.tilt - 0.25) < 0.02, "tilt \(photo.tilt)")
        #expect(photo.linePixels > 0)
        expectWellFormed(d)
    }

    /// The seed of the photo styles: 7000, or `CNNVIZ_PHOTO_SEED` (a second set to check that
    /// nothing was tuned to the first).
    static var seed: UInt64 { ProcessInfo.processInfo.environment["CNNVIZ_PHOTO_SEED"].flatMap(UInt64.init) ?? 7000 }

    /// The options the photo tests run with: the defaults, or with `CNNVIZ_PHOTO_SIDE` (a
    /// diagnosis knob) as the working side (a large value separates at full resolution).
    static var options: PreprocessingOptions {
        var o = PreprocessingOptions()
        if let side = ProcessInfo.processInfo.environment["CNNVIZ_PHOTO_SIDE"].flatMap(Int.init) { o.photoWorkingSide = side }
        return o
    }

    @Test(
        "photos of MNIST digits (pencil, pens, lines, shadows, tilt, desk, fingers) are read ≥ 98 % (target 99 %)",
        .requiresMNIST)
    func photoAccuracy() throws {
        let set = try TestData.mnistTest()
        let network = try Fixtures.network()
        let count = Int(ProcessInfo.processInfo.environment["CNNVIZ_PHOTO_COUNT"] ?? "") ?? 100
        let start = Int(ProcessInfo.processInfo.environment["CNNVIZ_PHOTO_START"] ?? "") ?? 0
        if let dir = ProcessInfo.processInfo.environment["CNNVIZ_PHOTO_PREVIEW"] {
            let which = (ProcessInfo.processInfo.environment["CNNVIZ_PHOTO_PREVIEW_LIST"] ?? "").split(separator: ",").compactMap {
                Int($0)
            }
            for i in which.isEmpty ? Array(0..<12) : which { try PhotoSet.writePreview(i, seed: Self.seed, mnist: set, to: dir) }
        }
        if ProcessInfo.processInfo.environment["CNNVIZ_PHOTO_BEFORE"] != nil {
            var before = PreprocessingOptions()
            before.page = .clean
            let old = PhotoSet.measure(count: count, start: start, seed: Self.seed, mnist: set, network: network) { canvas, name in
                try Preprocessor.run(canvas: canvas, source: name, options: before)
            }
            print(
                String(format: "photo set, one global threshold (the clean-canvas path): %.1f %% of %d\n", old.accuracy * 100, count)
                    + old.report)
        }
        let options = Self.options
        let tally = PhotoSet.measure(count: count, start: start, seed: Self.seed, mnist: set, network: network) { canvas, name in
            try Preprocessor.run(canvas: canvas, source: name, options: options)
        }
        print(
            String(format: "photo set: %.1f %% of %d\n", tally.accuracy * 100, count) + tally.report
                + (tally.wrong.isEmpty ? "" : "\n  wrong: " + tally.wrong.joined(separator: "; ")))
        // The issue's target is 99 %; these 100 read 99 % with the weights of ea9f78a (the full
        // 300 with CNNVIZ_PHOTO_COUNT=300: 99.3 %, also with CNNVIZ_PHOTO_SEED=9100; one global
        // threshold: about 33 %). The bar leaves one photo for a retrained network.
        #expect(tally.accuracy >= 0.98)
    }

    @Test(
        "the same photos as sideways phone JPEGs (EXIF orientation 6, 8 or 3) are read ≥ 97.5 %",
        .requiresMNIST)
    func sidewaysJPEGAccuracy() throws {
        let set = try TestData.mnistTest()
        let network = try Fixtures.network()
        let count = Int(ProcessInfo.processInfo.environment["CNNVIZ_PHOTO_JPEG_COUNT"] ?? "") ?? 40
        let scratch = try ScratchFolder("photo-jpeg")
        defer { scratch.remove() }
        let orientations: [EXIFOrientation] = [.right, .left, .upsideDown]
        let options = Self.options
        let tally = PhotoSet.measure(count: count, seed: Self.seed, mnist: set, network: network) { canvas, name in
            let i = Int(name.split(separator: " ")[1]) ?? 0
            let path = scratch.file("photo-\(i).jpg").path
            let bytes = try PhotoSimulator.phoneJPEG(canvas, orientation: orientations[i % 3], quality: 80 + i % 15)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let upright = try CanvasDecoder.decode(file: path)
            #expect(upright.width == canvas.width && upright.height == canvas.height, "\(name): not turned upright")
            return try Preprocessor.run(file: path, options: options)
        }
        print(
            String(format: "sideways phone JPEGs: %.1f %% of %d\n", tally.accuracy * 100, count) + tally.report
                + (tally.wrong.isEmpty ? "" : "\n  wrong: " + tally.wrong.joined(separator: "; ")))
        // The issue's target is 97.5 %; these 40 read 100 % with the weights of ea9f78a (200:
        // 99.0 %, also with CNNVIZ_PHOTO_SEED=9100; the first 100: 98 %; see the README's photo
        // table). The bar allows one miss.
        #expect(tally.accuracy >= 0.975)
    }
}
