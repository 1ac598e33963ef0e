import CairoGraphics
import Foundation
import Preprocessing
import Support
import TestSupport
import Testing

/// Checks that hold for any successful preprocessing.
func expectWellFormed(_ d: PreprocessedDigit, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(d.values.count == 784, sourceLocation: sourceLocation)
    #expect(d.values.allSatisfy { $0 >= 0 && $0 <= 1 }, sourceLocation: sourceLocation)
    #expect(max(d.box.width, d.box.height) == 20, sourceLocation: sourceLocation)
    #expect(abs(d.placement.centreOfMassX - 14) <= 1.0, sourceLocation: sourceLocation)
    #expect(abs(d.placement.centreOfMassY - 14) <= 1.0, sourceLocation: sourceLocation)
    #expect((d.values.max() ?? 0) > 0.9, "the strongest ink should be near full strength", sourceLocation: sourceLocation)
}

@Suite("Polarity and colour")
struct PolarityTests {
    @Test(
        "black on white, white on black and coloured ink give the same digit",
        arguments: [
            (RGBA(1, 1, 1), RGBA(0, 0, 0)), (RGBA(0, 0, 0), RGBA(1, 1, 1)),
            (RGBA(0.98, 0.96, 0.88), RGBA(0.1, 0.25, 0.8)), (RGBA(0.16, 0.2, 0.22), RGBA(0.92, 0.92, 0.85)),
            (RGBA(1, 1, 1), RGBA(0.8, 0.1, 0.15)), (RGBA(0.8, 0.8, 0.8), RGBA(0.3, 0.3, 0.3)),
        ])
    func polarity(paper: RGBA, ink: RGBA) throws {
        let reference = try Preprocessor.run(canvas: Draw.canvas(300, 300) { Draw.seven($0, x: 80, y: 60, size: 180) }, source: "ref")
        let canvas = try Draw.canvas(300, 300, paper: paper, ink: ink) { Draw.seven($0, x: 80, y: 60, size: 180) }
        let d = try Preprocessor.run(canvas: canvas, source: "colour")
        expectWellFormed(d)
        let inkIsDarker = (0.2126 * ink.r + 0.7152 * ink.g + 0.0722 * ink.b) < (0.2126 * paper.r + 0.7152 * paper.g + 0.0722 * paper.b)
        #expect(d.separation.inkIsDark == inkIsDarker)
        #expect(d.separation.decidedByBorder)
        let diff = zip(d.values, reference.values).map { abs($0 - $1) }.reduce(0, +) / 784
        #expect(diff < 0.03, "mean difference to black-on-white was \(diff)")
    }

    @Test("a digit filling most of the canvas still finds the background from the border")
    func bigInkShare() throws {
        let canvas = try Draw.canvas(100, 100, pen: 40) { Draw.line($0, [(22, 22), (78, 22), (42, 78)]) }
        #expect(Otsu.separate(Grayscale.gray(canvas, over: .white))?.inkPixels ?? 0 > 5000, "ink should be the majority here")
        let d = try Preprocessor.run(canvas: canvas, source: "big")
        #expect(d.separation.inkIsDark)
        expectWellFormed(d)
    }
}

@Suite("Transparency")
struct AlphaTests {
    @Test("dark ink on a transparent layer is composited over white")
    func darkInkTransparent() throws {
        let canvas = try Draw.canvas(300, 300, paper: nil) { Draw.seven($0, x: 80, y: 60, size: 180) }
        #expect(canvas.hasTransparency)
        let d = try Preprocessor.run(canvas: canvas, source: "alpha-dark")
        #expect(d.canvasColour == .white)
        #expect(d.separation.inkIsDark)
        expectWellFormed(d)
    }

    @Test("white ink on a transparent layer is composited over black")
    func lightInkTransparent() throws {
        let canvas = try Draw.canvas(300, 300, paper: nil, ink: RGBA(1, 1, 1)) { Draw.seven($0, x: 80, y: 60, size: 180) }
        let d = try Preprocessor.run(canvas: canvas, source: "alpha-light")
        #expect(d.canvasColour == .black)
        #expect(!d.separation.inkIsDark)
        expectWellFormed(d)
    }

