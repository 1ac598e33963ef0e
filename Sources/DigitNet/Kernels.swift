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
        if stride == 1 {
            im2colStride1(input: input, channels: c, height: h, width: w, kernel: k, padding: padding, columns: columns)
            return
        }
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

    /// Stride-1 `im2col` without per-pixel bounds checks: the input is copied once into a
    /// zero-padded `(C, H+2P, W+2P)` buffer, after which every column row is a run of
    /// contiguous copies. Same result as the general path (tested through `conv2D`).
    @inlinable
    static func im2colStride1(
        input: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int,
        kernel k: Int, padding: Int, columns: UnsafeMutablePointer<Float>
    ) {
        let hp = h + 2 * padding, wp = w + 2 * padding
        let ho = hp - k + 1, wo = wp - k + 1
        let n = ho * wo
        func unfold(_ padded: UnsafePointer<Float>) {
            for ci in 0..<c {
                for ky in 0..<k {
                    for kx in 0..<k {
                        var dst = columns + ((ci * k + ky) * k + kx) * n
                        var src = padded + (ci * hp + ky) * wp + kx
                        for _ in 0..<ho {
                            for ox in 0..<wo { dst[ox] = src[ox] }
                            dst += wo
                            src += wp
                        }
                    }
                }
            }
        }
        if padding == 0 {
            unfold(input)
            return
        }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: c * hp * wp) { buffer in
            let padded = buffer.baseAddress!
            padded.initialize(repeating: 0, count: c * hp * wp)
            for ci in 0..<c {
                for y in 0..<h {
                    (padded + (ci * hp + y + padding) * wp + padding).update(from: input + (ci * h + y) * w, count: w)
                }
            }
            unfold(padded)
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
        let n =
            outputSize(h, kernel: k, stride: stride, padding: padding)
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
        if window == 2 && stride == 2 && argmax == nil {
            maxPool2x2(input: input, channels: c, height: h, width: w, output: output)
            return
        }
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

    /// 2×2, stride-2 max pooling for inference (no arg-max bookkeeping): two input rows are
    /// read once per output row. input (C,H,W) → output (C,H/2,W/2). Tested against the
    /// general kernel. (A 16-lane version with even/odd lane maxima was 10× slower: Swift's
    /// `evenHalf` does not lower to one shuffle here.)
    @inlinable
    public static func maxPool2x2(
        input: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int, output: UnsafeMutablePointer<Float>
    ) {
        let ho = h / 2, wo = w / 2
        var out = output
        for ci in 0..<c {
            for oy in 0..<ho {
                let r0 = input + (ci * h + 2 * oy) * w
                let r1 = r0 + w
                for ox in 0..<wo {
                    let a = Swift.max(r0[2 * ox], r0[2 * ox + 1])
                    let b = Swift.max(r1[2 * ox], r1[2 * ox + 1])
                    out[ox] = Swift.max(a, b)
                }
                out += wo
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
                s0 = madd(s0, GEMM.load8(w0 + i), x)
                s1 = madd(s1, GEMM.load8(w1 + i), x)
                s2 = madd(s2, GEMM.load8(w2 + i), x)
                s3 = madd(s3, GEMM.load8(w3 + i), x)
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
            while i + 8 <= inputs { s = madd(s, GEMM.load8(wr + i), GEMM.load8(input + i)); i += 8 }
            var r = s.sum()
            while i < inputs { r += wr[i] * input[i]; i += 1 }
            output[o] = r + bias[o]
            o += 1
        }
    }

    // MARK: Element-wise

    /// In-place ReLU: x ← max(x, 0) (negative values become 0; −0 and NaN stay). (N) → (N).
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
