import Support

#if canImport(Glibc)
    import Glibc
#endif

/// Elastic distortion of training digits (Simard, Steinkraus & Platt 2003, "Best practices for
/// convolutional neural networks applied to visual document analysis"): every pixel gets a
/// random displacement, uniform in [−1, 1] on each axis, the two displacement images are
/// smoothed by a Gaussian of standard deviation ``sigma`` pixels and scaled by ``alpha``.
/// Small σ gives noise-like jitter, large σ a near-translation; σ ≈ 3–4 bends strokes the way
/// hands do. Used through ``Augmentation/elastic``, in the same bilinear resampling as the
/// affine transform.
public struct ElasticDistortion: Sendable, Equatable {
    /// Scale of the smoothed field, in pixels per unit of smoothed noise.
    public let alpha: Float
    /// Standard deviation of the smoothing Gaussian, in pixels.
    public let sigma: Float

    /// The accepted ranges (a σ beyond 10 px smooths a 28-pixel digit into a translation; an
    /// α beyond 100 tears it apart).
    public static let alphaRange: ClosedRange<Float> = 0...100
    public static let sigmaRange: ClosedRange<Float> = 0.5...10

    /// A distortion of strength `alpha` and smoothness `sigma`; values outside
    /// ``alphaRange`` / ``sigmaRange`` (or not finite) are an error saying which.
    public init(alpha: Float, sigma: Float) throws(TrainingError) {
        guard alpha.isFinite, Self.alphaRange.contains(alpha) else {
            throw .invalidOption("the elastic strength alpha must be between 0 and 100 pixels, not \(alpha)")
        }
        guard sigma.isFinite, Self.sigmaRange.contains(sigma) else {
            throw .invalidOption("the elastic smoothing sigma must be between 0.5 and 10 pixels, not \(sigma)")
        }
        self.alpha = alpha
        self.sigma = sigma
    }

    /// One displacement field for a `(side×side)` image: `dx` and `dy`, each `(side×side)`
    /// row-major, in pixels (the sampled position of output pixel `(x, y)` moves by
    /// `(dx, dy)`). `rng` draws all of `dx`'s noise, then all of `dy`'s.
    public func field(side: Int, rng: inout SplitMix64) -> (dx: [Float], dy: [Float]) {
        let n = side * side
        let weights = Self.gaussianWeights(sigma: sigma)
        let rawX = (0..<n).map { _ in rng.nextFloat(in: -1...1) }
        let rawY = (0..<n).map { _ in rng.nextFloat(in: -1...1) }
        let dx = Self.smooth(rawX, side: side, weights: weights).map { $0 * alpha }
        let dy = Self.smooth(rawY, side: side, weights: weights).map { $0 * alpha }
        return (dx, dy)
    }

    /// The normalised 1-D Gaussian `(2r+1)`, `r = ⌈3σ⌉`, entry `r + k` ∝ exp(−k²/2σ²), summing to 1.
    public static func gaussianWeights(sigma: Float) -> [Float] {
        let r = Swift.max(1, Int((3 * sigma).rounded(.up)))
        let s = Double(sigma)
        let raw = (-r...r).map { k in exp(-Double(k * k) / (2 * s * s)) }
        let total = raw.reduce(0, +)
        return raw.map { Float($0 / total) }
    }

    /// Separable Gaussian smoothing of a `(side×side)` image, zero outside: a horizontal pass
    /// `(side×side) → (side×side)` then a vertical one, `O(side²·(2r+1))` each. Agrees with
    /// ``smoothReference(_:side:weights:)`` to rounding.
    public static func smooth(_ src: [Float], side: Int, weights: [Float]) -> [Float] {
        let r = weights.count / 2
        var rows = [Float](repeating: 0, count: side * side)
        for y in 0..<side {
            for x in 0..<side {
                var sum: Float = 0
                for k in Swift.max(-r, -x)...Swift.min(r, side - 1 - x) {
                    sum += weights[r + k] * src[y * side + x + k]
                }
                rows[y * side + x] = sum
            }
        }
        var out = [Float](repeating: 0, count: side * side)
        for y in 0..<side {
            for x in 0..<side {
                var sum: Float = 0
                for k in Swift.max(-r, -y)...Swift.min(r, side - 1 - y) {
                    sum += weights[r + k] * rows[(y + k) * side + x]
                }
                out[y * side + x] = sum
            }
        }
        return out
    }

    /// Naive reference of ``smooth(_:side:weights:)``: the full 2-D convolution
    /// `(side×side) ⊛ (2r+1 × 2r+1)` with the outer product of `weights`, zero outside,
    /// `O(side²·(2r+1)²)`, summed in Float64.
    public static func smoothReference(_ src: [Float], side: Int, weights: [Float]) -> [Float] {
        let r = weights.count / 2
        var out = [Float](repeating: 0, count: side * side)
        for y in 0..<side {
            for x in 0..<side {
                var sum = 0.0
                for ky in -r...r {
                    for kx in -r...r {
                        let sy = y + ky, sx = x + kx
                        guard sy >= 0, sy < side, sx >= 0, sx < side else { continue }
                        sum += Double(weights[r + ky]) * Double(weights[r + kx]) * Double(src[sy * side + sx])
                    }
                }
                out[y * side + x] = Float(sum)
            }
        }
        return out
    }
}