    @Test("half-transparent ink still counts as ink")
    func translucentInk() throws {
        let canvas = try Draw.canvas(300, 300, paper: nil, ink: RGBA(0, 0, 0, 0.5)) { Draw.seven($0, x: 80, y: 60, size: 180) }
        expectWellFormed(try Preprocessor.run(canvas: canvas, source: "alpha-half"))
    }
}

@Suite("Specks and strokes")
struct ComponentTests {
    @Test("a stray click away from the digit is dropped")
    func speckDropped() throws {
        let clean = try Preprocessor.run(canvas: Draw.canvas(400, 400) { Draw.seven($0, x: 60, y: 60, size: 200) }, source: "clean")
        let canvas = try Draw.canvas(400, 400) { cr in
            Draw.seven(cr, x: 60, y: 60, size: 200)
            Draw.dot(cr, 370, 370, 5)
        }
        let d = try Preprocessor.run(canvas: canvas, source: "speck")
        #expect(d.components.count == 2)
        #expect(d.droppedComponents.count == 1)
        #expect(d.boundingBox == clean.boundingBox)
        #expect(d.values == clean.values)
        #expect(d.inkMask.pixels.contains(2), "dropped ink is marked in the mask for illustration")
    }

    @Test("several scattered specks and noise pixels are all dropped")
    func manySpecks() throws {
        let canvas = try Draw.canvas(500, 400) { cr in
            Draw.seven(cr, x: 150, y: 100, size: 200)
            for (x, y) in [(20.0, 20.0), (480, 30), (470, 380), (25, 370)] { Draw.dot(cr, x, y, 3) }
            cr.rectangle(250, 5, 1, 1); cr.fill()
        }
        let d = try Preprocessor.run(canvas: canvas, source: "specks")
        #expect(d.components.filter(\.kept).count == 1)
        expectWellFormed(d)
    }

    @Test("digits drawn in several strokes stay whole", arguments: ["4", "5", "7-bar", "dotted-1"])
    func multiStroke(_ digit: String) throws {
        let canvas = try Draw.canvas(400, 400, pen: 14) { cr in
            switch digit {
            case "4":
                Draw.line(cr, [(120, 80), (100, 230), (225, 230)])  // pen lifted before the stem
                Draw.line(cr, [(250, 90), (250, 330)])
            case "5":
                Draw.line(cr, [(150, 90), (280, 90)])  // bar, lifted pen
                Draw.line(cr, [(145, 110), (135, 200), (230, 195), (260, 250), (230, 310), (130, 310)])
            case "7-bar":
                Draw.seven(cr, x: 100, y: 80, size: 240)
                Draw.line(cr, [(120, 200), (170, 200)])  // a short bar that misses the stem
            default:
                for y in stride(from: 80.0, to: 320, by: 40) { Draw.line(cr, [(200, y), (200, y + 22)]) }
            }
        }
        let d = try Preprocessor.run(canvas: canvas, source: digit)
        #expect(d.components.count >= 2)
        #expect(d.droppedComponents.isEmpty, "\(digit): dropped \(d.droppedComponents)")
        expectWellFormed(d)
    }

    @Test("the outline is the boundary of the kept ink")
    func outline() throws {
        let canvas = try Draw.canvas(200, 200, paper: RGBA(1, 1, 1), ink: RGBA(0, 0, 0)) { cr in
            cr.setAntialias(false)
            cr.rectangle(50, 60, 40, 30); cr.fill()
        }
        let d = try Preprocessor.run(canvas: canvas, source: "rect")
        #expect(d.boundingBox == PixelRect(x: 50, y: 60, width: 40, height: 30))
        #expect(d.outline.count == 2 * 40 + 2 * 28)
        #expect(d.outline.allSatisfy { $0.x == 50 || $0.x == 89 || $0.y == 60 || $0.y == 89 })
    }
}

@Suite("Geometry of the canvas")
struct GeometryTests {
    @Test("a digit touching the canvas border")
    func touchingBorder() throws {
        let canvas = try Draw.canvas(200, 200, pen: 16) { Draw.line($0, [(0, 0), (200, 0), (60, 200)]) }
        let d = try Preprocessor.run(canvas: canvas, source: "border")
        #expect(d.boundingBox.x == 0 && d.boundingBox.y == 0 && d.boundingBox.maxY == 200)
        expectWellFormed(d)
    }

