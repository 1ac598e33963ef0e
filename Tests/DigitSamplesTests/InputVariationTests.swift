import DigitSamples
import Foundation
import Testing

/// The sweep variations on a 28×28 input, checked against what each must do.
@Suite("Input variations")
struct InputVariationTests {
    /// A small asymmetric shape: an L of ink.
    static let shape: [Float] = (0..<(28 * 28)).map { i in
        let (x, y) = (i % 28, i / 28)
        return (x == 10 && (8...19).contains(y)) || (y == 19 && (10...17).contains(x)) ? 1 : 0
    }

    func mass(_ v: [Float]) -> Float { v.reduce(0, +) }

    @Test("amount zero (scale one) changes nothing", arguments: InputVariation.allCases)
    func identity(_ variation: InputVariation) {
        let out = variation.apply(Self.shape, side: 28, amount: variation == .scale ? 1 : 0)
        #expect(zip(out, Self.shape).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test("a whole-pixel shift moves every pixel exactly")
    func shift() {
        let out = InputVariation.shift.apply(Self.shape, side: 28, amount: 3)
        for y in 0..<28 {
            for x in 3..<28 { #expect(out[y * 28 + x] == Self.shape[y * 28 + x - 3]) }
        }
    }

    @Test("rotating 90° clockwise sends the point right of centre below it")
    func rotate() {
        var dot = [Float](repeating: 0, count: 28 * 28)
        dot[14 * 28 + 20] = 1  // right of the centre (14, 14)
        let out = InputVariation.rotate.apply(dot, side: 28, amount: 90)
        let best = out.indices.max { out[$0] < out[$1] }!
        #expect(best % 28 == 13 && best / 28 == 20)
    }

    @Test("scale 2 doubles the ink's extent; thickness adds ink, thinning removes it; erase wipes from the left")
    func others() {
        #expect(mass(InputVariation.scale.apply(Self.shape, side: 28, amount: 2)) > mass(Self.shape) * 1.5)
        #expect(mass(InputVariation.thickness.apply(Self.shape, side: 28, amount: 1)) > mass(Self.shape) * 2)
        #expect(mass(InputVariation.thickness.apply(Self.shape, side: 28, amount: -1)) < mass(Self.shape) * 0.1)
        let half = InputVariation.erase.apply(Self.shape, side: 28, amount: 0.5)
        #expect((0..<28).allSatisfy { y in (0..<14).allSatisfy { half[y * 28 + $0] == 0 } })
        #expect(mass(InputVariation.erase.apply(Self.shape, side: 28, amount: 1)) == 0)
    }
}
