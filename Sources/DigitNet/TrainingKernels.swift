/// Kernels of the trainer's steps that are not matrix products: each has a naive twin
/// (`…Naive`) it is tested against bit for bit, and each keeps the order of every sum the
/// trainer had before, so trained weights stay byte-identical (only max, ReLU, selections and
/// copies are fused or reordered: they are exact).
///
/// Layouts as in ``Kernels``: feature maps `(C,H,W)`, row-major.
public enum TrainingKernels {
    // MARK: Row sums (bias gradients)

    /// Reference: `sums[r] += Σ_e rows[r·length + e]`, each row summed from 0 in order e = 0, 1, …
    /// rows (R, L) → sums (R).
    public static func addRowSumsNaive(
        _ rows: UnsafePointer<Float>, count: Int, length: Int, into sums: UnsafeMutablePointer<Float>
    ) {
        for r in 0..<count {
            var sum: Float = 0
            let row = rows + r * length
            for e in 0..<length { sum += row[e] }
            sums[r] += sum
        }
    }

    /// ``addRowSumsNaive(_:count:length:into:)`` with four rows' sums side by side: each sum is
    /// still one chain of adds in order, but four chains run at once instead of one (a single
    /// chain waits on every add's latency). rows (R, L) → sums (R).
    @inlinable
    public static func addRowSums(
        _ rows: UnsafePointer<Float>, count: Int, length: Int, into sums: UnsafeMutablePointer<Float>
    ) {
        var r = 0
        while r + 4 <= count {
            let r0 = rows + r * length, r1 = r0 + length, r2 = r1 + length, r3 = r2 + length
            var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
            for e in 0..<length {
                s0 += r0[e]; s1 += r1[e]; s2 += r2[e]; s3 += r3[e]
            }
            sums[r] += s0; sums[r + 1] += s1; sums[r + 2] += s2; sums[r + 3] += s3
            r += 4
        }
        while r < count {
            var sum: Float = 0
            let row = rows + r * length
            for e in 0..<length { sum += row[e] }
            sums[r] += sum
            r += 1
        }
    }

    // MARK: ReLU

    /// y = x where x is not below 0, else 0 (−0 and NaN pass, as `Kernels.relu`), in one pass
    /// instead of a copy and an in-place ReLU. (N) → (N).
    @inlinable
    public static func relu(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        let zero = SIMD8<Float>()
        while i + 8 <= count {
            let v = GEMM.load8(x + i)
            GEMM.store8(v.replacing(with: zero, where: v .< zero), y + i)
            i += 8
        }
        while i < count {
            y[i] = x[i] < 0 ? 0 : x[i]
            i += 1
        }
    }

    /// ReLU backward: dx = dy where y > 0, else 0. (N) → (N).
    @inlinable
    public static func reluBackward(
        _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, count: Int
    ) {
        var i = 0
        let zero = SIMD8<Float>()
        while i + 8 <= count {
            let g = GEMM.load8(dy + i)
            GEMM.store8(zero.replacing(with: g, where: GEMM.load8(y + i) .> zero), dx + i)
            i += 8
        }
        while i < count {
            dx[i] = y[i] > 0 ? dy[i] : 0
            i += 1
        }
    }

    // MARK: 2×2 max pooling with arg-max

    /// 2×2, stride-2 max pooling recording each maximum's flat input index, the same values
    /// and indices as `Kernels.maxPool2D(window: 2, stride: 2)` (start at −∞ and index 0, take
    /// a value only when strictly greater, in the order (0,0), (0,1), (1,0), (1,1)), with
    /// selects instead of branches. input (C,H,W) → output (C,H/2,W/2), argmax (C,H/2,W/2).
    @inlinable
    public static func maxPool2x2(
        input: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int,
        output: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>
    ) {
        pool2x2(input: input, channels: c, height: h, width: w, output: output, argmax: argmax, reluFirst: false)
    }

    /// ReLU then 2×2, stride-2 max pooling in one pass: the values and arg-maxes of
    /// `relu` followed by ``maxPool2x2(input:channels:height:width:output:argmax:)`` (each
    /// value is clamped before it is compared, so ties between clamped zeros resolve the
    /// same way), without writing the ReLU's output. input (C,H,W) → output (C,H/2,W/2),
    /// argmax (C,H/2,W/2).
    @inlinable
    public static func reluMaxPool2x2(
        input: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int,
        output: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>
    ) {
        pool2x2(input: input, channels: c, height: h, width: w, output: output, argmax: argmax, reluFirst: true)
    }

