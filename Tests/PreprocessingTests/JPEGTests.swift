import CairoGraphics
import DigitNet
import Foundation
import Preprocessing
import Support
import TestSupport
import Testing

/// JPEG input: the committed fixtures (made by us with ImageMagick from a four-colour PNG and
/// from Scenes/digits/7.png) decode to the right colours in every colour model, EXIF
/// orientations 1–8 (spliced in by `EXIFSplice`) turn the image as the EXIF spec says, and
/// a sideways phone-style JPEG of a digit predicts the same digit as the PNG.
@Suite("JPEG input and EXIF orientation")
struct JPEGTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("JPEGFixtures")
    static func fixture(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The fixture's quadrants, as (red, green, blue): top-left red, top-right blue,
    /// bottom-left green, bottom-right white.
    static let red = (255, 0, 0), blue = (0, 0, 255), green = (0, 255, 0), white = (255, 255, 255)

    /// The colour at the centre of quadrant (qx, qy) of a canvas.
    static func quadrant(_ canvas: Canvas, _ qx: Int, _ qy: Int) -> (Int, Int, Int) {
        let x = canvas.width / 4 + qx * canvas.width / 2, y = canvas.height / 4 + qy * canvas.height / 2
        let i = (y * canvas.width + x) * 4
        return (Int(canvas.bgra[i + 2]), Int(canvas.bgra[i + 1]), Int(canvas.bgra[i]))
    }

    /// True when two colours agree within JPEG tolerance (40 per channel).
    static func close(_ a: (Int, Int, Int), _ b: (Int, Int, Int), tolerance: Int = 40) -> Bool {
        abs(a.0 - b.0) <= tolerance && abs(a.1 - b.1) <= tolerance && abs(a.2 - b.2) <= tolerance
    }

    @Test(
        "baseline, progressive and CMYK JPEGs decode to the source colours",
        arguments: ["quadrants.jpg", "quadrants-progressive.jpg", "quadrants-cmyk.jpg"])
    func colours(name: String) throws {
        let canvas = try CanvasDecoder.decode(file: Self.fixture(name))
        #expect(canvas.width == 32 && canvas.height == 16)
        #expect(!canvas.hasTransparency)
        let expected = [[Self.red, Self.blue], [Self.green, Self.white]]
        for qy in 0..<2 {
            for qx in 0..<2 {
                let got = Self.quadrant(canvas, qx, qy)
                #expect(Self.close(got, expected[qy][qx]), "\(name) quadrant (\(qx), \(qy)): \(got)")
            }
        }
    }

    @Test("a grey JPEG decodes to the source's luminance in all three channels")
    func grey() throws {
        let canvas = try CanvasDecoder.decode(file: Self.fixture("quadrants-grey.jpg"))
        // ImageMagick's grey is Rec. 709 luma: red, blue, green, white.
        let luma = [[54, 18], [182, 255]]
        for qy in 0..<2 {
            for qx in 0..<2 {
                let got = Self.quadrant(canvas, qx, qy)
                #expect(got.0 == got.1 && got.1 == got.2, "grey quadrant \(got) is not grey")
                #expect(abs(got.0 - luma[qy][qx]) <= 12, "grey quadrant (\(qx), \(qy)): \(got)")
            }
        }
    }

    /// Where the stored image's top-left and top-right quadrants are seen after each
    /// orientation, written out from the EXIF 2.3 table (row 0 / column 0 sides), not from
    /// the decoder's code. Corners as (qx, qy).
    static let seen: [Int: (topLeft: (Int, Int), topRight: (Int, Int))] = [
        1: ((0, 0), (1, 0)), 2: ((1, 0), (0, 0)), 3: ((1, 1), (0, 1)), 4: ((0, 1), (1, 1)),
        5: ((0, 0), (0, 1)), 6: ((1, 0), (1, 1)), 7: ((1, 1), (1, 0)), 8: ((0, 1), (0, 0)),
    ]

    @Test("EXIF orientations 1–8 turn the image as the EXIF spec says, in both byte orders", arguments: 1...8)
    func orientation(value: Int) throws {
        let scratch = try ScratchFolder("jpeg-orientation")
        defer { scratch.remove() }
        let base = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixture("quadrants.jpg"))))
        for littleEndian in [true, false] {
            let path = scratch.file("o\(value)-\(littleEndian).jpg").path
            try Data(EXIFSplice.tagged(base, orientation: value, littleEndian: littleEndian)).write(to: URL(fileURLWithPath: path))
            let canvas = try CanvasDecoder.decode(file: path)
            let turned = value >= 5
            #expect(canvas.width == (turned ? 16 : 32) && canvas.height == (turned ? 32 : 16), "orientation \(value)")
            let (tl, tr) = try #require(Self.seen[value])
            #expect(Self.close(Self.quadrant(canvas, tl.0, tl.1), Self.red), "orientation \(value): red not at \(tl)")
            #expect(Self.close(Self.quadrant(canvas, tr.0, tr.1), Self.blue), "orientation \(value): blue not at \(tr)")
        }
    }

    @Test("hostile EXIF (bad offsets, counts, types, values) is ignored, never a trap")
    func hostileEXIF() throws {
        let good = EXIFSplice.tiff(orientation: 6, littleEndian: true)
        #expect(EXIFOrientation.parse(exif: good) == .right)
        #expect(EXIFOrientation.parse(exif: Array("Exif".utf8) + [0, 0] + good) == .right)
        var mutator = SplitMix64(seed: 0xe1f)
        for _ in 0..<5_000 {
            var bytes = good
            for _ in 0..<(1 + Int(mutator.next() % 4)) {
                bytes[Int(mutator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: mutator.next())
            }
            if mutator.next() % 3 == 0 { bytes = Array(bytes.prefix(Int(mutator.next() % UInt64(bytes.count)))) }
            let parsed = EXIFOrientation.parse(exif: bytes)
            #expect(parsed == nil || (1...8).contains(parsed?.rawValue ?? 0))
        }
        #expect(EXIFOrientation.parse(exif: EXIFSplice.tiff(orientation: 9, littleEndian: true)) == nil)
        #expect(EXIFOrientation.parse(exif: EXIFSplice.tiff(orientation: 0, littleEndian: false)) == nil)
    }

    @Test("a PNG whose eXIf chunk says orientation 8 is turned upright")
    func pngEXIf() throws {
        let scratch = try ScratchFolder("png-exif")
        defer { scratch.remove() }
        let plain = scratch.file("plain.png").path
        let canvas = try CanvasDecoder.decode(file: Self.fixture("quadrants.jpg"))
        try canvas.makeSurface().writePNG(to: plain)
        let tagged = scratch.file("tagged.png").path
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: plain)))
        try Data(EXIFSplice.pngTagged(bytes, orientation: 8)).write(to: URL(fileURLWithPath: tagged))
        let turned = try CanvasDecoder.decode(file: tagged)
        #expect(turned.width == 16 && turned.height == 32)
        #expect(Self.close(Self.quadrant(turned, 0, 1), Self.red))
        #expect(Self.close(Self.quadrant(turned, 0, 0), Self.blue))
        #expect(try CanvasDecoder.decode(file: plain) == canvas)
    }

    @Test("a truncated JPEG, a damaged one and an HEIC are typed errors naming the file once")
    func errors() throws {
        let scratch = try ScratchFolder("jpeg-errors")
        defer { scratch.remove() }
        let base = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixture("seven-turned-left.jpg"))))
        let cut = scratch.file("cut.jpg").path
        try Data(base.prefix(base.count / 2)).write(to: URL(fileURLWithPath: cut))
        #expect(throws: PreprocessingError.truncatedJPEG(file: cut)) { try CanvasDecoder.decode(file: cut) }
        let start = scratch.file("start.jpg").path
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]).write(to: URL(fileURLWithPath: start))
        #expect(throws: PreprocessingError.self) { try CanvasDecoder.decode(file: start) }
        let heic = scratch.file("photo.heic").path
        try Data([0, 0, 0, 0x18] + Array("ftypheic".utf8) + [0, 0, 0, 0]).write(to: URL(fileURLWithPath: heic))
        do {
            _ = try CanvasDecoder.decode(file: heic)
            Issue.record("HEIC was accepted")
        } catch {
            #expect("\(error)".contains(heic) && "\(error)".contains("heif-convert"), "\(error)")
        }
        let small = DecodeLimits(maxPixels: 100, maxSide: 1000)
        #expect(throws: PreprocessingError.imageTooLarge(file: cut, width: 400, height: 400, pixelLimit: 100, sideLimit: 1000)) {
            try CanvasDecoder.decode(file: cut, limits: small)
        }
        #expect(try scratch.contents().sorted() == ["cut.jpg", "photo.heic", "start.jpg"])
    }

    @Test("a sideways JPEG of a 7 tagged with orientation 6 predicts 7, like the PNG")
    func sidewaysDigit() throws {
        let scratch = try ScratchFolder("jpeg-digit")
        defer { scratch.remove() }
        let network = try Fixtures.network()
        let png = try Preprocessor.run(file: Fixtures.digitFile.path)
        let base = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixture("seven-turned-left.jpg"))))
        let path = scratch.file("photo.jpg").path
        try Data(EXIFSplice.tagged(base, orientation: 6, littleEndian: false)).write(to: URL(fileURLWithPath: path))
        let jpeg = try Preprocessor.run(file: path)
        #expect(TestData.predict(png, with: network) == Fixtures.digitClass)
        #expect(TestData.predict(jpeg, with: network) == Fixtures.digitClass)
        let difference = zip(png.values, jpeg.values).map { abs($0 - $1) }.max() ?? 1
        #expect(difference < 0.25, "28×28 inputs differ by up to \(difference)")
    }

    @Test("ffmpeg's JPEG of a digit PNG decodes within JPEG tolerance of the PNG (skipped without ffmpeg)")
    func ffmpegRoundTrip() throws {
        guard let ffmpeg = ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else {
            print("ffmpeg not found: skipping the ffmpeg JPEG round trip")
            return
        }
        let scratch = try ScratchFolder("jpeg-ffmpeg")
        defer { scratch.remove() }
        let jpg = scratch.file("3.jpg").path
        let png = Fixtures.repositoryRoot.appendingPathComponent("Scenes/digits/3.png").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = ["-loglevel", "error", "-y", "-i", png, "-q:v", "2", jpg]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let a = try CanvasDecoder.decode(file: png), b = try CanvasDecoder.decode(file: jpg)
        try #require(a.width == b.width && a.height == b.height)
        // Compare straight colour on white (the PNG may be transparent; ffmpeg drops alpha onto black).
        var large = 0
        for i in stride(from: 0, to: a.bgra.count, by: 4) where a.bgra[i + 3] == 255 {
            if abs(Int(a.bgra[i + 1]) - Int(b.bgra[i + 1])) > 48 { large += 1 }
        }
        #expect(large < a.width * a.height / 100, "\(large) pixels differ by more than 48")
    }
}