    @Test("non-square canvases, wide and tall", arguments: [(1200, 240), (240, 1200)])
    func nonSquare(width: Int, height: Int) throws {
        let size = Double(min(width, height)) * 0.7
        let canvas = try Draw.canvas(width, height, pen: size / 10) {
            Draw.seven($0, x: Double(width) * 0.6, y: Double(height) * 0.15, size: size)
        }
        expectWellFormed(try Preprocessor.run(canvas: canvas, source: "non-square"))
    }

    @Test("a tiny canvas is enlarged smoothly")
    func tiny() throws {
        let canvas = try Draw.canvas(16, 16, pen: 2) { Draw.seven($0, x: 4, y: 2, size: 12) }
        let d = try Preprocessor.run(canvas: canvas, source: "tiny")
        expectWellFormed(d)
        #expect(d.values.filter { $0 > 0 }.count > 30)
    }

    @Test("a huge canvas (24 megapixels) through a PNG file")
    func huge() throws {
        let scratch = try ScratchFolder("pre-huge")
        defer { scratch.remove() }
        let dir = scratch.path
        let canvas = try Draw.canvas(6000, 4000, pen: 120) { Draw.seven($0, x: 2000, y: 600, size: 2600) }
        let path = try Draw.png(canvas, in: dir, "huge.png")
        expectWellFormed(try Preprocessor.run(file: path))
    }

    @Test("a canvas above the pixel limit is refused before decoding")
    func overLimit() throws {
        let scratch = try ScratchFolder("pre-limit")
        defer { scratch.remove() }
        let dir = scratch.path
        let path = try Draw.png(try Draw.canvas(300, 300) { Draw.seven($0, x: 80, y: 60, size: 180) }, in: dir, "big.png")
        var limits = DecodeLimits()
        limits.maxPixels = 50_000
        #expect(throws: PreprocessingError.imageTooLarge(file: path, width: 300, height: 300, pixelLimit: 50_000, sideLimit: 32_767)) {
            try CanvasDecoder.decode(file: path, limits: limits)
        }
        // a header promising 100,000 × 100,000 pixels, with no pixel data at all
        var bytes = PNGHeader.signature + [0, 0, 0, 13] + Array("IHDR".utf8)
        bytes += [0x00, 0x01, 0x86, 0xA0, 0x00, 0x01, 0x86, 0xA0, 8, 6, 0, 0, 0, 0, 0, 0, 0]
        let liar = (dir as NSString).appendingPathComponent("liar.png")
        _ = FileManager.default.createFile(atPath: liar, contents: Data(bytes))
        #expect(
            throws: PreprocessingError.imageTooLarge(file: liar, width: 100_000, height: 100_000, pixelLimit: 50_000_000, sideLimit: 32_767)
        ) {
            try Preprocessor.run(file: liar)
        }
    }
}

@Suite("Stroke width")
struct StrokeWidthTests {
    @Test("very thin and very thick strokes are brought toward MNIST's band", arguments: [1.0, 3.0, 60.0, 110.0])
    func normalised(pen: Double) throws {
        let canvas = try Draw.canvas(1000, 1000, pen: pen) { Draw.seven($0, x: 280, y: 150, size: 650) }
        let d = try Preprocessor.run(canvas: canvas, source: "pen-\(pen)")
        expectWellFormed(d)
        #expect(d.strokeWidth.result >= 1.5 && d.strokeWidth.result <= 3.6, "pen \(pen): \(d.strokeWidth)")
        var off = PreprocessingOptions()
        off.strokeNormalisation = nil
        let raw = try Preprocessor.run(canvas: canvas, source: "pen-\(pen)", options: off)
        #expect(raw.strokeWidth.radius == 0)
        #expect(abs(raw.strokeWidth.measured - d.strokeWidth.measured) < 1e-9)
    }

    @Test("the width estimate is close for a straight bar")
    func estimate() {
        var mask = Plane<Bool>(width: 200, height: 50, repeating: false)
        for y in 20..<26 { for x in 10..<190 { mask[x, y] = true } }
        let (a, e) = StrokeWidth.areaAndEdges(mask)
        // a horizontal bar only has axis-aligned edges, so the π/4 factor overestimates by 4/π.
        #expect(abs(StrokeWidth.estimate(area: a, edges: e) * .pi / 4 - 6) < 0.3)
    }

