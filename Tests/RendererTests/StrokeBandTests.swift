import CairoGraphics
import Foundation
import Renderer
import Support
import Testing

/// `StrokeBand`, the path the frame's contribution lines take into the pixels: checked bit for
/// bit against the naive `ReferenceStrokeBand`, and for ink against Cairo's round-capped
/// stroke of the same path.
@Suite struct StrokeBandTests {
    static let size = (width: 72, height: 56)

    static func background() throws -> ImageSurface { try SolidRasterTests.background(width: size.width, height: size.height) }

    static func pixels(_ s: ImageSurface) -> [UInt32] {
        s.bgraBytes().withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) }
    }

    static func target(_ s: ImageSurface, _ body: (PixelTarget) -> Void) {
        s.withMutablePixels { base, stride in
            body(PixelTarget(base: base, stride: stride, width: s.width, height: s.height))
        }
    }

    /// Random segments, some converging on shared points (as contribution lines do), some
    /// partly or wholly off the target, some of zero length.
    static func segments(_ rng: inout SplitMix64, count: Int) -> [(SIMD2<Double>, SIMD2<Double>)] {
        let hubs = (0..<3).map { _ in SIMD2(Double.random(in: 0...72, using: &rng), Double.random(in: 0...56, using: &rng)) }
        return (0..<count).map { k in
            let a =
                k % 3 == 0
                ? hubs[k % hubs.count] : SIMD2(Double.random(in: -15...87, using: &rng), Double.random(in: -15...71, using: &rng))
            let b = k % 7 == 0 ? a : SIMD2(Double.random(in: -15...87, using: &rng), Double.random(in: -15...71, using: &rng))
            return (a, b)
        }
    }

    @Test("a band of round-capped segments is the reference's, bit for bit")
    func matchesTheReference() throws {
        var rng = SplitMix64(seed: 0x57_20CE)
        var inked = 0
        for k in 0..<24 {
            let width = [0.5, 0.675, 1, 1.3, 1.725, 3.5][k % 6]
            let color = RGBA(
                Double.random(in: 0...1, using: &rng), Double.random(in: 0...1, using: &rng),
                Double.random(in: 0...1, using: &rng), k % 4 == 0 ? 1 : Double.random(in: 0.05...0.9, using: &rng))
            let band = StrokeBand(segments: Self.segments(&rng, count: 1 + k % 9 * 3), width: width, color: color)
            let fast = try Self.background(), reference = try Self.background()
            Self.target(fast) { band.draw(into: $0) }
            Self.target(reference) { ReferenceStrokeBand.draw(band, into: $0) }
            let f = Self.pixels(fast), r = Self.pixels(reference), bg = Self.pixels(try Self.background())
            #expect(f == r, "band \(k)")
            inked += zip(f, bg).filter { $0 != $1 }.count
        }
        #expect(inked > 3000, "the bands must have drawn something")
    }

    @Test("coverage: 1 inside a wide line, the width across a thin one, 0 beyond half a pixel past the edge")
    func coverageProfile() {
        #expect(StrokeBand.coverage(distance: 0, halfWidth: 2) == 1)
        #expect(abs(StrokeBand.coverage(distance: 0, halfWidth: 0.3) - 0.6) < 1e-12)
        #expect(StrokeBand.coverage(distance: 2.5, halfWidth: 2) == 0)
        #expect(abs(StrokeBand.coverage(distance: 2, halfWidth: 2) - 0.5) < 1e-12)
        // Summed across a line, the coverage is its width.
        for r in [0.3, 0.6, 1.2] {
            let across = stride(from: -5.0, through: 5.0, by: 1).map { StrokeBand.coverage(distance: abs($0 + 0.25), halfWidth: r) }
            #expect(abs(across.reduce(0, +) - 2 * r) < 1e-9)
        }
    }

    @Test("overlapping segments lay their ink down once (the union), as Cairo's one-path stroke does")
    func overlapIsAUnion() throws {
        let a = SIMD2(10.0, 28.0), b = SIMD2(62.0, 28.3)
        let once = try Self.background(), twice = try Self.background()
        let color = RGBA(0.4, 0.8, 1, 0.5)
        Self.target(once) { StrokeBand(segments: [(a, b)], width: 1.5, color: color).draw(into: $0) }
        Self.target(twice) { StrokeBand(segments: [(a, b), (a, b), (b, a)], width: 1.5, color: color).draw(into: $0) }
        #expect(Self.pixels(once) == Self.pixels(twice))
    }

    @Test("a band puts down the same ink as Cairo's round-capped stroke of the same path, within a bound")
    func inkMatchesCairo() throws {
        var rng = SplitMix64(seed: 0xCA1_80)
        var worst = 0
        for k in 0..<18 {
            let width = [0.675, 1.2, 1.725][k % 3]
            let color = RGBA(0.35, 0.84, 1, [0.8, 0.3, 0.55][k % 3])
            let segments = Self.segments(&rng, count: 4 + k % 5).map {
                (pointwiseMin(pointwiseMax($0.0, SIMD2(3, 3)), SIMD2(69, 53)), pointwiseMin(pointwiseMax($0.1, SIMD2(3, 3)), SIMD2(69, 53)))
            }
            let ours = try Self.background(), cairo = try Self.background()
            Self.target(ours) { StrokeBand(segments: segments, width: width, color: color).draw(into: $0) }
            try InkComparison.strokeWithCairo(segments, width: width, color: color, roundCaps: true, on: cairo)
            let compared = InkComparison(
                ours: Self.pixels(ours), cairo: Self.pixels(cairo), background: Self.pixels(try Self.background()))
            #expect(
                abs(compared.ours - compared.cairo) <= 0.15 * compared.cairo + 60,
                "band \(k): ink \(compared.ours) vs Cairo \(compared.cairo)")
            worst = max(worst, compared.worstChannel)
        }
        // Antialiased edges differ (a box filter across the line against Cairo's sampled
        // coverage of the exact outline), by at most this many levels of 255.
        #expect(worst <= 80, "worst channel difference \(worst)")
        #expect(worst > 0, "the comparison must have seen antialiased pixels")
    }
}