    /// The loop of both poolings above: each window's four values (clamped at zero first
    /// when `reluFirst`: `v < 0 ? 0 : v`, so NaN and −0 pass through as the ReLU leaves
    /// them) compared in order, strictly greater wins. input (C,H,W) → output (C,H/2,W/2),
    /// argmax (C,H/2,W/2). Always inlined, so each caller gets its own specialised loop.
    @usableFromInline @inline(__always)
    static func pool2x2(
        input: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int,
        output: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>, reluFirst: Bool
    ) {
        let ho = h / 2, wo = w / 2
        var o = 0
        @inline(__always) func load(_ i: Int) -> Float {
            let v = input[i]
            return reluFirst && v < 0 ? 0 : v
        }
        for ci in 0..<c {
            for oy in 0..<ho {
                let top = (ci * h + 2 * oy) * w
                for ox in 0..<wo {
                    let i0 = top + 2 * ox, i2 = i0 + w
                    var best = -Float.infinity
                    var index = 0
                    let v0 = load(i0), v1 = load(i0 + 1), v2 = load(i2), v3 = load(i2 + 1)
                    if v0 > best { best = v0; index = i0 }
                    if v1 > best { best = v1; index = i0 + 1 }
                    if v2 > best { best = v2; index = i2 }
                    if v3 > best { best = v3; index = i2 + 1 }
                    output[o] = best
                    argmax[o] = Int32(truncatingIfNeeded: index)
                    o += 1
                }
            }
        }
    }

    /// Backward of ``reluMaxPool2x2(input:channels:height:width:output:argmax:)``: dx is 0
    /// except at each window's recorded maximum where the ReLU's input x is positive, which
    /// gets `0 + dy` — the zero fill and `+=` of the pooling's scatter followed by the ReLU's
    /// mask (`relu(x) > 0` exactly when `x > 0`), in one pass. dy (C,H/2,W/2), argmax
    /// (C,H/2,W/2), x (C,H,W) → dx (C,H,W), all written.
    @inlinable
    public static func reluMaxPool2x2Backward(
        _ dy: UnsafePointer<Float>, argmax: UnsafePointer<Int32>, input x: UnsafePointer<Float>, channels c: Int,
        height h: Int, width w: Int, into dx: UnsafeMutablePointer<Float>
    ) {
        let ho = h / 2, wo = w / 2
        if h % 2 != 0 || w % 2 != 0 { dx.update(repeating: 0, count: c * h * w) }
        var o = 0
        var stray = false
        for ci in 0..<c {
            for oy in 0..<ho {
                let top = (ci * h + 2 * oy) * w
                for ox in 0..<wo {
                    let i0 = top + 2 * ox, i2 = i0 + w
                    let arg = Int(argmax[o])
                    let g: Float = 0 + dy[o]
                    dx[i0] = arg == i0 && x[i0] > 0 ? g : 0
                    dx[i0 + 1] = arg == i0 + 1 && x[i0 + 1] > 0 ? g : 0
                    dx[i2] = arg == i2 && x[i2] > 0 ? g : 0
                    dx[i2 + 1] = arg == i2 + 1 && x[i2 + 1] > 0 ? g : 0
                    if arg != i0 && arg != i0 + 1 && arg != i2 && arg != i2 + 1 { stray = true }
                    o += 1
                }
            }
        }
        // A window of NaNs keeps the start index 0, outside itself: the scatter added its
        // gradient there. Redo each such target as the scatter did (every gradient aimed at
        // it, in order, onto 0), then the ReLU's mask.
        guard stray else { return }
        var done = Set<Int>()
        for p in 0..<o {
            let t = Int(argmax[p])
            guard !done.contains(t) else { continue }
            let ty = (t % (h * w)) / w, tx = t % w
            let own = ty / 2 < ho && tx / 2 < wo ? ((t / (h * w)) * ho + ty / 2) * wo + tx / 2 : -1
            if own == p { continue }
            done.insert(t)
            var sum: Float = 0
            for q in 0..<o where Int(argmax[q]) == t { sum += dy[q] }
            dx[t] = x[t] > 0 ? sum : 0
        }
    }

