/// Stage 5: resampling with area averaging (shrinking) or bilinear interpolation (enlarging),
/// one axis at a time so grey levels are kept and edges stay smooth.
public enum Resample {
    /// For each of `target` output samples along an axis of `source` input samples, the input
    /// indices it reads and their weights (summing to 1).
    static func axisWeights(source n: Int, target m: Int) -> [[(index: Int, weight: Float)]] {
        precondition(n > 0 && m > 0)
        let ratio = Double(n) / Double(m)  // input samples per output sample
        return (0..<m).map { o in
            if m <= n {
                // area: the output sample covers [o·ratio, (o+1)·ratio) of the input.
                let lo = Double(o) * ratio, hi = Double(o + 1) * ratio
                var taps: [(index: Int, weight: Float)] = []
                var i = Int(lo)
                while Double(i) < hi && i < n {
                    let overlap = min(hi, Double(i + 1)) - max(lo, Double(i))
                    if overlap > 1e-9 { taps.append((index: i, weight: Float(overlap / ratio))) }
                    i += 1
                }
                return taps
            } else {
                // bilinear at the output sample's centre.
                let s = min(max((Double(o) + 0.5) * ratio - 0.5, 0), Double(n - 1))
                let i0 = Int(s), i1 = min(i0 + 1, n - 1)
                let f = Float(s - Double(i0))
                return f == 0 || i0 == i1 ? [(index: i0, weight: Float(1))] : [(index: i0, weight: 1 - f), (index: i1, weight: f)]
            }
        }
    }

    /// Taps of every output sample packed into flat arrays: output `o` reads
    /// `index[start[o]..<start[o+1]]` with the matching `weight`s.
    struct PackedTaps {
        var start: [Int] = [0]
        var index: [Int] = []
        var weight: [Float] = []
        init(_ taps: [[(index: Int, weight: Float)]]) {
            for list in taps {
                for t in list { index.append(t.index); weight.append(t.weight) }
                start.append(index.count)
            }
        }
    }

    /// Resizes a `width`×`height` source read row by row through `row(y, buffer)` (which fills
    /// `buffer` with the `width` values of row `y`) to `targetWidth`×`targetHeight`.
    public static func resize(
        width: Int, height: Int, targetWidth: Int, targetHeight: Int,
        row: (Int, inout [Float]) -> Void
    ) -> Plane<Float> {
        let xw = PackedTaps(axisWeights(source: width, target: targetWidth))
        let yw = PackedTaps(axisWeights(source: height, target: targetHeight))
        // Horizontal pass: height × targetWidth.
        var horizontal = [Float](repeating: 0, count: height * targetWidth)
        var buffer = [Float](repeating: 0, count: width)
        for y in 0..<height {
            row(y, &buffer)
            buffer.withUnsafeBufferPointer { src in
                horizontal.withUnsafeMutableBufferPointer { dst in
                    xw.index.withUnsafeBufferPointer { idx in
                        xw.weight.withUnsafeBufferPointer { wt in
                            for o in 0..<targetWidth {
                                var acc: Float = 0
                                for t in xw.start[o]..<xw.start[o + 1] { acc += src[idx[t]] * wt[t] }
                                dst[y * targetWidth + o] = acc
                            }
                        }
                    }
                }
            }
        }
        // Vertical pass.
        var out = [Float](repeating: 0, count: targetWidth * targetHeight)
        horizontal.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for o in 0..<targetHeight {
                    for t in yw.start[o]..<yw.start[o + 1] {
                        let base = yw.index[t] * targetWidth, w = yw.weight[t]
                        for x in 0..<targetWidth { dst[o * targetWidth + x] += src[base + x] * w }
                    }
                }
            }
        }
        return Plane(width: targetWidth, height: targetHeight, pixels: out)
    }

    /// Resizes a float plane.
    public static func resize(_ plane: Plane<Float>, width: Int, height: Int) -> Plane<Float> {
        resize(width: plane.width, height: plane.height, targetWidth: width, targetHeight: height) { y, buffer in
            for x in 0..<plane.width { buffer[x] = plane.pixels[y * plane.width + x] }
        }
    }

    /// The size inside a `side`×`side` box that keeps the aspect ratio of `width`×`height`
    /// with the longer side exactly `side`.
    public static func fittedSize(width: Int, height: Int, side: Int) -> (width: Int, height: Int) {
        let s = Double(side) / Double(max(width, height))
        return (
            max(1, min(side, Int((Double(width) * s).rounded()))),
            max(1, min(side, Int((Double(height) * s).rounded())))
        )
    }
}
