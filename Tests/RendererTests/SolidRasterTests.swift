import CairoGraphics
import Foundation
import Renderer
import Support
import Testing

/// `QuadRasterizer.fillSolid`, the path the frame's floor-grid pieces, node squares and map
/// borders take into the pixels: checked against the naive reference rasterizer, and a thin
/// segment against Cairo's own stroke of it.
@Suite struct SolidRasterTests {
    static let size = (width: 64, height: 48)

    /// A surface with a dark, slightly varied opaque background.
    static func background() throws -> ImageSurface { try background(width: size.width, height: size.height) }

    /// A `w`×`h` surface with a dark, slightly varied opaque background.
    static func background(width w: Int, height h: Int) throws -> ImageSurface {
        var bytes: [UInt8] = []
        for i in 0..<(w * h) {
            let blue = UInt8(20 + i % 11), green = UInt8(24 + i % 5), red = UInt8(30 + i % 3)
            bytes += [blue, green, red, 255]
        }
        return try ImageSurface(width: w, height: h, bgra: bytes)
    }

    /// The corners of a segment `a`–`b` stroked `width` wide with butt ends.
    static func segment(_ a: SIMD2<Double>, _ b: SIMD2<Double>, width: Double) -> [SIMD2<Double>] {
        let d = b - a, l = (d * d).sum().squareRoot()
        let n = SIMD2(-d.y, d.x) / l * width / 2
        return [a + n, b + n, b - n, a - n]
    }

    static func pixels(_ s: ImageSurface) -> [UInt32] {
        s.bgraBytes().withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) }
    }

    /// The largest difference between two ARGB32 pixels' channels.
    static func channelDifference(_ a: UInt32, _ b: UInt32) -> Int {
        [0, 8, 16, 24].map { abs(Int(a >> $0 & 0xFF) - Int(b >> $0 & 0xFF)) }.max()!
    }

    /// Every pixel of two `size` surfaces: its index, `quad`'s coverage at its centre and
    /// the largest channel difference between the two.
    static func compared(_ a: ImageSurface, _ b: ImageSurface, over quad: TexturedQuad) -> [(
        index: Int, cover: Double, difference: Int
    )] {
        let f = pixels(a), r = pixels(b)
        return f.indices.map { i in
            let x = Double(i % size.width) + 0.5, y = Double(i / size.width) + 0.5
            return (i, ReferenceQuadRasterizer.coverage(quad, x, y), channelDifference(f[i], r[i]))
        }
    }

    @Test("a solid quad is the reference rasterizer's one-texel quad: exact inside, within 2 per channel at edges")
    func matchesTheReference() throws {
        var rng = SplitMix64(seed: 0x50_11D)
        var compared = (interior: 0, edge: 0)
        for k in 0..<80 {
            let a = SIMD2(Double.random(in: -10...74, using: &rng), Double.random(in: -10...58, using: &rng))
            let b = SIMD2(Double.random(in: -10...74, using: &rng), Double.random(in: -10...58, using: &rng))
            let width = k % 2 == 0 ? Double.random(in: 0.4...2, using: &rng) : Double.random(in: 3...20, using: &rng)
            let color = RGBA(
                Double.random(in: 0...1, using: &rng), Double.random(in: 0...1, using: &rng),
                Double.random(in: 0...1, using: &rng), k % 3 == 0 ? 1 : Double.random(in: 0.05...0.95, using: &rng))
            let corners = Self.segment(a, b, width: width)
            let fast = try Self.background(), reference = try Self.background()
            #expect(QuadRasterizer.fillSolid(corners: corners, color: color, into: fast))
            let quad = TexturedQuad.solid(corners: corners, color: color)
            reference.withMutablePixels { base, stride in
                ReferenceQuadRasterizer.draw(
                    quad, into: PixelTarget(base: base, stride: stride, width: Self.size.width, height: Self.size.height))
            }
            for (i, cover, difference) in Self.compared(fast, reference, over: quad) {
                if cover >= 1 && color.a >= 1 {
                    compared.interior += 1
                    #expect(difference == 0, "quad \(k) pixel \(i)")
                } else if cover > 0 {
                    compared.edge += 1
                    #expect(difference <= 2, "quad \(k) pixel \(i)")
                } else {
                    #expect(difference == 0, "quad \(k) pixel \(i) outside changed")
                }
            }
        }
        #expect(compared.interior > 1000 && compared.edge > 1000)
    }

    @Test("twisted or degenerate quads are refused (the caller then lets Cairo fill them)")
    func refusesUndrawable() throws {
        let s = try Self.background()
        let before = Self.pixels(s)
        #expect(
            !QuadRasterizer.fillSolid(corners: [SIMD2(5, 5), SIMD2(40, 40), SIMD2(40, 5), SIMD2(5, 40)], color: RGBA(1, 1, 1), into: s))
        #expect(!QuadRasterizer.fillSolid(corners: [SIMD2(5, 5), SIMD2(5, 5), SIMD2(5, 5), SIMD2(5, 5)], color: RGBA(1, 1, 1), into: s))
        #expect(Self.pixels(s) == before)
    }

    @Test("a thin segment puts down the same ink as Cairo's butt-capped stroke, pixel by pixel within a bound")
    func thinSegmentMatchesCairo() throws {
        var rng = SplitMix64(seed: 0xF100_2)
        var worst = 0
        for k in 0..<40 {
            let a = SIMD2(Double.random(in: 4...60, using: &rng), Double.random(in: 4...44, using: &rng))
            let b = SIMD2(Double.random(in: 4...60, using: &rng), Double.random(in: 4...44, using: &rng))
            guard ((b - a) * (b - a)).sum() > 4 else { continue }
            let width = [0.67, 1, 1.5][k % 3]
            let color = RGBA(0.55, 0.6, 0.7, [0.32, 0.15, 0.8][k % 3])
            let ours = try Self.background(), cairo = try Self.background()
            #expect(QuadRasterizer.fillSolid(corners: Self.segment(a, b, width: width), color: color, into: ours))
            try InkComparison.strokeWithCairo([(a, b)], width: width, color: color, roundCaps: false, on: cairo)
            let compared = InkComparison(
                ours: Self.pixels(ours), cairo: Self.pixels(cairo), background: Self.pixels(try Self.background()))
            // Within a third: at these faint alphas each pixel rounds to whole levels, and
            // Cairo's 4×4 sampling of a sub-pixel line swings more than the exact area.
            #expect(
                abs(compared.ours - compared.cairo) <= 0.35 * compared.cairo + 40,
                "segment \(k): ink \(compared.ours) vs Cairo \(compared.cairo)")
            worst = max(worst, compared.worstChannel)
        }
        // Antialiased edges differ (analytic area vs Cairo's sampled coverage), never by more
        // than this many levels of 255 for these colours.
        #expect(worst <= 60, "worst channel difference \(worst)")
        #expect(worst > 0, "the comparison must have seen antialiased pixels")
    }
}

