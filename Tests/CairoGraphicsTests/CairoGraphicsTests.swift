import CairoGraphics
import Foundation
import TestSupport
import Testing

@Suite struct CairoGraphicsTests {
    @Test("hex colours parse, malformed ones are nil")
    func hexColours() {
        #expect(RGBA(hex: "#0d1117") == RGBA(13.0 / 255, 17.0 / 255, 23.0 / 255))
        #expect(RGBA(hex: "58d5ff80")?.a == 128.0 / 255)
        #expect(RGBA(hex: "#12345") == nil)
        #expect(RGBA(hex: "#gg0000") == nil)
    }

    @Test("a filled rectangle lands on exactly the expected pixels (BGRA, premultiplied)")
    func fillPixels() throws {
        let surface = try ImageSurface(width: 4, height: 3)
        let c = try Context(surface)
        c.setAntialias(false)
        c.setColor(RGBA(1, 0, 0))
        c.rectangle(1, 1, 2, 1)
        c.fill()
        let px = surface.bgraBytes()
        func pixel(_ x: Int, _ y: Int) -> [UInt8] { Array(px[((y * 4 + x) * 4)..<((y * 4 + x) * 4 + 4)]) }
        #expect(pixel(1, 1) == [0, 0, 255, 255])
        #expect(pixel(2, 1) == [0, 0, 255, 255])
        #expect(pixel(0, 0) == [0, 0, 0, 0])
        #expect(pixel(3, 1) == [0, 0, 0, 0])
    }

    @Test("PNG write then read gives the same pixels")
    func pngRoundTrip() throws {
        var bgra: [UInt8] = []
        for i in 0..<10 {
            let blue = UInt8(i * 20), green = UInt8(255 - i * 20)
            bgra += [blue, green, 7, 255]
        }
        let surface = try ImageSurface(width: 5, height: 2, bgra: bgra)
        let scratch = try ScratchFolder("cairo-roundtrip")
        defer { scratch.remove() }
        let path = scratch.file("roundtrip.png").path
        try surface.writePNG(to: path)
        let back = try ImageSurface.readPNG(at: path)
        #expect(back.width == 5 && back.height == 2)
        #expect(back.bgraBytes() == bgra)
    }

    @Test("bad sizes and unreadable files are typed errors naming the problem")
    func errors() throws {
        #expect(throws: CairoError.invalidSize(width: 0, height: 10)) { try ImageSurface(width: 0, height: 10) }
        let scratch = try ScratchFolder("cairo-not-png")
        defer { scratch.remove() }
        let path = scratch.file("not-a-png.png").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("hello".utf8))
        do {
            _ = try ImageSurface.readPNG(at: path)
            Issue.record("reading a text file as PNG must fail")
        } catch let error as CairoError {
            #expect("\(error)".contains(path))
        }
        #expect(throws: CairoError.self) {
            try ImageSurface(width: 2, height: 2).writePNG(to: "/nonexistent-dir/x.png")
        }
    }

    @Test("text measures wider for longer strings in DejaVu Sans")
    func textExtents() throws {
        let c = try Context(ImageSurface(width: 10, height: 10))
        c.selectFont("DejaVu Sans", weight: .bold)
        c.setFontSize(20)
        let short = c.textExtents("7"), long = c.textExtents("777")
        #expect(short.xAdvance > 5)
        #expect(abs(long.xAdvance - 3 * short.xAdvance) < 0.01)
    }
}