    @Test("the distance transform matches brute force")
    func distance() {
        var seed = Plane<Bool>(width: 17, height: 13, repeating: false)
        seed[3, 4] = true; seed[12, 9] = true; seed[16, 0] = true
        let d = StrokeWidth.squaredDistance(to: seed)
        for y in 0..<13 {
            for x in 0..<17 {
                let brute = [(3, 4), (12, 9), (16, 0)].map { Float(($0.0 - x) * ($0.0 - x) + ($0.1 - y) * ($0.1 - y)) }.min()!
                #expect(d[x, y] == brute)
            }
        }
    }
}

@Suite("Bad and empty input")
struct BadInputTests {
    @Test("a blank canvas has no digit", arguments: [RGBA(1, 1, 1), RGBA(0, 0, 0), RGBA(0.3, 0.6, 0.9)])
    func blank(_ paper: RGBA) throws {
        let canvas = try Draw.canvas(300, 200, paper: paper) { _ in }
        #expect(throws: PreprocessingError.noDigit(file: "blank.png")) {
            try Preprocessor.run(canvas: canvas, source: "blank.png")
        }
    }

    @Test("a nearly blank canvas (faint noise, no real contrast) has no digit")
    func nearlyBlank() throws {
        var canvas = try Draw.canvas(300, 200) { _ in }
        var rng = SplitMix64(seed: 3)
        for i in stride(from: 0, to: canvas.bgra.count, by: 4) {
            let v = UInt8(255 - rng.int(6))
            canvas.bgra[i] = v; canvas.bgra[i + 1] = v; canvas.bgra[i + 2] = v
        }
        #expect(throws: PreprocessingError.noDigit(file: "faint")) { try Preprocessor.run(canvas: canvas, source: "faint") }
    }

    @Test("a lone dot or a single pixel on a blank canvas is not a digit")
    func loneDot() throws {
        let dot = try Draw.canvas(400, 400) { Draw.dot($0, 120, 300, 3) }
        #expect(throws: PreprocessingError.noDigit(file: "dot")) { try Preprocessor.run(canvas: dot, source: "dot") }
        var pixel = try Draw.canvas(400, 400) { _ in }
        pixel.bgra[4 * (200 * 400 + 200)] = 0; pixel.bgra[4 * (200 * 400 + 200) + 1] = 0; pixel.bgra[4 * (200 * 400 + 200) + 2] = 0
        #expect(throws: PreprocessingError.noDigit(file: "pixel")) { try Preprocessor.run(canvas: pixel, source: "pixel") }
    }

    @Test("a fully transparent canvas has no digit")
    func transparent() throws {
        let canvas = try Draw.canvas(64, 64, paper: nil) { _ in }
        #expect(throws: PreprocessingError.noDigit(file: "clear")) { try Preprocessor.run(canvas: canvas, source: "clear") }
    }

    @Test("the blank-canvas message names the file")
    func message() {
        #expect(PreprocessingError.noDigit(file: "x.png").description == "no digit found in x.png")
    }

    @Test(
        "non-PNG bytes are a typed error naming the file",
        arguments: [Array("hello, this is text".utf8), [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], []])
    func notPNG(_ bytes: [UInt8]) throws {
        let scratch = try ScratchFolder("pre-notpng")
        defer { scratch.remove() }
        let dir = scratch.path
        let path = (dir as NSString).appendingPathComponent("digit.png")
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        #expect(throws: PreprocessingError.notPNG(file: path)) { try Preprocessor.run(file: path) }
    }

    @Test("a truncated PNG is a typed error naming the file", arguments: [0.1, 0.5, 0.9])
    func truncated(keep: Double) throws {
        let scratch = try ScratchFolder("pre-trunc")
        defer { scratch.remove() }
        let dir = scratch.path
        var canvas = try Draw.canvas(300, 300) { Draw.seven($0, x: 80, y: 60, size: 180) }
        var rng = SplitMix64(seed: 9)  // noise so the compressed data is long enough to cut
        for i in stride(from: 0, to: canvas.bgra.count, by: 4) { canvas.bgra[i] = UInt8(rng.int(256)) }
        let full = try Draw.png(canvas, in: dir, "full.png")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: full))
        let path = (dir as NSString).appendingPathComponent("cut.png")
        _ = FileManager.default.createFile(atPath: path, contents: bytes.prefix(Int(Double(bytes.count) * keep)))
        #expect(throws: PreprocessingError.truncatedPNG(file: path)) { try Preprocessor.run(file: path) }
    }

    @Test("a header cut short is truncated; a missing file is unreadable")
    func shortHeader() throws {
        let scratch = try ScratchFolder("pre-short")
        defer { scratch.remove() }
        let dir = scratch.path
        let path = (dir as NSString).appendingPathComponent("short.png")
        _ = FileManager.default.createFile(atPath: path, contents: Data(PNGHeader.signature + [0, 0, 0, 13]))
        #expect(throws: PreprocessingError.truncatedPNG(file: path)) { try Preprocessor.run(file: path) }
        let missing = (dir as NSString).appendingPathComponent("missing.png")
        #expect(throws: PreprocessingError.unreadableFile(file: missing, reason: "no such file")) { try Preprocessor.run(file: missing) }
    }

    /// 2×1 PNGs of every colour type (made with Python's zlib): a black pixel, then a white
    /// one (transparent in the alpha kinds).
    static let kinds: [(String, [UInt8])] = [
        (
            "gray8",
            [
                137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 1, 8, 0, 0, 0, 0, 209, 73, 32, 86, 0, 0,
                0, 11, 73, 68, 65, 84, 120, 156, 99, 96, 248, 15, 0, 1, 2, 1, 0, 66, 190, 188, 104, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96,
                130,
            ]
        ),
        (
            "grayAlpha8",
            [
                137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 1, 8, 4, 0, 0, 0, 94, 43, 183, 1, 0, 0,
                0, 13, 73, 68, 65, 84, 120, 156, 99, 96, 248, 255, 159, 1, 0, 5, 0, 1, 255, 9, 122, 70, 45, 0, 0, 0, 0, 73, 69, 78, 68, 174,
                66, 96, 130,
            ]
        ),
        (
            "palette",
            [
                137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 1, 8, 3, 0, 0, 0, 195, 252, 143, 184, 0,
                0, 0, 6, 80, 76, 84, 69, 0, 0, 0, 255, 255, 255, 165, 217, 159, 221, 0, 0, 0, 11, 73, 68, 65, 84, 120, 156, 99, 96, 96, 4,
                0, 0, 4, 0, 2, 191, 122, 63, 74, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
            ]
        ),
        (
            "rgb16",
            [
                137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 1, 16, 2, 0, 0, 0, 43, 208, 52, 158, 0,
                0, 0, 14, 73, 68, 65, 84, 120, 156, 99, 96, 0, 131, 255, 96, 0, 0, 20, 248, 5, 251, 22, 64, 247, 188, 0, 0, 0, 0, 73, 69,
                78, 68, 174, 66, 96, 130,
            ]
        ),
        (
            "rgba16",
            [
                137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 1, 16, 6, 0, 0, 0, 164, 178, 163, 201, 0,
                0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 96, 0, 131, 255, 80, 192, 192, 0, 0, 51, 221, 7, 249, 48, 89, 128, 155, 0, 0, 0, 0,
                73, 69, 78, 68, 174, 66, 96, 130,
            ]
        ),
        (
            "gray1",
            [
                137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 1, 1, 0, 0, 0, 0, 220, 89, 66, 39, 0, 0,
                0, 10, 73, 68, 65, 84, 120, 156, 99, 112, 0, 0, 0, 66, 0, 65, 41, 55, 244, 239, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96,
                130,
            ]
        ),
    ]

    @Test("gray, gray+alpha, palette, 1-bit and 16-bit PNGs decode", arguments: BadInputTests.kinds.map(\.0))
    func pngKinds(_ kind: String) throws {
        let bytes = try #require(Self.kinds.first { $0.0 == kind }?.1)
        let scratch = try ScratchFolder("pre-kinds")
        defer { scratch.remove() }
        let dir = scratch.path
        let path = (dir as NSString).appendingPathComponent("\(kind).png")
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let canvas = try CanvasDecoder.decode(file: path)
        #expect(canvas.width == 2 && canvas.height == 1)
        #expect(Array(canvas.bgra[0..<4]) == [0, 0, 0, 255])
        let second = Array(canvas.bgra[4..<8])
        #expect(second == [255, 255, 255, 255] || second == [0, 0, 0, 0], "\(kind): \(second)")
    }
}
