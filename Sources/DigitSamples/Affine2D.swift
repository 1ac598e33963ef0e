import Foundation

/// A 2D affine map `(x, y) ↦ (a·x + c·y + e, b·x + d·y + f)`, SVG's `matrix(a b c d e f)`.
public struct Affine2D: Sendable, Equatable {
    public var a: Double, b: Double, c: Double, d: Double, e: Double, f: Double

    public init(a: Double, b: Double, c: Double, d: Double, e: Double, f: Double) {
        self.a = a; self.b = b; self.c = c; self.d = d; self.e = e; self.f = f
    }

    public static let identity = Affine2D(a: 1, b: 0, c: 0, d: 1, e: 0, f: 0)

    public static func translation(_ x: Double, _ y: Double) -> Affine2D { Affine2D(a: 1, b: 0, c: 0, d: 1, e: x, f: y) }
    public static func scaling(_ x: Double, _ y: Double) -> Affine2D { Affine2D(a: x, b: 0, c: 0, d: y, e: 0, f: 0) }
    /// Rotation by `degrees` (positive turns x toward y: clockwise on screen).
    public static func rotation(degrees: Double) -> Affine2D {
        let r = degrees * .pi / 180
        return Affine2D(a: cos(r), b: sin(r), c: -sin(r), d: cos(r), e: 0, f: 0)
    }
    public static func skewX(degrees: Double) -> Affine2D { Affine2D(a: 1, b: 0, c: tan(degrees * .pi / 180), d: 1, e: 0, f: 0) }
    public static func skewY(degrees: Double) -> Affine2D { Affine2D(a: 1, b: tan(degrees * .pi / 180), c: 0, d: 1, e: 0, f: 0) }

    /// `self` after `inner`: applying the result maps a point by `inner` first, then `self`
    /// (SVG's `transform="A B"` is `A.concatenating(B)`).
    public func concatenating(_ inner: Affine2D) -> Affine2D {
        Affine2D(
            a: a * inner.a + c * inner.b, b: b * inner.a + d * inner.b,
            c: a * inner.c + c * inner.d, d: b * inner.c + d * inner.d,
            e: a * inner.e + c * inner.f + e, f: b * inner.e + d * inner.f + f)
    }

    /// The image of `(x, y)`.
    public func apply(_ x: Double, _ y: Double) -> (x: Double, y: Double) { (a * x + c * y + e, b * x + d * y + f) }

    /// How much the map scales lengths on average (√|det|): a pen width's factor.
    public var lengthScale: Double { sqrt(abs(a * d - b * c)) }
}
