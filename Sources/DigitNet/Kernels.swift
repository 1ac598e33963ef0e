/// Layer kernels on raw buffers. Each optimized kernel has a naive twin it is tested against.
///
/// Layouts: feature maps `(C,H,W)`, convolution weights `(F,C,K,K)`, dense weights
/// `(Out,In)` (PyTorch's layout), all row-major.
public enum Kernels {
    /// Output side length of a convolution or pooling window.
    @inlinable
    public static func outputSize(_ size: Int, kernel: Int, stride: Int, padding: Int) -> Int {
        (size + 2 * padding - kernel) / stride + 1
    }

    // MARK: Convolution

    /// Direct convolution, the reference.
    /// input (C,H,W), weight (F,C,K,K), bias (F) → output (F,H',W').
    public static func conv2DNaive(
        input: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, filters f: Int, kernel k: Int,
        stride: Int, padding: Int, output: UnsafeMutablePointer<Float>
    ) {
        let ho = outputSize(h, kernel: k, stride: stride, padding: padding)
        let wo = outputSize(w, kernel: k, stride: stride, padding: padding)
        for fi in 0..<f {
            for oy in 0..<ho {
                for ox in 0..<wo {
                    var sum = bias[fi]
                    for ci in 0..<c {
                        for ky in 0..<k {
                            let iy = oy * stride + ky - padding
                            if iy < 0 || iy >= h { continue }
                            for kx in 0..<k {
                                let ix = ox * stride + kx - padding
                                if ix < 0 || ix >= w { continue }
                                sum += input[(ci * h + iy) * w + ix] * weight[((fi * c + ci) * k + ky) * k + kx]
                            }
                        }
                    }
                    output[(fi * ho + oy) * wo + ox] = sum
                }
            }
        }
    }

    /// Unfolds input patches into columns: input (C,H,W) → columns (C·K·K, H'·W'), zeros
    /// where a patch hangs over the padding.
    @inlinable
    public static func im2col(
        input: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int,
        kernel k: Int, stride: Int, padding: Int, columns: UnsafeMutablePointer<Float>
    ) {
        let ho = outputSize(h, kernel: k, stride: stride, padding: padding)
        let wo = outputSize(w, kernel: k, stride: stride, padding: padding)
        let n = ho * wo
        for ci in 0..<c {
            for ky in 0..<k {
                for kx in 0..<k {
                    let row = columns + ((ci * k + ky) * k + kx) * n
                    for oy in 0..<ho {
                        let iy = oy * stride + ky - padding
                        let dst = row + oy * wo
                        if iy < 0 || iy >= h {
                            dst.update(repeating: 0, count: wo)
                            continue
                        }
                        let src = input + (ci * h + iy) * w
                        for ox in 0..<wo {
                            let ix = ox * stride + kx - padding
                            dst[ox] = (ix >= 0 && ix < w) ? src[ix] : 0
                        }
                    }
                }
            }
        }
    }

    /// Folds column gradients back onto the input, summing overlaps (adjoint of `im2col`):
    /// columns (C·K·K, H'·W') → input gradient (C,H,W), which is overwritten.
    @inlinable
    public static func col2im(
        columns: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int,
        kernel k: Int, stride: Int, padding: Int, input: UnsafeMutablePointer<Float>
    ) {
        let ho = outputSize(h, kernel: k, stride: stride, padding: padding)
        let wo = outputSize(w, kernel: k, stride: stride, padding: padding)
        let n = ho * wo
        input.update(repeating: 0, count: c * h * w)
        for ci in 0..<c {
            for ky in 0..<k {
                for kx in 0..<k {
                    let row = columns + ((ci * k + ky) * k + kx) * n
                    for oy in 0..<ho {
                        let iy = oy * stride + ky - padding
                        if iy < 0 || iy >= h { continue }
                        let dst = input + (ci * h + iy) * w
                        for ox in 0..<wo {
                            let ix = ox * stride + kx - padding
                            if ix >= 0 && ix < w { dst[ix] += row[oy * wo + ox] }
                        }
                    }
                }
            }
        }
    }

