import CairoGraphics
import DigitSamples
import Foundation
import Preprocessing
import Support
import TestSupport
import Testing

/// Pages as people photograph them: several digits (refused, or one picked with a crop), the
/// working plane of large photos, printed-line bands walked without scanning the page, other
/// input sizes, and JPEGs written by our own encoder.
@Suite("Photographed pages")
struct PhotoPageTests {
    @Test("two digits side by side are refused with both boxes; a crop around one reads it")
    func severalDigits() throws {
        let canvas = try Draw.canvas(600, 300) { cr in
            Draw.seven(cr, x: 60, y: 60, size: 180)
            Draw.line(cr, [(420, 60), (420, 240)])
        }
        var caught: PreprocessingError?
        do { _ = try Preprocessor.run(canvas: canvas, source: "pair.png") } catch { caught = error }
        guard case let .severalDigits(file, boxes)? = caught else {
            Issue.record("two digits side by side: expected severalDigits, got \(String(describing: caught))")
            return
        }
        #expect(file == "pair.png")
        #expect(boxes.count == 2)
        #expect(boxes.first.map { $0.maxX <= 300 } == true, "\(boxes)")
        #expect(caught?.description.contains("--crop") == true)
        var options = PreprocessingOptions()
        options.crop = PixelRect(x: 0, y: 0, width: 300, height: 300)
        let left = try Preprocessor.run(canvas: canvas, source: "pair.png", options: options)
        let alone = try Preprocessor.run(
            canvas: try Draw.canvas(300, 300) { Draw.seven($0, x: 60, y: 60, size: 180) }, source: "seven.png")
        #expect(left.canvas.width == 300 && left.canvas.height == 300)
        #expect(left.values == alone.values, "the cropped 7 should read exactly like a 7 drawn alone")
    }

    @Test("a digit in two strokes (a 4, a 5 with its flag) is one digit, not several")
    func twoStrokesOneDigit() throws {
        let four = try Draw.canvas(300, 300) { cr in
            Draw.line(cr, [(140, 50), (80, 170), (220, 170)])
            Draw.line(cr, [(190, 90), (190, 260)])
        }
        let five = try Draw.canvas(300, 300) { cr in
            Draw.line(cr, [(110, 60), (110, 140), (200, 150), (200, 230), (100, 240)])
            Draw.line(cr, [(130, 50), (220, 50)])
        }
        for (name, canvas) in [("four", four), ("five", five)] {
            let d = try Preprocessor.run(canvas: canvas, source: name)
            expectWellFormed(d)
        }
    }

