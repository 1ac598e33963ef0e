import CairoGraphics
import DigitNet
import DigitSamples
import DigitTraining
import Foundation
import Preprocessing
import TestSupport
import Testing

/// A diagnosis knob, not a check: with `CNNVIZ_PHOTO_DIAGNOSE=DIR` (and `MNIST_DIR`), the photos
/// `CNNVIZ_PHOTO_START`..<+`CNNVIZ_PHOTO_COUNT` of `CNNVIZ_PHOTO_SEED` are read upright (PNG
/// path) and as sideways phone JPEGs, one line each is printed, and for every photo either path
/// misreads (or `CNNVIZ_PHOTO_DIAGNOSE_ALL` set) a colour map of its working plane is written:
/// white paper, black ink kept as the digit, blue ink left out as touching the border, red ink
/// left out as off the page, orange other ink not kept, grey printed lines, pink noise dropped,
/// yellow tint on off-page blocks.
@Suite("Photo diagnosis (CNNVIZ_PHOTO_DIAGNOSE)", .serialized)
struct PhotoDiagnosis {
    @Test(
        "write diagnosis maps of misread photos", .requiresMNIST,
        .enabled(if: ProcessInfo.processInfo.environment["CNNVIZ_PHOTO_DIAGNOSE"] != nil, "a diagnosis knob: set CNNVIZ_PHOTO_DIAGNOSE=DIR")
    )
    func diagnose() throws {
        let env = ProcessInfo.processInfo.environment
        let dir = try #require(env["CNNVIZ_PHOTO_DIAGNOSE"])
        let set = try TestData.mnistTest()
        let network = try Fixtures.network()
        let count = Int(env["CNNVIZ_PHOTO_COUNT"] ?? "") ?? 100
        let start = Int(env["CNNVIZ_PHOTO_START"] ?? "") ?? 0
        let jpegs = env["CNNVIZ_PHOTO_DIAGNOSE_JPEG"] != nil
        let all = env["CNNVIZ_PHOTO_DIAGNOSE_ALL"] != nil
        let seed = PhotoTests.seed
        let orientations: [EXIFOrientation] = [.right, .left, .upsideDown]
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for i in start..<(start + count) {
            let (canvas, style, label) = PhotoSet.photo(i, seed: seed, mnist: set)
            var line = "\(i) label \(label) [\(style.conditions)]"
            let png = Self.read(canvas, network: network)
            line += " png \(png.answer)"
            var jpegCanvas: Canvas? = nil
            var jpeg: (answer: String, right: Bool)? = nil
            if jpegs {
                let bytes = try PhotoSimulator.phoneJPEG(canvas, orientation: orientations[i % 3], quality: 80 + i % 15)
                let path = "\(dir)/.tmp-\(i).jpg"
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                let decoded = try CanvasDecoder.decode(file: path)
                try? FileManager.default.removeItem(atPath: path)
                jpegCanvas = decoded
                let r = Self.read(decoded, network: network)
                jpeg = (r.answer, r.answer == String(label))
                line += " jpeg \(r.answer)"
            }
            let wrong = png.answer != String(label) || (jpeg.map { !$0.right } ?? false)
            print(line + (wrong ? "  WRONG" : ""))
            guard wrong || all else { continue }
            let name = "\(dir)/\(i)-\(label)"
            try canvas.makeSurface().writePNG(to: name + "-photo.png")
            try Self.map(canvas).makeSurface().writePNG(to: name + "-png-map.png")
            if let jpegCanvas { try Self.map(jpegCanvas).makeSurface().writePNG(to: name + "-jpeg-map.png") }
            for file in [name + "-photo.png", name + "-png-map.png"] + (jpegCanvas == nil ? [] : [name + "-jpeg-map.png"]) {
                #expect(FileManager.default.fileExists(atPath: file), "\(file) was not written")
            }
        }
    }

    /// The answer on one canvas: the digit, or why none.
    static func read(_ canvas: Canvas, network: Network) -> (answer: String, digit: PreprocessedDigit?) {
        do {
            let d = try Preprocessor.run(canvas: canvas, source: "photo", options: PhotoTests.options)
            return (String(TestData.predict(d, with: network)), d)
        } catch {
            let kind = "\(error)"
            return (kind.contains("side by side") ? "several" : kind.contains("no digit") ? "none" : kind, nil)
        }
    }

    /// The colour map of a canvas's working plane (see the suite's description), with the
    /// separation's numbers printed.
    static func map(_ canvas: Canvas) -> Canvas {
        let plane = WorkingPlane(canvasWidth: canvas.width, canvasHeight: canvas.height, side: PhotoTests.options.photoWorkingSide)
        let (p, ink) = PhotoInk.separate(plane.shrink(Grayscale.gray(canvas, over: .white)))
        let w = ink.width, h = ink.height
        let labelled = Components.label(Plane(width: w, height: h, pixels: ink.pixels.map { $0 ? 1 : 0 }), ink: (0..<256).map { $0 == 1 })
        let offPage = p.offPagePieces(labelled)
        let border = labelled.components.map { $0.bounds.x == 0 || $0.bounds.y == 0 || $0.bounds.maxX >= w || $0.bounds.maxY >= h }
        // Which component the digit was taken from (as the pipeline does: inner pieces, then the largest's group).
        let inner = labelled.components.filter { !border[Int($0.label)] && !offPage[Int($0.label)] }
        var rule = Components.SpeckRule()
        rule.keepShare = .infinity
        let judged = Components.removeSpecks(inner.isEmpty ? labelled.components : inner, rule: rule)
        var kept = [Bool](repeating: false, count: labelled.components.count)
        for c in judged where c.kept { kept[Int(c.label)] = true }
        var owner = [Int32](repeating: -1, count: w * h)
        for run in labelled.runs { for x in Int(run.x0)..<Int(run.x1) { owner[Int(run.y) * w + x] = run.component } }
        var bgra = [UInt8](repeating: 255, count: w * h * 4)
        for y in 0..<h {
            for x in 0..<w {
                let i = y * w + x
                var (r, g, b): (UInt8, UInt8, UInt8) = (255, 255, 255)
                if p.page?.isOffPage(x, y) == true { (r, g, b) = (255, 245, 170) }
                if p.dropped.pixels[i] == 1 { (r, g, b) = (150, 150, 150) }
                if p.dropped.pixels[i] == 2 { (r, g, b) = (250, 170, 200) }
                let c = Int(owner[i])
                if c >= 0 {
                    (r, g, b) = kept[c] ? (0, 0, 0) : border[c] ? (40, 80, 230) : offPage[c] ? (220, 20, 20) : (240, 140, 0)
                }
                bgra[4 * i] = b; bgra[4 * i + 1] = g; bgra[4 * i + 2] = r
            }
        }
        let page =
            p.page.map {
                String(format: " texture %.1f bar %.1f off-page blocks %d", $0.paperTexture, $0.bar, $0.offPage.filter { $0 }.count)
            } ?? ""
        print(
            "    map \(w)×\(h): low \(p.lowThreshold) high \(p.highThreshold) tilt \(String(format: "%.1f", p.tilt * 180 / .pi))° lines \(p.lines.count)"
                + page + " pieces \(labelled.components.count) kept \(kept.filter { $0 }.count) dark-ink \(p.illumination.inkIsDark)")
        return Canvas(width: w, height: h, bgra: bgra)
    }
}
