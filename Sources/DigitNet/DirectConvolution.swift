/// Direct convolution kernels for inference (no im2col columns), each tested against
/// `Kernels.conv2DNaive`.
///
/// Every output is accumulated in one fixed order: the bias, then one fused multiply-add per
/// tap in `(channel, ky, kx)` order, the order of the im2col rows. So the two kernels here,
/// whichever one a layer uses, give bit-identical results for a layer, on any batch, on any
/// thread: batched evaluation and the traced forward pass agree exactly.
extension Kernels {
    /// Single input channel, stride 1: vectorised along output rows, 8 columns per SIMD
    /// lane group, two filters × four column groups (eight accumulators) per pass; the last
    /// column group of a row overlaps the one before when the width is not a multiple of 8
    /// (it recomputes identical values). Needs output width ≥ 8.
    /// input (1,H,W), weight (F,1,K,K), bias (F) → output (F,H',W').
    /// `scratch`: (H+2P)·(W+2P) floats, used when `padding > 0`.
    @inlinable
    public static func conv2DSingleChannel(
        input: UnsafePointer<Float>, height h: Int, width w: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, filters f: Int, kernel k: Int,
        padding: Int, output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        let hp = h + 2 * padding, wp = w + 2 * padding
        let ho = hp - k + 1, wo = wp - k + 1
        precondition(wo >= 8, "conv2DSingleChannel needs an output width of at least 8")
        var src = input
        if padding > 0 {
            scratch.initialize(repeating: 0, count: hp * wp)
            for y in 0..<h { (scratch + (y + padding) * wp + padding).update(from: input + y * w, count: w) }
            src = UnsafePointer(scratch)
        }
        // Column groups: 0, 8, 16, …, and wo−8 last (overlapping) when wo % 8 ≠ 0.
        let groups = (wo + 7) / 8
        @inline(__always) func column(_ g: Int) -> Int { Swift.min(g * 8, wo - 8) }
        let kk = k * k
        for oy in 0..<ho {
            var g = 0
            while g < groups {
                let span = Swift.min(4, groups - g)
                var fi = 0
                while fi < f {
                    let pair = fi + 1 < f
                    singleChannelBlock(
                        src: src + oy * wp, rowStride: wp, columns: (column(g), column(g + 1), column(g + 2), column(g + 3)),
                        span: span, w0: weight + fi * kk, w1: weight + (pair ? fi + 1 : fi) * kk,
                        b0: bias[fi], b1: bias[pair ? fi + 1 : fi], kernel: k,
                        out0: output + (fi * ho + oy) * wo, out1: pair ? output + ((fi + 1) * ho + oy) * wo : nil)
                    fi += 2
                }
                g += span
            }
        }
    }

    /// Up to four column groups of one output row for two filters (`out1` nil: one filter).
    @inlinable @inline(__always)
    static func singleChannelBlock(
        src: UnsafePointer<Float>, rowStride wp: Int, columns: (Int, Int, Int, Int), span: Int,
        w0: UnsafePointer<Float>, w1: UnsafePointer<Float>, b0: Float, b1: Float, kernel k: Int,
        out0: UnsafeMutablePointer<Float>, out1: UnsafeMutablePointer<Float>?
    ) {
        let c0 = columns.0, c1 = span > 1 ? columns.1 : c0, c2 = span > 2 ? columns.2 : c0
        let c3 = span > 3 ? columns.3 : c0
        var a00 = SIMD8(repeating: b0), a01 = a00, a02 = a00, a03 = a00
        var a10 = SIMD8(repeating: b1), a11 = a10, a12 = a10, a13 = a10
        for ky in 0..<k {
            let row = src + ky * wp
            let wr0 = w0 + ky * k, wr1 = w1 + ky * k
            for kx in 0..<k {
                let r = row + kx
                let x0 = GEMM.load8(r + c0), x1 = GEMM.load8(r + c1)
                let x2 = GEMM.load8(r + c2), x3 = GEMM.load8(r + c3)
                let v0 = SIMD8(repeating: wr0[kx]), v1 = SIMD8(repeating: wr1[kx])
                a00 = madd(a00, v0, x0); a01 = madd(a01, v0, x1); a02 = madd(a02, v0, x2); a03 = madd(a03, v0, x3)
                a10 = madd(a10, v1, x0); a11 = madd(a11, v1, x1); a12 = madd(a12, v1, x2); a13 = madd(a13, v1, x3)
            }
        }
        GEMM.store8(a00, out0 + c0)
        if span > 1 { GEMM.store8(a01, out0 + c1) }
        if span > 2 { GEMM.store8(a02, out0 + c2) }
        if span > 3 { GEMM.store8(a03, out0 + c3) }
        if let out1 {
            GEMM.store8(a10, out1 + c0)
            if span > 1 { GEMM.store8(a11, out1 + c1) }
            if span > 2 { GEMM.store8(a12, out1 + c2) }
            if span > 3 { GEMM.store8(a13, out1 + c3) }
        }
    }