    /// im2col + blocked GEMM. input (C,H,W), weight (F,C·K·K), bias (F) → output (F,H',W').
    /// `scratch` must hold C·K·K·H'·W' floats.
    @inlinable
    public static func conv2D(
        input: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, filters f: Int, kernel k: Int,
        stride: Int, padding: Int, output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        let n = outputSize(h, kernel: k, stride: stride, padding: padding)
            * outputSize(w, kernel: k, stride: stride, padding: padding)
        im2col(input: input, channels: c, height: h, width: w, kernel: k, stride: stride, padding: padding, columns: scratch)
        for fi in 0..<f { (output + fi * n).update(repeating: bias[fi], count: n) }
        GEMM.blocked(weight, scratch, output, m: f, n: n, k: c * k * k, accumulate: true)
    }

    // MARK: Pooling

    /// Max pooling with a square window. input (C,H,W) → output (C,H',W'); `argmax` (if given)
    /// receives the flat input index of each chosen maximum, for backpropagation.
    @inlinable
    public static func maxPool2D(
        input: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int,
        window: Int, stride: Int, output: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>?
    ) {
        let ho = outputSize(h, kernel: window, stride: stride, padding: 0)
        let wo = outputSize(w, kernel: window, stride: stride, padding: 0)
        for ci in 0..<c {
            for oy in 0..<ho {
                for ox in 0..<wo {
                    var best = -Float.infinity
                    var bestIndex = 0
                    for dy in 0..<window {
                        for dx in 0..<window {
                            let idx = (ci * h + oy * stride + dy) * w + ox * stride + dx
                            if input[idx] > best { best = input[idx]; bestIndex = idx }
                        }
                    }
                    let o = (ci * ho + oy) * wo + ox
                    output[o] = best
                    argmax?[o] = Int32(bestIndex)
                }
            }
        }
    }

    // MARK: Dense

    /// Reference dense layer: x (In), weight (Out,In), bias (Out) → y (Out).
    public static func denseNaive(
        input: UnsafePointer<Float>, inputs: Int, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        outputs: Int, output: UnsafeMutablePointer<Float>
    ) {
        for o in 0..<outputs {
            var sum = bias[o]
            for i in 0..<inputs { sum += weight[o * inputs + i] * input[i] }
            output[o] = sum
        }
    }

    /// SIMD dense layer (dot product of each weight row with x, 8 lanes at a time, 4 rows per pass).
    /// x (In), weight (Out,In), bias (Out) → y (Out).
    @inlinable
    public static func dense(
        input: UnsafePointer<Float>, inputs: Int, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        outputs: Int, output: UnsafeMutablePointer<Float>
    ) {
        var o = 0
        while o + 4 <= outputs {
            let w0 = weight + o * inputs, w1 = w0 + inputs, w2 = w1 + inputs, w3 = w2 + inputs
            var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
            var i = 0
            while i + 8 <= inputs {
                let x = GEMM.load8(input + i)
                s0 = s0 + GEMM.load8(w0 + i) * x
                s1 = s1 + GEMM.load8(w1 + i) * x
                s2 = s2 + GEMM.load8(w2 + i) * x
                s3 = s3 + GEMM.load8(w3 + i) * x
                i += 8
            }
            var r0 = s0.sum(), r1 = s1.sum(), r2 = s2.sum(), r3 = s3.sum()
            while i < inputs {
                let x = input[i]
                r0 += w0[i] * x; r1 += w1[i] * x; r2 += w2[i] * x; r3 += w3[i] * x
                i += 1
            }
            output[o] = r0 + bias[o]; output[o + 1] = r1 + bias[o + 1]
            output[o + 2] = r2 + bias[o + 2]; output[o + 3] = r3 + bias[o + 3]
            o += 4
        }
        while o < outputs {
            let wr = weight + o * inputs
            var s = SIMD8<Float>()
            var i = 0
            while i + 8 <= inputs { s = s + GEMM.load8(wr + i) * GEMM.load8(input + i); i += 8 }
            var r = s.sum()
            while i < inputs { r += wr[i] * input[i]; i += 1 }
            output[o] = r + bias[o]
            o += 1
        }
    }

    // MARK: Element-wise

    /// In-place ReLU: x ← max(x, 0).
    @inlinable
    public static func relu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count where x[i] < 0 { x[i] = 0 }
    }

    /// Numerically stable softmax: logits (N) → probabilities (N).
    @inlinable
    public static func softmax(_ logits: UnsafePointer<Float>, count: Int, output: UnsafeMutablePointer<Float>) {
        var m = -Float.infinity
        for i in 0..<count { m = Swift.max(m, logits[i]) }
        var total: Float = 0
        for i in 0..<count {
            let e = expf(logits[i] - m)
            output[i] = e
            total += e
        }
        for i in 0..<count { output[i] /= total }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
