import DigitNet

#if canImport(Glibc)
    import Glibc
    import Support
#endif

/// Random affine distortion of training digits: rotation, scale, shear and shift about the
/// image centre, resampled bilinearly. Ranges are ± around the identity. With ``elastic``,
/// an elastic displacement field bends the affine result in the same resampling.
public struct Augmentation: Sendable, Equatable {
    public var maxRotationDegrees: Float = 12
    public var maxScale: Float = 0.12
    public var maxShear: Float = 0.15
    public var maxShift: Float = 2.5
    /// Elastic distortion composed with the affine transform (nil: affine only, the default).
    /// Its field is drawn from `rng` after the affine parameters, so the affine part of every
    /// image is the same with or without it.
    public var elastic: ElasticDistortion? = nil

    public init() {}

    /// Samples one transform and writes the distorted `(28×28)` image into `dst` as floats in
    /// [0,1] (`src` bytes are 0…255). `rng` decides the transform. Output pixel `p` samples
    /// the source at `A⁻¹(p + d(p) − c − t) + c`: the affine map `A` about the centre `c`
    /// shifted by `t`, after the elastic displacement `d(p)` (zero without ``elastic``, which
    /// leaves the affine positions bit for bit: `x + 0 == x`).
    public func apply(src: UnsafePointer<UInt8>, dst: UnsafeMutablePointer<Float>, side: Int, rng: inout SplitMix64) {
        let angle = rng.nextFloat(in: -maxRotationDegrees...maxRotationDegrees) * .pi / 180
        let scale = 1 + rng.nextFloat(in: -maxScale...maxScale)
        let shear = rng.nextFloat(in: -maxShear...maxShear)
        let tx = rng.nextFloat(in: -maxShift...maxShift)
        let ty = rng.nextFloat(in: -maxShift...maxShift)
        // Forward map: p' = S·R·H·(p − c) + c + t. We sample with its inverse.
        let cosA = cosf(angle), sinA = sinf(angle)
        // M = scale · R · [[1, shear],[0,1]]
        let m00 = scale * cosA, m01 = scale * (cosA * shear - sinA)
        let m10 = scale * sinA, m11 = scale * (sinA * shear + cosA)
        let det = m00 * m11 - m01 * m10
        let i00 = m11 / det, i01 = -m01 / det, i10 = -m10 / det, i11 = m00 / det
        let c = Float(side - 1) / 2
        let field = elastic?.field(side: side, rng: &rng)
        for y in 0..<side {
            for x in 0..<side {
                let ex = field?.dx[y * side + x] ?? 0, ey = field?.dy[y * side + x] ?? 0
                let dx = (Float(x) + ex) - c - tx, dy = (Float(y) + ey) - c - ty
                let sx = i00 * dx + i01 * dy + c
                let sy = i10 * dx + i11 * dy + c
                dst[y * side + x] = Self.bilinear(src, side: side, x: sx, y: sy)
            }
        }
    }

    /// Bilinear sample of a byte image at a fractional position; outside is 0.
    static func bilinear(_ src: UnsafePointer<UInt8>, side: Int, x: Float, y: Float) -> Float {
        let x0 = Int(floorf(x)), y0 = Int(floorf(y))
        let fx = x - Float(x0), fy = y - Float(y0)
        func px(_ xi: Int, _ yi: Int) -> Float {
            guard xi >= 0, yi >= 0, xi < side, yi < side else { return 0 }
            return Float(src[yi * side + xi])
        }
        let top = px(x0, y0) * (1 - fx) + px(x0 + 1, y0) * fx
        let bottom = px(x0, y0 + 1) * (1 - fx) + px(x0 + 1, y0 + 1) * fx
        return (top * (1 - fy) + bottom * fy) / 255
    }
}