    @Test("a crop reaching outside the image is an error naming the file and the image size")
    func cropOutside() throws {
        let canvas = try Draw.canvas(200, 100) { Draw.seven($0, x: 20, y: 10, size: 80) }
        var options = PreprocessingOptions()
        options.crop = PixelRect(x: 150, y: 0, width: 100, height: 50)
        #expect(
            throws: PreprocessingError.cropOutside(
                file: "wide.png", crop: PixelRect(x: 150, y: 0, width: 100, height: 50), width: 200, height: 100)
        ) { try Preprocessor.run(canvas: canvas, source: "wide.png", options: options) }
        let message = PreprocessingError.cropOutside(file: "wide.png", crop: options.crop!, width: 200, height: 100).description
        #expect(message == "wide.png: crop 150,0,100,50 does not lie inside the 200×100 image")
    }

    @Test("the working plane: large photos shrink to 512 on the longer side, masks come back at canvas size")
    func workingPlane() {
        let plane = WorkingPlane(canvasWidth: 1000, canvasHeight: 800, side: 512)
        #expect(plane.width == 512 && plane.height == 410)
        #expect(!WorkingPlane(canvasWidth: 500, canvasHeight: 300, side: 512).isShrunk)
        var mask = Plane<UInt8>(width: 512, height: 410, repeating: 0)
        for y in 100..<200 { for x in 50..<150 { mask[x, y] = 1 } }
        let big = plane.enlarge(mask)
        #expect(big.width == 1000 && big.height == 800)
        let r = plane.canvasRect(PixelRect(x: 50, y: 100, width: 100, height: 100))
        // Every enlarged ink pixel lies in the enlarged rectangle, and the rectangle is tight.
        var minX = 1000, maxX = -1, minY = 800, maxY = -1
        for y in 0..<800 {
            for x in 0..<1000 where big[x, y] == 1 { minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y) }
        }
        #expect(minX >= r.x && maxX < r.maxX && minY >= r.y && maxY < r.maxY)
        #expect(abs(minX - r.x) <= 2 && abs(maxX + 1 - r.maxX) <= 2 && abs(minY - r.y) <= 2 && abs(maxY + 1 - r.maxY) <= 2)
        // Shrinking keeps a flat grey and averages a fine checkerboard to its mean.
        let checker = Plane(
            width: 1000, height: 800, pixels: (0..<800_000).map { i in UInt8(((i % 1000) + i / 1000) % 2 == 0 ? 200 : 100) })
        let small = plane.shrink(checker)
        #expect(small.pixels.allSatisfy { abs(Int($0) - 150) <= 2 })
        // The fast shrink matches the two-pass reference within one grey level.
        var rng = SplitMix64(seed: 77)
        let noise = Plane(width: 1000, height: 800, pixels: (0..<800_000).map { _ in UInt8(rng.int(256)) })
        let fast = plane.shrink(noise), reference = plane.shrinkReference(noise)
        #expect(fast.width == reference.width && fast.height == reference.height)
        #expect(zip(fast.pixels, reference.pixels).allSatisfy { abs(Int($0) - Int($1)) <= 1 })
    }

    @Test("a printed line's band is walked pixel by pixel exactly as a scan of the whole page finds it", arguments: [0.0, 0.2, -0.35])
    func bandWalk(angle: Double) {
        let (w, h) = (97, 61)
        for across in [true, false] {
            let line = PrintedLine(across: across, angle: angle, low: 20.3, high: 24.9)
            var walked = Set<Int>()
            PrintedLines.forEachPixel(in: line, width: w, height: h) { x, y, _ in walked.insert(y * w + x) }
            var scanned = Set<Int>()
            for y in 0..<h {
                for x in 0..<w {
                    let o = line.offset(Double(x) + 0.5, Double(y) + 0.5)
                    if o >= line.low && o <= line.high { scanned.insert(y * w + x) }
                }
            }
            #expect(walked == scanned, "across \(across), angle \(angle)")
            #expect(!scanned.isEmpty)
        }
    }

    @Test("a stroke crossing a printed line keeps the pixels where it lies over the line")
    func inkOverLineKept() {
        // Darkness: a ruled line (darkness 90) across row 20–21, a stroke (darkness 200) down
        // columns 30–35; ink over the line multiplies: 1 − (1 − 0.35)(1 − 0.78) ≈ 0.86.
        let (w, h) = (64, 48)
        var darkness = Plane<UInt8>(width: w, height: h, repeating: 0)
        var mask = Plane<Bool>(width: w, height: h, repeating: false)
        for y in 0..<h {
            for x in 0..<w {
                let onLine = y == 20 || y == 21, onStroke = (30...35).contains(x) && (5...45).contains(y)
                let d = 1 - (1 - (onLine ? 0.35 : 0)) * (1 - (onStroke ? 0.78 : 0))
                darkness[x, y] = UInt8((d * 255).rounded())
                mask[x, y] = onLine || onStroke
            }
        }
        let line = PrintedLine(across: true, angle: 0, low: 19.5, high: 22.5)
        let removed = PrintedLines.remove([line], from: &mask, darkness: darkness, inkCut: 30)
        for x in 30...35 { #expect(mask[x, 20] && mask[x, 21], "stroke pixel (\(x), 20) over the line was removed") }
        #expect(!mask[5, 20] && removed[5, 20], "line pixel away from the stroke was kept")
    }

    @Test("forInput(side:) keeps MNIST's 20/28 and equals the defaults at 28")
    func otherInputSizes() throws {
        #expect(PreprocessingOptions.forInput(side: 28) == PreprocessingOptions())
        let canvas = try Draw.canvas(300, 300) { Draw.seven($0, x: 60, y: 40, size: 200) }
        for side in [32, 64] {
            let options = PreprocessingOptions.forInput(side: side)
            #expect(options.boxSide == Int((Double(side) * 20 / 28).rounded()))
            let d = try Preprocessor.run(canvas: canvas, source: "seven", options: options)
            #expect(d.field.width == side && d.field.height == side && d.values.count == side * side)
            #expect(max(d.box.width, d.box.height) == options.boxSide)
            #expect(abs(d.placement.centreOfMassX - Double(side) / 2) <= 1 && abs(d.placement.centreOfMassY - Double(side) / 2) <= 1)
        }
    }

    @Test("our JPEG encoder's sideways phone JPEG decodes upright, within JPEG tolerance")
    func phoneJPEG() throws {
        let canvas = try Draw.canvas(120, 80, paper: RGBA(0.9, 0.85, 0.8), ink: RGBA(0.1, 0.2, 0.6)) {
            Draw.seven($0, x: 10, y: 10, size: 60)
        }
        let scratch = try ScratchFolder("phone-jpeg")
        defer { scratch.remove() }
        for orientation in EXIFOrientation.allCases {
            let path = scratch.file("o\(orientation.rawValue).jpg").path
            try Data(PhotoSimulator.phoneJPEG(canvas, orientation: orientation, quality: 92)).write(to: URL(fileURLWithPath: path))
            let decoded = try CanvasDecoder.decode(file: path)
            #expect(decoded.width == 120 && decoded.height == 80, "orientation \(orientation)")
            var worst = 0
            for i in stride(from: 0, to: canvas.bgra.count, by: 4) {
                for c in 0..<3 { worst = max(worst, abs(Int(canvas.bgra[i + c]) - Int(decoded.bgra[i + c]))) }
            }
            #expect(worst <= 60, "orientation \(orientation): a channel differs by \(worst)")
        }
    }
}