    /// Any channel count, kernel, stride and padding: an implicit GEMM over output pixels ×
    /// filters, vectorised across filters with packed weights (`PackedConvolution`): six
    /// pixels × sixteen filters (twelve accumulators) per pass, each tap one broadcast input
    /// value per pixel and two weight vectors. The input is read in place through a table of
    /// tap offsets (no columns are built).
    /// input (C,H,W), packed weights (C·K·K, F rounded up to 8) and bias → output (F,H',W').
    /// `scratch`: C·(H+2P)·(W+2P) floats, used when `padding > 0`.
    @inlinable
    public static func conv2DPacked(
        input: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int,
        packed: PackedConvolution, stride: Int, padding: Int,
        output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        let k = packed.kernel, f = packed.filters, fp = packed.paddedFilters
        let hp = h + 2 * padding, wp = w + 2 * padding
        let ho = (hp - k) / stride + 1, wo = (wp - k) / stride + 1
        let pixels = ho * wo
        var src = input
        if padding > 0 {
            scratch.initialize(repeating: 0, count: c * hp * wp)
            for ci in 0..<c {
                for y in 0..<h {
                    (scratch + (ci * hp + y + padding) * wp + padding).update(from: input + (ci * h + y) * w, count: w)
                }
            }
            src = UnsafePointer(scratch)
        }
        let taps = c * k * k
        packed.weight.withUnsafeBufferPointer { wbuf in
            packed.bias.withUnsafeBufferPointer { bbuf in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: taps) { tapBuffer in
                    let tap = tapBuffer.baseAddress!
                    for ci in 0..<c {
                        for ky in 0..<k {
                            for kx in 0..<k { tap[(ci * k + ky) * k + kx] = (ci * hp + ky) * wp + kx }
                        }
                    }
                    @inline(__always) func origin(_ q: Int) -> Int { (q / wo) * stride * wp + (q % wo) * stride }
                    let wbase = wbuf.baseAddress!, bbase = bbuf.baseAddress!
                    var g = 0
                    while g < fp {
                        let two = g + 16 <= fp
                        var q = 0
                        while q + 6 <= pixels {
                            packedBlock6(
                                src: src, origins: (origin(q), origin(q + 1), origin(q + 2), origin(q + 3), origin(q + 4), origin(q + 5)),
                                tap: tap, taps: taps, weight: wbase + g, paddedFilters: fp, bias: bbase + g, two: two,
                                output: output, pixel: q, pixels: pixels, firstFilter: g, filters: f)
                            q += 6
                        }
                        while q < pixels {
                            packedBlock1(
                                src: src + origin(q), tap: tap, taps: taps, weight: wbase + g, paddedFilters: fp, bias: bbase + g,
                                two: two, output: output, pixel: q, pixels: pixels, firstFilter: g, filters: f)
                            q += 1
                        }
                        g += two ? 16 : 8
                    }
                }
            }
        }
    }

    /// Writes the filter lanes of `v` (filters `first…first+7`) of output pixel `q` into
    /// the `(F, pixels)` output, skipping the zero-padding lanes past `filters`.
    @inlinable @inline(__always)
    static func scatter(
        _ v: SIMD8<Float>, _ output: UnsafeMutablePointer<Float>, pixel q: Int, pixels: Int, first: Int, filters: Int
    ) {
        let lanes = Swift.min(8, filters - first)
        var o = output + first * pixels + q
        for l in 0..<lanes {
            o.pointee = v[l]
            o += pixels
        }
    }

    /// Six pixels × 16 (`two`) or 8 filters.
    @inlinable @inline(__always)
    static func packedBlock6(
        src: UnsafePointer<Float>, origins: (Int, Int, Int, Int, Int, Int), tap: UnsafePointer<Int>, taps: Int,
        weight: UnsafePointer<Float>, paddedFilters fp: Int, bias: UnsafePointer<Float>, two: Bool,
        output: UnsafeMutablePointer<Float>, pixel q: Int, pixels: Int, firstFilter g: Int, filters f: Int
    ) {
        let p0 = src + origins.0, p1 = src + origins.1, p2 = src + origins.2
        let p3 = src + origins.3, p4 = src + origins.4, p5 = src + origins.5
        let bias0 = GEMM.load8(bias)
        var a0 = bias0, a1 = bias0, a2 = bias0, a3 = bias0, a4 = bias0, a5 = bias0
        if two {
            let bias1 = GEMM.load8(bias + 8)
            var b0 = bias1, b1 = bias1, b2 = bias1, b3 = bias1, b4 = bias1, b5 = bias1
            var wp = weight
            for t in 0..<taps {
                let o = tap[t]
                let w0 = GEMM.load8(wp), w1 = GEMM.load8(wp + 8)
                wp += fp
                var x = SIMD8(repeating: p0[o])
                a0 = madd(a0, x, w0); b0 = madd(b0, x, w1)
                x = SIMD8(repeating: p1[o])
                a1 = madd(a1, x, w0); b1 = madd(b1, x, w1)
                x = SIMD8(repeating: p2[o])
                a2 = madd(a2, x, w0); b2 = madd(b2, x, w1)
                x = SIMD8(repeating: p3[o])
                a3 = madd(a3, x, w0); b3 = madd(b3, x, w1)
                x = SIMD8(repeating: p4[o])
                a4 = madd(a4, x, w0); b4 = madd(b4, x, w1)
                x = SIMD8(repeating: p5[o])
                a5 = madd(a5, x, w0); b5 = madd(b5, x, w1)
            }
            scatter(b0, output, pixel: q, pixels: pixels, first: g + 8, filters: f)
            scatter(b1, output, pixel: q + 1, pixels: pixels, first: g + 8, filters: f)
            scatter(b2, output, pixel: q + 2, pixels: pixels, first: g + 8, filters: f)
            scatter(b3, output, pixel: q + 3, pixels: pixels, first: g + 8, filters: f)
            scatter(b4, output, pixel: q + 4, pixels: pixels, first: g + 8, filters: f)
            scatter(b5, output, pixel: q + 5, pixels: pixels, first: g + 8, filters: f)
        } else {
            var wp = weight
            for t in 0..<taps {
                let o = tap[t]
                let w0 = GEMM.load8(wp)
                wp += fp
                a0 = madd(a0, SIMD8(repeating: p0[o]), w0); a1 = madd(a1, SIMD8(repeating: p1[o]), w0)
                a2 = madd(a2, SIMD8(repeating: p2[o]), w0); a3 = madd(a3, SIMD8(repeating: p3[o]), w0)
                a4 = madd(a4, SIMD8(repeating: p4[o]), w0); a5 = madd(a5, SIMD8(repeating: p5[o]), w0)
            }
        }
        scatter(a0, output, pixel: q, pixels: pixels, first: g, filters: f)
        scatter(a1, output, pixel: q + 1, pixels: pixels, first: g, filters: f)
        scatter(a2, output, pixel: q + 2, pixels: pixels, first: g, filters: f)
        scatter(a3, output, pixel: q + 3, pixels: pixels, first: g, filters: f)
        scatter(a4, output, pixel: q + 4, pixels: pixels, first: g, filters: f)
        scatter(a5, output, pixel: q + 5, pixels: pixels, first: g, filters: f)
    }

    /// One pixel × 16 (`two`) or 8 filters (the pixel tail).
    @inlinable @inline(__always)
    static func packedBlock1(
        src: UnsafePointer<Float>, tap: UnsafePointer<Int>, taps: Int,
        weight: UnsafePointer<Float>, paddedFilters fp: Int, bias: UnsafePointer<Float>, two: Bool,
        output: UnsafeMutablePointer<Float>, pixel q: Int, pixels: Int, firstFilter g: Int, filters f: Int
    ) {
        var a = GEMM.load8(bias)
        var b = two ? GEMM.load8(bias + 8) : SIMD8<Float>()
        var wp = weight
        for t in 0..<taps {
            let x = SIMD8(repeating: src[tap[t]])
            a = madd(a, x, GEMM.load8(wp))
            if two { b = madd(b, x, GEMM.load8(wp + 8)) }
            wp += fp
        }
        scatter(a, output, pixel: q, pixels: pixels, first: g, filters: f)
        if two { scatter(b, output, pixel: q, pixels: pixels, first: g + 8, filters: f) }
    }
}

