import CairoGraphics
import Testing

@Suite struct ImageSurfaceCopyingTests {
    /// Premultiplied BGRA bytes that differ per pixel.
    static func pattern(width: Int, height: Int) -> [UInt8] {
        (0..<(width * height)).flatMap { i -> [UInt8] in
            let a = UInt8(128 + i % 128)
            return [UInt8(i % 7) * 9 % a, UInt8(i % 13) * 5 % a, UInt8(i % 31) * 3 % a, a]
        }
    }

    @Test("a surface made by copying rows holds exactly those bytes, for widths with and without row padding")
    func copiesRows() throws {
        for (w, h) in [(5, 3), (1, 1), (64, 9), (7, 2)] {
            let bytes = Self.pattern(width: w, height: h)
            let surface = try bytes.withUnsafeBytes { try ImageSurface(width: w, height: h, copying: $0) }
            #expect(surface.width == w && surface.height == h)
            #expect(surface.bgraBytes() == bytes, "\(w)×\(h)")
        }
    }

    @Test("Cairo draws over a copied surface as over a created one, and the surface outlives its context")
    func drawsLikeACreatedSurface() throws {
        let (w, h) = (40, 30)
        let bytes = Self.pattern(width: w, height: h)
        let copied = try bytes.withUnsafeBytes { try ImageSurface(width: w, height: h, copying: $0) }
        let created = try ImageSurface(width: w, height: h, bgra: bytes)
        for surface in [copied, created] {
            let c = try Context(surface)
            c.setColor(RGBA(0.2, 0.8, 0.4, 0.7))
            c.arc(20, 15, radius: 9)
            c.fill()
            c.selectFont("DejaVu Sans")
            c.setFontSize(14)
            c.setColor(RGBA(1, 1, 1))
            c.drawText("7", x: 3, y: 20)
        }
        #expect(copied.bgraBytes() == created.bgraBytes())
        #expect(copied.bgraBytes() != bytes)
    }

    @Test("a copied surface refuses sizes Cairo cannot make")
    func refusesBadSizes() {
        #expect(throws: CairoError.invalidSize(width: 0, height: 3)) {
            try [UInt8]().withUnsafeBytes { try ImageSurface(width: 0, height: 3, copying: $0) }
        }
    }
}