    // MARK: im2col / col2im

    /// Copies `count` floats from `src` to `dst`, eight at a time then one by one (the rows
    /// here are 10–28 floats: a `memcpy` call per row cost more than the copy).
    @inlinable @inline(__always)
    static func copyRow(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            GEMM.store8(GEMM.load8(src + i), dst + i)
            i += 8
        }
        while i < count {
            dst[i] = src[i]
            i += 1
        }
    }

    /// `Kernels.im2col` (same columns) with rows copied eight floats at a time; stride 1
    /// unfolds from a zero-padded copy of the input in `padded`, which must hold
    /// C·(H+2P)·(W+2P) floats, without padding straight from the input. Other strides fall
    /// back to `Kernels.im2col`. input (C,H,W) → columns (C·K·K, H'·W').
    @inlinable
    public static func im2col(
        input: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int, kernel k: Int, stride: Int,
        padding: Int, columns: UnsafeMutablePointer<Float>, padded: UnsafeMutablePointer<Float>
    ) {
        guard stride == 1 else {
            Kernels.im2col(
                input: input, channels: c, height: h, width: w, kernel: k, stride: stride, padding: padding, columns: columns)
            return
        }
        let hp = h + 2 * padding, wp = w + 2 * padding
        let ho = hp - k + 1, wo = wp - k + 1
        let n = ho * wo
        var source = input
        if padding > 0 {
            padded.update(repeating: 0, count: c * hp * wp)
            for ci in 0..<c {
                for y in 0..<h {
                    copyRow(input + (ci * h + y) * w, padded + (ci * hp + y + padding) * wp + padding, count: w)
                }
            }
            source = UnsafePointer(padded)
        }
        for ci in 0..<c {
            for ky in 0..<k {
                for kx in 0..<k {
                    var dst = columns + ((ci * k + ky) * k + kx) * n
                    var src = source + (ci * hp + ky) * wp + kx
                    for _ in 0..<ho {
                        copyRow(src, dst, count: wo)
                        dst += wo
                        src += wp
                    }
                }
            }
        }
    }

    /// `Kernels.col2im` (the same sums in the same order: for each input value, its column
    /// entries added in (channel, ky, kx) order onto 0) for stride 1 with each row's valid span
    /// computed once and added eight lanes at a time (each lane its own input value); other
    /// strides fall back to `Kernels.col2im`. columns (C·K·K, H'·W') → input gradient (C,H,W),
    /// overwritten.
    @inlinable
    public static func col2im(
        columns: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int, kernel k: Int, stride: Int,
        padding: Int, input: UnsafeMutablePointer<Float>
    ) {
        guard stride == 1 else {
            Kernels.col2im(
                columns: columns, channels: c, height: h, width: w, kernel: k, stride: stride, padding: padding, input: input)
            return
        }
        let ho = Kernels.outputSize(h, kernel: k, stride: 1, padding: padding)
        let wo = Kernels.outputSize(w, kernel: k, stride: 1, padding: padding)
        let n = ho * wo
        input.update(repeating: 0, count: c * h * w)
        for ci in 0..<c {
            for ky in 0..<k {
                // Output rows whose input row iy = oy + ky − padding lies inside the image.
                let oyLow = Swift.max(0, padding - ky), oyHigh = Swift.min(ho, h + padding - ky)
                for kx in 0..<k {
                    let oxLow = Swift.max(0, padding - kx), oxHigh = Swift.min(wo, w + padding - kx)
                    guard oxLow < oxHigh else { continue }
                    let row = columns + ((ci * k + ky) * k + kx) * n
                    let span = oxHigh - oxLow
                    var oy = oyLow
                    while oy < oyHigh {
                        let dst = input + (ci * h + oy + ky - padding) * w + oxLow + kx - padding
                        let src = row + oy * wo + oxLow
                        var i = 0
                        while i + 8 <= span {
                            GEMM.store8(GEMM.load8(dst + i) + GEMM.load8(src + i), dst + i)
                            i += 8
                        }
                        while i < span {
                            dst[i] += src[i]
                            i += 1
                        }
                        oy += 1
                    }
                }
            }
        }
    }
}