extension SolidRasterTests {
    @Test("a batch of overlapping solid quads composites to exactly the pixels of drawing them one by one")
    func batchIsBitExact() throws {
        var rng = SplitMix64(seed: 0xBA7C)
        for round in 0..<6 {
            let direct = try Self.background(), batched = try Self.background()
            var batch = SolidBatch()
            var added = 0
            for k in 0..<60 {
                let a = SIMD2(Double.random(in: -10...74, using: &rng), Double.random(in: -10...58, using: &rng))
                let b = SIMD2(Double.random(in: -10...74, using: &rng), Double.random(in: -10...58, using: &rng))
                let width = k % 4 == 0 ? Double.random(in: 2...14, using: &rng) : Double.random(in: 0.5...1.8, using: &rng)
                let color = RGBA(
                    Double.random(in: 0...1, using: &rng), Double.random(in: 0...1, using: &rng),
                    Double.random(in: 0...1, using: &rng), k % 5 == 0 ? 1 : Double.random(in: 0.02...0.9, using: &rng))
                let corners = Self.segment(a, b, width: width)
                let drawn = QuadRasterizer.fillSolid(corners: corners, color: color, into: direct)
                let queued = batch.add(
                    corners: corners, color: color, width: Self.size.width, height: Self.size.height, stride: batched.stride)
                #expect(drawn == queued)
                if queued { added += 1 }
            }
            batched.withMutablePixels { base, stride in
                batch.composite(into: PixelTarget(base: base, stride: stride, width: Self.size.width, height: Self.size.height))
            }
            #expect(added > 50 && batch.count > 50, "round \(round)")
            #expect(Self.pixels(batched) == Self.pixels(direct), "round \(round)")
        }
    }
}
