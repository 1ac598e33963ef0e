/// A 4×4 matrix of doubles acting on column vectors (`p' = M · p`), stored as rows.
public struct Mat4: Sendable, Equatable {
    /// Rows, top to bottom; each row is `(m[r][0], m[r][1], m[r][2], m[r][3])`.
    public var rows: [SIMD4<Double>]

    /// Creates a matrix from four rows.
    public init(rows r0: SIMD4<Double>, _ r1: SIMD4<Double>, _ r2: SIMD4<Double>, _ r3: SIMD4<Double>) {
        rows = [r0, r1, r2, r3]
    }

    public static let identity = Mat4(rows: [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1])

    /// Element at row `r`, column `c`.
    public subscript(r: Int, c: Int) -> Double {
        get { rows[r][c] }
        set { rows[r][c] = newValue }
    }

    /// A translation by `t`.
    public static func translation(_ t: Vec3) -> Mat4 {
        Mat4(rows: [1, 0, 0, t.x], [0, 1, 0, t.y], [0, 0, 1, t.z], [0, 0, 0, 1])
    }

    /// A uniform or per-axis scale.
    public static func scale(_ s: Vec3) -> Mat4 {
        Mat4(rows: [s.x, 0, 0, 0], [0, s.y, 0, 0], [0, 0, s.z, 0], [0, 0, 0, 1])
    }

    /// A rotation of `radians` about the +Y axis (counter-clockwise seen from +Y).
    public static func rotationY(_ radians: Double) -> Mat4 {
        let c = _cos(radians), s = _sin(radians)
        return Mat4(rows: [c, 0, s, 0], [0, 1, 0, 0], [-s, 0, c, 0], [0, 0, 0, 1])
    }

    /// Matrix product `a · b` (apply `b` first).
    public static func * (a: Mat4, b: Mat4) -> Mat4 {
        var out = [SIMD4<Double>](repeating: .zero, count: 4)
        for r in 0..<4 {
            var row = SIMD4<Double>.zero
            for k in 0..<4 { row += a.rows[r][k] * b.rows[k] }
            out[r] = row
        }
        return Mat4(rows: out[0], out[1], out[2], out[3])
    }

    /// `M · v` for a homogeneous vector.
    public func apply(_ v: SIMD4<Double>) -> SIMD4<Double> {
        SIMD4((rows[0] * v).sum(), (rows[1] * v).sum(), (rows[2] * v).sum(), (rows[3] * v).sum())
    }

    /// Transforms a point (w = 1), dividing by the resulting w when it is not 1.
    public func transformPoint(_ p: Vec3) -> Vec3 {
        let h = apply(SIMD4(p.x, p.y, p.z, 1))
        return h.w == 1 || h.w == 0 ? Vec3(h.x, h.y, h.z) : Vec3(h.x / h.w, h.y / h.w, h.z / h.w)
    }

    /// Transforms a direction (w = 0): no translation.
    public func transformDirection(_ d: Vec3) -> Vec3 {
        let h = apply(SIMD4(d.x, d.y, d.z, 0))
        return Vec3(h.x, h.y, h.z)
    }
}

@inline(__always) func _cos(_ x: Double) -> Double { cosine(x) }
@inline(__always) func _sin(_ x: Double) -> Double { sine(x) }
