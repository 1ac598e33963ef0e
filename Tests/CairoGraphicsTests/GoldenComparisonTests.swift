import CairoGraphics
import TestSupport
import Testing

/// The golden-image comparison itself must be able to fail: it accepts small channel
/// differences, counts larger ones and refuses a different size.
@Suite struct GoldenComparisonTests {
    /// A 10×10 opaque grey image with `changed` pixels (from the top-left) set to `value`.
    static func image(grey: UInt8 = 100, changed: Int = 0, value: UInt8 = 100) throws -> ImageSurface {
        var bgra = [UInt8](repeating: 0, count: 10 * 10 * 4)
        for p in 0..<100 {
            let g = p < changed ? value : grey
            bgra[p * 4] = g; bgra[p * 4 + 1] = g; bgra[p * 4 + 2] = g; bgra[p * 4 + 3] = 255
        }
        return try ImageSurface(width: 10, height: 10, bgra: bgra)
    }

    @Test("identical images match with no mismatched pixel")
    func identical() throws {
        let c = try #require(try GoldenImage.compare(Self.image(), Self.image()))
        #expect(c.mismatched == 0 && c.worst == 0 && c.pixels == 100)
    }

    @Test("differences within the channel tolerance are counted as matching")
    func withinTolerance() throws {
        let c = try #require(try GoldenImage.compare(Self.image(changed: 100, value: 124), Self.image()))
        #expect(c.worst == 24)
        #expect(c.mismatched == 0)
    }

    @Test("differences beyond the tolerance are counted, and the diff marks them red")
    func beyondTolerance() throws {
        let c = try #require(try GoldenImage.compare(Self.image(changed: 3, value: 200), Self.image()))
        #expect(c.mismatched == 3 && c.worst == 100)
        #expect(c.mismatchFraction == 0.03)
        #expect(c.mismatchFraction > GoldenImage.defaultMismatchFraction)
        let diff = c.diff.bgraBytes()
        #expect(Array(diff[0..<4]) == [0, 0, 255, 255])
        #expect(diff[4 * 50 + 2] != 255)
    }

    @Test("a size change never compares")
    func sizeChange() throws {
        #expect(try GoldenImage.compare(Self.image(), ImageSurface(width: 10, height: 9)) == nil)
    }

    /// A 10×10 black image with a white vertical line one pixel wide at column `x` (nil: none).
    static func line(at x: Int?) throws -> ImageSurface {
        var bgra = [UInt8](repeating: 0, count: 10 * 10 * 4)
        for p in 0..<100 {
            let v: UInt8 = p % 10 == x ? 255 : 0
            bgra[p * 4] = v; bgra[p * 4 + 1] = v; bgra[p * 4 + 2] = v; bgra[p * 4 + 3] = 255
        }
        return try ImageSurface(width: 10, height: 10, bgra: bgra)
    }

    @Test("a line moved by one pixel fails exactly and passes with shift 1; moved by two it fails both")
    func shiftedLine() throws {
        let golden = try Self.line(at: 4)
        #expect(try GoldenImage.compare(Self.line(at: 5), golden)?.mismatched == 20)
        #expect(try GoldenImage.compare(Self.line(at: 5), golden, shift: 1)?.mismatched == 0)
        #expect(try GoldenImage.compare(Self.line(at: 6), golden, shift: 1)?.mismatched == 20)
    }

    @Test("with shift 1 a line that vanishes or appears still fails")
    func vanishedLine() throws {
        #expect(try GoldenImage.compare(Self.line(at: nil), Self.line(at: 4), shift: 1)?.mismatched == 10)
        #expect(try GoldenImage.compare(Self.line(at: 4), Self.line(at: nil), shift: 1)?.mismatched == 10)
    }
}