@Suite("Photo kernels against their references")
struct PhotoKernelTests {
    @Test("the 3×3 dilation and erosion match the pixel-by-pixel reference", arguments: [(1, 1), (1, 7), (9, 1), (2, 2), (37, 23)])
    func neighbourhood(width: Int, height: Int) {
        var rng = SplitMix64(seed: UInt64(width * 100 + height))
        for density in [2, 5, 9] {
            let m = Plane(width: width, height: height, pixels: (0..<(width * height)).map { _ in rng.int(10) < density })
            for any in [true, false] {
                #expect(
                    PhotoInk.neighbourhood3(m, any: any) == PhotoInk.neighbourhood3Reference(m, any: any), "\(width)×\(height) any \(any)")
            }
        }
    }

    @Test(
        "the constant-time max and min filters, closing and opening match the per-window reference",
        arguments: [(1, 1, 1), (5, 3, 2), (40, 17, 3), (23, 61, 9), (64, 48, 30)])
    func rankFilter(width: Int, height: Int, radius: Int) {
        var rng = SplitMix64(seed: UInt64(width * 1000 + height * 10 + radius))
        let p = Plane(width: width, height: height, pixels: (0..<(width * height)).map { _ in Float(rng.int(256)) })
        #expect(RankFilter.max(p, radius: radius) == RankFilter.reference(p, radius: radius, isMax: true))
        #expect(RankFilter.min(p, radius: radius) == RankFilter.reference(p, radius: radius, isMax: false))
        let closed = RankFilter.reference(RankFilter.reference(p, radius: radius, isMax: true), radius: radius, isMax: false)
        let opened = RankFilter.reference(RankFilter.reference(p, radius: radius, isMax: false), radius: radius, isMax: true)
        #expect(RankFilter.closing(p, radius: radius) == closed)
        #expect(RankFilter.opening(p, radius: radius) == opened)
    }

    @Test("a closing keeps a sharp shadow step and a ramp exactly and fills a stroke narrower than its window")
    func closingKeepsSteps() {
        let (w, h) = (80, 40)
        var pixels = [Float](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                // A shadow step at x = 30 (200 → 90), a ramp over x = 50…60, a dark stroke at x = 15…18.
                var v: Float = x < 30 ? 200 : x < 50 ? 90 : x < 60 ? 90 + Float(x - 50) * 10 : 190
                if (15...18).contains(x) { v *= 0.3 }
                pixels[y * w + x] = v
            }
        }
        let closed = RankFilter.closing(Plane(width: w, height: h, pixels: pixels), radius: 4)
        for y in 0..<h {
            for x in 0..<w where !(15...18).contains(x) { #expect(closed.pixels[y * w + x] == pixels[y * w + x], "(\(x), \(y))") }
            #expect(closed.pixels[y * w + 16] == 200)
        }
    }
}
