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
                if wo >= 8 {
                    // Eight windows side by side, the last eight overlapping when wo % 8 ≠ 0
                    // (they write the same values again).
                    var ox = 0
                    while ox < wo {
                        let x0 = Swift.min(ox, wo - 8)
                        pool2x2Lanes(
                            input: input, top: top + 2 * x0, width: w, output: output + o + x0, argmax: argmax + o + x0,
                            reluFirst: reluFirst)
                        ox = x0 + 8
                    }
                    o += wo
                    continue
                }
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

    /// Eight windows of ``pool2x2(input:channels:height:width:output:argmax:reluFirst:)``,
    /// lane = window: the top row's 16 values at `top` split into each window's (0,0) and
    /// (0,1), the bottom row's into (1,0) and (1,1); compared in that order, strictly greater
    /// wins (each lane as the scalar loop). Writes outputs and arg-maxes 0..<8.
    @usableFromInline @inline(__always)
    static func pool2x2Lanes(
        input: UnsafePointer<Float>, top: Int, width w: Int, output: UnsafeMutablePointer<Float>,
        argmax: UnsafeMutablePointer<Int32>, reluFirst: Bool
    ) {
        let zero = SIMD8<Float>()
        @inline(__always) func clamp(_ v: SIMD8<Float>) -> SIMD8<Float> {
            reluFirst ? v.replacing(with: zero, where: v .< zero) : v
        }
        let upper = UnsafeRawPointer(input + top).loadUnaligned(as: SIMD16<Float>.self)
        let lower = UnsafeRawPointer(input + top + w).loadUnaligned(as: SIMD16<Float>.self)
        let v0 = clamp(upper.evenHalf), v1 = clamp(upper.oddHalf)
        let v2 = clamp(lower.evenHalf), v3 = clamp(lower.oddHalf)
        let i0 = SIMD8<Int32>(0, 2, 4, 6, 8, 10, 12, 14) &+ Int32(truncatingIfNeeded: top)
        let i1 = i0 &+ 1, i2 = i0 &+ Int32(truncatingIfNeeded: w), i3 = i2 &+ 1
        var best = SIMD8<Float>(repeating: -.infinity)
        var index = SIMD8<Int32>()
        let take0 = v0 .> best
        best.replace(with: v0, where: take0)
        index.replace(with: i0, where: take0)
        let take1 = v1 .> best
        best.replace(with: v1, where: take1)
        index.replace(with: i1, where: take1)
        let take2 = v2 .> best
        best.replace(with: v2, where: take2)
        index.replace(with: i2, where: take2)
        let take3 = v3 .> best
        best.replace(with: v3, where: take3)
        index.replace(with: i3, where: take3)
        UnsafeMutableRawPointer(output).storeBytes(of: best, as: SIMD8<Float>.self)
        UnsafeMutableRawPointer(argmax).storeBytes(of: index, as: SIMD8<Int32>.self)
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
                if wo >= 8 {
                    // Eight windows side by side (the last eight overlapping, as in the forward).
                    var ox = 0
                    while ox < wo {
                        let x0 = Swift.min(ox, wo - 8)
                        if reluMaxPool2x2BackwardLanes(
                            dy + o + x0, argmax: argmax + o + x0, input: x, top: top + 2 * x0, width: w, into: dx)
                        {
                            stray = true
                        }
                        ox = x0 + 8
                    }
                    o += wo
                    continue
                }
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

    /// Eight windows of ``reluMaxPool2x2Backward(_:argmax:input:channels:height:width:into:)``,
    /// lane = window, the top-left input at `top` (16 values of the top row and of the
    /// bottom row written). Returns whether a window's arg-max lies outside it.
    @usableFromInline @inline(__always)
    static func reluMaxPool2x2BackwardLanes(
        _ dy: UnsafePointer<Float>, argmax: UnsafePointer<Int32>, input x: UnsafePointer<Float>, top: Int, width w: Int,
        into dx: UnsafeMutablePointer<Float>
    ) -> Bool {
        let zero = SIMD8<Float>()
        let g = zero + UnsafeRawPointer(dy).loadUnaligned(as: SIMD8<Float>.self)
        let arg = UnsafeRawPointer(argmax).loadUnaligned(as: SIMD8<Int32>.self)
        let upper = UnsafeRawPointer(x + top).loadUnaligned(as: SIMD16<Float>.self)
        let lower = UnsafeRawPointer(x + top + w).loadUnaligned(as: SIMD16<Float>.self)
        let i0 = SIMD8<Int32>(0, 2, 4, 6, 8, 10, 12, 14) &+ Int32(truncatingIfNeeded: top)
        let i1 = i0 &+ 1, i2 = i0 &+ Int32(truncatingIfNeeded: w), i3 = i2 &+ 1
        let at0 = arg .== i0, at1 = arg .== i1, at2 = arg .== i2, at3 = arg .== i3
        let d0 = zero.replacing(with: g, where: at0 .& (upper.evenHalf .> zero))
        let d1 = zero.replacing(with: g, where: at1 .& (upper.oddHalf .> zero))
        let d2 = zero.replacing(with: g, where: at2 .& (lower.evenHalf .> zero))
        let d3 = zero.replacing(with: g, where: at3 .& (lower.oddHalf .> zero))
        UnsafeMutableRawPointer(dx + top).storeBytes(of: interleave(d0, d1), as: SIMD16<Float>.self)
        UnsafeMutableRawPointer(dx + top + w).storeBytes(of: interleave(d2, d3), as: SIMD16<Float>.self)
        return any(.!(at0 .| at1 .| at2 .| at3))
    }

    /// (a₀, b₀, a₁, b₁, …, a₇, b₇).
    @usableFromInline @inline(__always)
    static func interleave(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD16<Float> {
        SIMD16(a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3], a[4], b[4], a[5], b[5], a[6], b[6], a[7], b[7])
    }

    // MARK: im2col / col2im

    /// Copies `count` floats from `src` to `dst`, eight at a time (the rows here are 10–28
    /// floats: a `memcpy` call per row cost more than the copy). From 8 floats on, the last
    /// eight are copied again at `count − 8` (overlapping, the same values) instead of one by
    /// one; below 8, one by one.
    @inlinable @inline(__always)
    static func copyRow(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            GEMM.store8(GEMM.load8(src + i), dst + i)
            i += 8
        }
        if i < count && count >= 8 {
            GEMM.store8(GEMM.load8(src + count - 8), dst + count - 8)
            return
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

    /// Floats past the end of the columns that ``col2imNarrow(columns:channels:height:width:kernel:padding:input:)``
    /// may read (and ignore).
    public static let col2imSlack = 32

    /// Whether ``col2imNarrow(columns:channels:height:width:kernel:padding:input:)`` takes
    /// this shape: stride 1, rows of at most 16 values, padding at most 16.
    @inlinable
    public static func col2imNarrowFits(width w: Int, stride: Int, padding: Int) -> Bool {
        stride == 1 && w >= 1 && w <= 16 && padding >= 0 && padding <= 16
    }

    /// `Kernels.col2im` for stride 1 and rows of at most 16 values (the same sums in the same
    /// order, so the same bits), one input row at a time held in two eight-lane registers:
    /// for each kernel row ky, then column kx, the row gets its column entries added lane-wise
    /// (lanes whose column entry would lie outside the output add +0, exact here: a sum that
    /// starts at +0 is never −0). The old loop added ten-value spans into memory one kernel
    /// position at a time. `columns` must be readable ``col2imSlack`` floats past its end.
    /// columns (C·K·K, H'·W') → input gradient (C,H,W), overwritten.
    @inlinable
    public static func col2imNarrow(
        columns: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int, kernel k: Int, padding: Int,
        input: UnsafeMutablePointer<Float>
    ) {
        let ho = Kernels.outputSize(h, kernel: k, stride: 1, padding: padding)
        let wo = Kernels.outputSize(w, kernel: k, stride: 1, padding: padding)
        let n = ho * wo
        guard ho > 0, wo > 0 else {
            input.update(repeating: 0, count: c * h * w)
            return
        }
        let low = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7), high = low &+ 8
        let zero = SIMD8<Float>()
        withUnsafeTemporaryAllocation(of: SIMDMask<SIMD8<Int32>>.self, capacity: 2 * k) { masks in
            // Lane ix of kernel column kx reads output column ox = ix + padding − kx: valid
            // when 0 ≤ ox < W' and ix < W (all ones), else 0.
            for kx in 0..<k {
                let shift = Int32(padding - kx), width = Int32(w), outputs = Int32(wo)
                let ox0 = low &+ shift, ox1 = high &+ shift
                (masks.baseAddress! + 2 * kx).initialize(to: (ox0 .>= 0) .& (ox0 .< outputs) .& (low .< width))
                (masks.baseAddress! + 2 * kx + 1).initialize(to: (ox1 .>= 0) .& (ox1 .< outputs) .& (high .< width))
            }
            for ci in 0..<c {
                for iy in 0..<h {
                    var a0 = zero, a1 = zero
                    for ky in 0..<k {
                        let oy = iy + padding - ky
                        guard oy >= 0 && oy < ho else { continue }
                        for kx in 0..<k {
                            let src = columns + ((ci * k + ky) * k + kx) * n + oy * wo + padding - kx
                            let v = UnsafeRawPointer(src).loadUnaligned(as: SIMD16<Float>.self)
                            a0 = a0 + zero.replacing(with: v.lowHalf, where: masks[2 * kx])
                            a1 = a1 + zero.replacing(with: v.highHalf, where: masks[2 * kx + 1])
                        }
                    }
                    let dst = input + (ci * h + iy) * w
                    if w >= 8 {
                        GEMM.store8(a0, dst)
                        for i in 8..<w { dst[i] = a1[i - 8] }
                    } else {
                        for i in 0..<w { dst[i] = a0[i] }
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
