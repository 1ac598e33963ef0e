import DigitSamples
import Foundation
import Testing

/// SVG path data: each command, absolute and relative, the compact number grammar, and
/// refusals with reasons.
@Suite("SVG path data")
struct SVGPathTests {
    /// The strokes of `d` in a 1000×1000 SVG (under `transform`), as point lists.
    func parse(_ d: String, _ transform: String = "") throws -> [[(Double, Double)]] {
        let svg = "<svg width='1000' height='1000'><path transform='\(transform)' d='\(d)'/></svg>"
        let strokes = try SVGStrokes.decode(Array(svg.utf8), file: "p.svg")
        return strokes.strokes.map { $0.points.map { ($0.x, $0.y) } }
    }

    /// Distance from `p` to the polyline `line`.
    func distance(_ p: (Double, Double), to line: [(Double, Double)]) -> Double {
        zip(line, line.dropFirst()).map { a, b in
            let (dx, dy) = (b.0 - a.0, b.1 - a.1)
            let l2 = dx * dx + dy * dy
            let t = l2 > 0 ? min(max(((p.0 - a.0) * dx + (p.1 - a.1) * dy) / l2, 0), 1) : 0
            return hypot(p.0 - a.0 - t * dx, p.1 - a.1 - t * dy)
        }.min() ?? .infinity
    }

    func close(_ a: (Double, Double), _ b: (Double, Double), _ eps: Double = 1e-9) -> Bool {
        abs(a.0 - b.0) <= eps && abs(a.1 - b.1) <= eps
    }

    @Test("M and L, absolute and relative, and implicit lineto after moveto")
    func moveLine() throws {
        let abs = try parse("M10 20 L30 40 50 60")
        #expect(abs.count == 1)
        #expect(abs[0].map { [$0.0, $0.1] } == [[10, 20], [30, 40], [50, 60]])
        let rel = try parse("m10 20 l20 20 20 20")
        #expect(rel[0].map { [$0.0, $0.1] } == [[10, 20], [30, 40], [50, 60]])
        let implicit = try parse("M10,20 30,40")
        #expect(implicit[0].map { [$0.0, $0.1] } == [[10, 20], [30, 40]])
    }

    @Test("H and V, absolute and relative")
    func horizontalVertical() throws {
        #expect(try parse("M1 2 H10 V20")[0].map { [$0.0, $0.1] } == [[1, 2], [10, 2], [10, 20]])
        #expect(try parse("M1 2 h10 v20")[0].map { [$0.0, $0.1] } == [[1, 2], [11, 2], [11, 22]])
    }

    @Test("Z closes to the subpath start; a new M starts another stroke")
    func closePath() throws {
        let paths = try parse("M0 0 L10 0 L10 10 Z M20 20 l5 0 z")
        #expect(paths.count == 2)
        #expect(paths[0].map { [$0.0, $0.1] } == [[0, 0], [10, 0], [10, 10], [0, 0]])
        #expect(paths[1].map { [$0.0, $0.1] } == [[20, 20], [25, 20], [20, 20]])
    }

    @Test("C and c end where they should and pass through the curve's midpoint")
    func cubic() throws {
        let a = try parse("M0 0 C0 100 100 100 100 0")[0]
        let r = try parse("M0 0 c0 100 100 100 100 0")[0]
        #expect(close(a.last!, (100, 0)))
        #expect(a.count == r.count)
        for (p, q) in zip(a, r) { #expect(close(p, q)) }
        // B(0.5) = (50, 75) and B(0.25) = (15.625, 56.25) lie within the 0.1 px tolerance of the polyline.
        #expect(distance((50, 75), to: a) <= 0.1)
        #expect(distance((15.625, 56.25), to: a) <= 0.1)
        #expect(a.count > 8)
    }

    @Test("S reflects the previous control point (s relative)")
    func smoothCubic() throws {
        let s = try parse("M0 0 C0 50 50 50 50 0 S100 -50 100 0")[0]
        let c = try parse("M0 0 C0 50 50 50 50 0 C50 -50 100 -50 100 0")[0]
        #expect(s.count == c.count)
        for (p, q) in zip(s, c) { #expect(close(p, q)) }
        let rel = try parse("M0 0 c0 50 50 50 50 0 s50 -50 50 0")[0]
        for (p, q) in zip(rel, c) { #expect(close(p, q)) }
    }

    @Test("Q, T and their relative forms")
    func quadratic() throws {
        let q = try parse("M0 0 Q50 100 100 0")[0]
        #expect(close(q.last!, (100, 0)))
        #expect(distance((50, 50), to: q) <= 0.1)  // B(0.5)
        let t = try parse("M0 0 Q50 100 100 0 T200 0")[0]
        let explicit = try parse("M0 0 Q50 100 100 0 Q150 -100 200 0")[0]
        #expect(t.count == explicit.count)
        for (p, e) in zip(t, explicit) { #expect(close(p, e)) }
        let rel = try parse("m0 0 q50 100 100 0 t100 0")[0]
        for (p, e) in zip(rel, explicit) { #expect(close(p, e)) }
    }

    @Test("A: a half circle stays on the circle; relative a and run-together flags")
    func arc() throws {
        let half = try parse("M0 0 A50 50 0 0 1 100 0")[0]
        #expect(close(half.last!, (100, 0)))
        for p in half { #expect(abs(hypot(p.0 - 50, p.1) - 50) < 1e-6) }
        // Sweep 1 on screen (y down) goes through the top: y < 0.
        #expect(half.contains { $0.1 < -49 })
        let rel = try parse("M0 0 a50 50 0 0 1 100 0")[0]
        for (p, q) in zip(half, rel) { #expect(close(p, q)) }
        let packed = try parse("M0 0a50 50 0 01100 0")[0]
        for (p, q) in zip(half, packed) { #expect(close(p, q)) }
        // Radii too small are scaled up so the arc still reaches its end.
        let small = try parse("M0 0 A1 1 0 0 0 100 0")[0]
        #expect(close(small.last!, (100, 0)))
        #expect(small.contains { $0.1 > 49 })
    }

    @Test("compact numbers: 1.5.5, signs as separators, exponents")
    func numbers() throws {
        #expect(try parse("M1.5.5L-1-2 1e1 2E-1")[0].map { [$0.0, $0.1] } == [[1.5, 0.5], [-1, -2], [10, 0.2]])
    }

    @Test("the transform applies to every point")
    func transformed() throws {
        #expect(try parse("M1 1 L2 3", "translate(100 0) scale(2)")[0].map { [$0.0, $0.1] } == [[102, 2], [104, 6]])
    }

    @Test(
        "bad path data is refused with the reason",
        arguments: [
            ("L10 10", "must start with a command M or m"),
            ("M10", "expected a number"),
            ("M10 10 L5 x", "found 'x'"),
            ("M10 10 L5 5 x", "unexpected 'x'"),
            ("M0 0 A5 5 0 2 1 10 10", "arc flag must be 0 or 1"),
            ("M1e999 0", "not finite"),
        ])
    func refusals(_ d: String, _ reason: String) throws {
        #expect {
            _ = try parse(d)
        } throws: { error in
            "\(error)".contains("p.svg:1") && "\(error)".contains(reason)
        }
    }
}