/// A convolution's weights repacked for `Kernels.conv2DPacked`: `(C·K·K, F')` with the
/// filters innermost and F' = F rounded up to a multiple of 8 (zero filters fill the rest),
/// and the bias padded to F'. Built once when weights are set, not per call.
public struct PackedConvolution: Sendable, Equatable {
    public let filters: Int
    public let paddedFilters: Int
    public let kernel: Int
    /// `(C·K·K, F')`.
    public let weight: [Float]
    /// `(F')`.
    public let bias: [Float]

    /// Packs `weight` `(F,C,K,K)` and `bias` `(F)`.
    public init(weight: [Float], bias: [Float], filters f: Int, channels c: Int, kernel k: Int) {
        let taps = c * k * k
        let fp = (f + 7) / 8 * 8
        var packed = [Float](repeating: 0, count: taps * fp)
        for fi in 0..<f {
            for t in 0..<taps { packed[t * fp + fi] = weight[fi * taps + t] }
        }
        self.filters = f
        self.paddedFilters = fp
        self.kernel = k
        self.weight = packed
        self.bias = bias + [Float](repeating: 0, count: fp - f)
    }
}

extension Conv2D {
    /// Whether `Kernels.conv2DSingleChannel` runs this layer on an input `h`×`w` (one input
    /// channel, stride 1, an output at least 8 wide); else `Kernels.conv2DPacked` does.
    @inlinable
    public func usesSingleChannelKernel(height h: Int, width w: Int) -> Bool {
        inChannels == 1 && stride == 1 && Kernels.outputSize(w, kernel: kernel, stride: 1, padding: padding) >= 8
    }

    /// Floats of scratch `direct` needs for an input `h`×`w` (the zero-padded input).
    @inlinable
    public func directScratchCount(height h: Int, width w: Int) -> Int {
        padding > 0 ? inChannels * (h + 2 * padding) * (w + 2 * padding) : 0
    }

    /// This layer on one image with the direct kernels: input (C,H,W) → output (F,H',W').
    /// `scratch` holds `directScratchCount(height:width:)` floats.
    @inlinable
    public func direct(
        input: UnsafePointer<Float>, height h: Int, width w: Int,
        output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        if usesSingleChannelKernel(height: h, width: w) {
            weight.withUnsafeBufferPointer { wp in
                bias.withUnsafeBufferPointer { bp in
                    Kernels.conv2DSingleChannel(
                        input: input, height: h, width: w, weight: wp.baseAddress!, bias: bp.baseAddress!,
                        filters: filters, kernel: kernel, padding: padding, output: output, scratch: scratch)
                }
            }
        } else {
            Kernels.conv2DPacked(
                input: input, channels: inChannels, height: h, width: w, packed: packed, stride: stride,
                padding: padding, output: output, scratch: scratch)
        }
    }
}
