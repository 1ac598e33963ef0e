#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The kernels of the layers beyond LeNet's (average pooling, batch normalisation, tanh,
/// sigmoid, log-softmax). Each is a direct loop over the definition, tested against values
/// computed by hand; none has an optimized twin (they cost little next to convolutions).
///
/// Layouts as in ``Kernels``: feature maps `(C,H,W)`, vectors `(N)`, row-major.
public enum LayerKernels {
    /// Average pooling with a square window and no padding (every window lies inside the
    /// input, so each average is over `window²` values). input (C,H,W) → output (C,H',W').
    public static func avgPool2D(
        input: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int,
        window: Int, stride: Int, output: UnsafeMutablePointer<Float>
    ) {
        let ho = Kernels.outputSize(h, kernel: window, stride: stride, padding: 0)
        let wo = Kernels.outputSize(w, kernel: window, stride: stride, padding: 0)
        let scale = 1 / Float(window * window)
        for ci in 0..<c {
            for oy in 0..<ho {
                for ox in 0..<wo {
                    var sum: Float = 0
                    for dy in 0..<window {
                        for dx in 0..<window { sum += input[(ci * h + oy * stride + dy) * w + ox * stride + dx] }
                    }
                    output[(ci * ho + oy) * wo + ox] = sum * scale
                }
            }
        }
    }

    /// Inference batch normalisation with the running statistics: for channel `c` and each of
    /// its `spatial` positions, `y = (x − mean[c]) / √(var[c] + eps) · weight[c] + bias[c]`.
    /// input (C, spatial) → output (C, spatial); `spatial` is H·W for feature maps, 1 for vectors.
    public static func batchNorm(
        input: UnsafePointer<Float>, channels: Int, spatial: Int, mean: UnsafePointer<Float>,
        variance: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, eps: Float,
        output: UnsafeMutablePointer<Float>
    ) {
        for c in 0..<channels {
            let scale = weight[c] / (variance[c] + eps).squareRoot()
            let shift = bias[c] - mean[c] * scale
            for i in (c * spatial)..<((c + 1) * spatial) { output[i] = input[i] * scale + shift }
        }
    }

    /// In-place tanh: x ← tanh(x). (N) → (N).
    public static func tanh(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { x[i] = tanhf(x[i]) }
    }

    /// In-place logistic sigmoid: x ← 1 / (1 + e^−x), computed without overflow for large |x|.
    /// (N) → (N).
    public static func sigmoid(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            let v = x[i]
            if v >= 0 {
                x[i] = 1 / (1 + expf(-v))
            } else {
                let e = expf(v)
                x[i] = e / (1 + e)
            }
        }
    }

    /// Numerically stable log-softmax: logits (N) → log-probabilities (N),
    /// `x − max − log Σ e^(x − max)`.
    public static func logSoftmax(_ logits: UnsafePointer<Float>, count: Int, output: UnsafeMutablePointer<Float>) {
        var m = -Float.infinity
        for i in 0..<count { m = Swift.max(m, logits[i]) }
        var total: Float = 0
        for i in 0..<count { total += expf(logits[i] - m) }
        let shift = m + logf(total)
        for i in 0..<count { output[i] = logits[i] - shift }
    }
}
