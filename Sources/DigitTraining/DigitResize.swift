/// How MNIST's 28×28 digits become the input of a model of another size: area resampling.
/// Each output pixel is the mean of the source over the output pixel's footprint (its square
/// in source coordinates, fractional overlaps weighted exactly), so ink is neither lost when
/// shrinking nor sharpened when enlarging, and the digit keeps MNIST's proportions (20 of 28
/// pixels for the digit's box) at any size.
public enum DigitResize {
    /// The resampling weights of one size pair, built once and applied to every image (the
    /// trainer and the evaluator keep one per run instead of rebuilding them per digit).
    public struct Plan: Sendable {
        public let sourceHeight: Int, sourceWidth: Int, height: Int, width: Int
        /// `(height, sourceHeight)` and `(width, sourceWidth)` weights (see ``weights(source:destination:)``).
        let wy: [Float], wx: [Float]

        /// The plan for src (sh, sw) → dst (dh, dw).
        public init(sourceHeight sh: Int, sourceWidth sw: Int, height dh: Int, width dw: Int) {
            (sourceHeight, sourceWidth, height, width) = (sh, sw, dh, dw)
            wy = DigitResize.weights(source: sh, destination: dh)
            wx = DigitResize.weights(source: sw, destination: dw)
        }

        /// Resamples one image: src (sh, sw) → dst (dh, dw), separable (rows, then columns).
        public func apply(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>) {
            let (sh, sw, dh, dw) = (sourceHeight, sourceWidth, height, width)
            // (sh, sw) → (sh, dw), then (dh, dw).
            var rows = [Float](repeating: 0, count: sh * dw)
            for y in 0..<sh {
                for ox in 0..<dw {
                    var sum: Float = 0
                    for x in 0..<sw where wx[ox * sw + x] != 0 { sum += wx[ox * sw + x] * src[y * sw + x] }
                    rows[y * dw + ox] = sum
                }
            }
            for oy in 0..<dh {
                for ox in 0..<dw {
                    var sum: Float = 0
                    for y in 0..<sh where wy[oy * sh + y] != 0 { sum += wy[oy * sh + y] * rows[y * dw + ox] }
                    dst[oy * dw + ox] = sum
                }
            }
        }

        /// `image` (sh·sw values) resampled to (dh·dw) values.
        public func apply(_ image: [Float]) -> [Float] {
            precondition(image.count == sourceHeight * sourceWidth, "image has \(image.count) values")
            var out = [Float](repeating: 0, count: height * width)
            image.withUnsafeBufferPointer { s in
                out.withUnsafeMutableBufferPointer { d in apply(s.baseAddress!, into: d.baseAddress!) }
            }
            return out
        }
    }

    /// Weights `(dst, src)` for one axis: row `o` holds each source pixel's share of output
    /// pixel `o`'s footprint `[o·s/d, (o+1)·s/d)`, summing to 1.
    static func weights(source s: Int, destination d: Int) -> [Float] {
        var w = [Float](repeating: 0, count: d * s)
        let r = Double(s) / Double(d)
        for o in 0..<d {
            let lo = Double(o) * r, hi = Double(o + 1) * r
            var i = Int(lo)
            while i < s, Double(i) < hi {
                let overlap = Swift.min(hi, Double(i + 1)) - Swift.max(lo, Double(i))
                if overlap > 0 { w[o * s + i] = Float(overlap / r) }
                i += 1
            }
        }
        return w
    }

    /// Area resampling of one image: src (sh, sw) → dst (dh, dw). Builds the weights for
    /// this call; keep a ``Plan`` to resample many images of the same sizes.
    public static func area(
        _ src: UnsafePointer<Float>, height sh: Int, width sw: Int, into dst: UnsafeMutablePointer<Float>, height dh: Int,
        width dw: Int
    ) {
        Plan(sourceHeight: sh, sourceWidth: sw, height: dh, width: dw).apply(src, into: dst)
    }

    /// `image` (1, sh, sw) resampled to `shape` (1, dh, dw); unchanged when the sizes match.
    public static func area(_ image: [Float], from source: (height: Int, width: Int), to shape: [Int]) -> [Float] {
        let (dh, dw) = (shape[1], shape[2])
        if dh == source.height && dw == source.width { return image }
        return Plan(sourceHeight: source.height, sourceWidth: source.width, height: dh, width: dw).apply(image)
    }
}
