import CairoGraphics
import Foundation
import Renderer
import Support
import Testing

/// `QuadRasterizer.drawFaded`, the path of the faint curtain under each slab (a quad whose
/// opacity grows down the screen): checked against its naive twin, and against the Cairo
/// vertical linear gradient fill it replaces in frames.
@Suite struct FadedQuadTests {
    static let (w, h) = (64, 48)

    /// A random convex quad in texture order (a jittered trapezoid, like a curtain).
    static func quad(_ rng: inout SplitMix64) -> [SIMD2<Double>] {
        let x0 = Double.random(in: -8...30, using: &rng), x1 = x0 + Double.random(in: 4...40, using: &rng)
        let top0 = Double.random(in: -6...20, using: &rng), top1 = top0 + Double.random(in: -6...6, using: &rng)
        let depth = Double.random(in: 3...40, using: &rng)
        return [SIMD2(x0, top0), SIMD2(x1, top1), SIMD2(x1 + 1.5, top1 + depth), SIMD2(x0 - 1, top0 + depth * 0.9)]
    }

    static func draw(_ surface: ImageSurface, _ body: (PixelTarget) -> Void) {
        surface.withMutablePixels { base, stride in body(PixelTarget(base: base, stride: stride, width: w, height: h)) }
    }

    @Test("a faded quad is its naive twin's: within 1 per channel inside, 2 at edges, nothing outside")
    func matchesTheReference() throws {
        var rng = SplitMix64(seed: 0xFADE)
        var compared = (interior: 0, edge: 0)
        for k in 0..<60 {
            let corners = Self.quad(&rng)
            let color = RGBA(
                Double.random(in: 0...1, using: &rng), Double.random(in: 0...1, using: &rng),
                Double.random(in: 0...1, using: &rng), k % 3 == 0 ? 1 : Double.random(in: 0.1...0.9, using: &rng))
            let top = corners.map(\.y).min()!, span = corners.map(\.y).max()! - top
            let fade = { (y: Double) in (y - top) / span }
            let quad = TexturedQuad.solid(corners: corners, color: color)
            let fast = try SolidRasterTests.background(), reference = try SolidRasterTests.background()
            Self.draw(fast) { QuadRasterizer.drawFaded(quad, fade: fade, into: $0) }
            Self.draw(reference) { ReferenceQuadRasterizer.drawFaded(quad, fade: fade, into: $0) }
            for (i, cover, difference) in SolidRasterTests.compared(fast, reference, over: quad) {
                if cover >= 1 {
                    compared.interior += 1
                    #expect(difference <= 1, "quad \(k) pixel \(i)")
                } else if cover > 0 {
                    compared.edge += 1
                    #expect(difference <= 2, "quad \(k) pixel \(i)")
                } else {
                    #expect(difference == 0, "quad \(k) pixel \(i) outside changed")
                }
            }
        }
        #expect(compared.interior > 2000 && compared.edge > 500)
    }

    @Test("against Cairo's vertical linear gradient fill: within 6 per channel inside at full alpha, 1 at 16 %; 24 at edges")
    func matchesCairosGradient() throws {
        var rng = SplitMix64(seed: 0xC0_FADE)
        var worstEdge = 0, worstInside = (full: 0, faint: 0)
        for k in 0..<40 {
            let corners = Self.quad(&rng)
            let color = RGBA(0.3, 0.8, 0.9, k % 2 == 0 ? 1 : 0.16)
            let top = corners.map(\.y).min()!, bottom = corners.map(\.y).max()!
            let quad = TexturedQuad.solid(corners: corners, color: color)
            let fast = try SolidRasterTests.background(), cairo = try SolidRasterTests.background()
            Self.draw(fast) { QuadRasterizer.drawFaded(quad, fade: { ($0 - top) / (bottom - top) }, into: $0) }
            let c = try Context(cairo)
            c.newPath()
            c.polygon(corners.map { ($0.x, $0.y) })
            c.setLinearGradient(x0: 0, y0: top, x1: 0, y1: bottom, stops: [(0, color.withAlpha(0)), (1, color)])
            c.fill()
            cairo.flush()
            for (i, cover, difference) in SolidRasterTests.compared(fast, cairo, over: quad) {
                if cover >= 1 {
                    // pixman's gradient walker is 8-bit: a level or few at full alpha where
                    // the ramp is steep (up to 85 levels a row here), one at the curtain's 16 %.
                    if color.a >= 1 {
                        worstInside.full = max(worstInside.full, difference)
                    } else {
                        worstInside.faint = max(worstInside.faint, difference)
                    }
                    #expect(difference <= (color.a >= 1 ? 6 : 1), "quad \(k) pixel \(i)")
                } else {
                    worstEdge = max(worstEdge, difference)
                    #expect(difference <= 24, "quad \(k) pixel \(i)")
                }
            }
        }
        print(
            "faded quad vs Cairo gradient: worst inside \(worstInside.full) (alpha 1), \(worstInside.faint) (alpha 0.16); worst edge \(worstEdge) levels"
        )
    }

    @Test("a fade of 0 draws nothing, one of 1 is the solid fill; a quad of several texels is refused")
    func limits() throws {
        let corners: [SIMD2<Double>] = [SIMD2(5.3, 4.2), SIMD2(40.7, 6.1), SIMD2(41.2, 30.5), SIMD2(4.8, 28.9)]
        let color = RGBA(0.9, 0.4, 0.2, 0.7)
        let blank = SolidRasterTests.pixels(try SolidRasterTests.background())
        let none = try SolidRasterTests.background()
        Self.draw(none) { QuadRasterizer.drawFaded(TexturedQuad.solid(corners: corners, color: color), fade: { _ in -3 }, into: $0) }
        #expect(SolidRasterTests.pixels(none) == blank)
        let full = try SolidRasterTests.background(), solid = try SolidRasterTests.background()
        Self.draw(full) { QuadRasterizer.drawFaded(TexturedQuad.solid(corners: corners, color: color), fade: { _ in 7 }, into: $0) }
        #expect(QuadRasterizer.fillSolid(corners: corners, color: color, into: solid))
        #expect(SolidRasterTests.pixels(full) == SolidRasterTests.pixels(solid))
        var wide = TexturedQuad.solid(corners: corners, color: color)
        wide.width = 2
        wide.texels = [0, 0]
        let refused = try SolidRasterTests.background()
        Self.draw(refused) { QuadRasterizer.drawFaded(wide, fade: { _ in 1 }, into: $0) }
        #expect(SolidRasterTests.pixels(refused) == blank)
    }
}
