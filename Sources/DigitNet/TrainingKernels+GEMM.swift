/// The trainer's matrix products with cheaper tails: each sums every entry in exactly the
/// order of the GEMM it replaces (``GEMM/blocked(_:_:_:m:n:k:accumulate:)``,
/// ``GEMM/dotRows(_:_:_:m:n:k:accumulate:)``), so trained weights keep their bits; each has a
/// naive twin spelling that order out one entry at a time (`…NaiveOrder`), tested bit for bit.
extension TrainingKernels {
    // MARK: C (+)= A·B with a transposed-A tail

    /// Reference for ``gemm(_:transposed:_:_:m:n:k:accumulate:)``, one entry at a time: each
    /// starts at its C value (or 0), then adds `a[i,p]·b[p,j]` for p = 0, 1, … — fused (one
    /// rounding, as ``GEMM/blocked(_:_:_:m:n:k:accumulate:)``'s SIMD lanes) for the columns
    /// below `n & ~7`, a plain multiply then add for the last `n % 8`.
    /// a (M,K), b (K,N) → c (M,N).
    public static func gemmNaiveOrder(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, accumulate: Bool
    ) {
        let fusedColumns = n & ~7
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = accumulate ? c[i * n + j] : 0
                for p in 0..<k {
                    if j < fusedColumns {
                        sum = fusedMultiplyAdd(sum, a[i * k + p], b[p * n + j])
                    } else {
                        sum = sum + a[i * k + p] * b[p * n + j]
                    }
                }
                c[i * n + j] = sum
            }
        }
    }

    /// `s + x·y` rounded as ``GEMM``'s SIMD lanes round it: once where the build has FMA
    /// (`CNNVIZ_FMA`), else twice.
    @inlinable @inline(__always)
    static func fusedMultiplyAdd(_ s: Float, _ x: Float, _ y: Float) -> Float {
        #if CNNVIZ_FMA
            return s.addingProduct(x, y)
        #else
            return s + x * y
        #endif
    }

    /// ``GEMM/blocked(_:_:_:m:n:k:accumulate:)`` (the same bits) whose last `n % 8` columns
    /// run eight rows of C at a time, lane = row, reading A's transpose `aT` `(K, M)` (for a
    /// convolution: its weights, or their transpose, which the trainer has either way). The
    /// old tail ran four columns per row, reloading every C entry once per `p`. Each entry
    /// is still its start value plus `a[i,p]·b[p,j]` for p = 0, 1, … (multiply, then add).
    /// a (M,K), aT (K,M), b (K,N) → c (M,N).
    @inlinable
    public static func gemm(
        _ a: UnsafePointer<Float>, transposed aT: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
        _ c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, accumulate: Bool
    ) {
        var j = 0
        while j + 16 <= n {
            var i = 0
            while i + 4 <= m {
                GEMM.block4x16(a + i * k, b + j, c + i * n + j, n: n, k: k, accumulate: accumulate)
                i += 4
            }
            while i < m {
                GEMM.block1x8(a + i * k, b + j, c + i * n + j, n: n, k: k, accumulate: accumulate)
                GEMM.block1x8(a + i * k, b + j + 8, c + i * n + j + 8, n: n, k: k, accumulate: accumulate)
                i += 1
            }
            j += 16
        }
        if j + 8 <= n {
            for i in 0..<m { GEMM.block1x8(a + i * k, b + j, c + i * n + j, n: n, k: k, accumulate: accumulate) }
            j += 8
        }
        guard j < n else { return }
        var i = 0
        while i + 8 <= m {
            var jj = j
            while jj + 4 <= n {
                tail8x4(aT + i, m: m, b + jj, n: n, k: k, c + i * n + jj, accumulate: accumulate)
                jj += 4
            }
            while jj < n {
                tail8x1(aT + i, m: m, b + jj, n: n, k: k, c + i * n + jj, accumulate: accumulate)
                jj += 1
            }
            i += 8
        }
        if i < m { GEMM.tailPanel(a + i * k, b, c + i * n, from: j, m: m - i, n: n, k: k, accumulate: accumulate) }
    }

    /// C[0..<8, 0..<4] (+)= A[0..<8, :] · B[:, 0..<4], multiply then add per `p`, lane = row:
    /// `aT` at (0, i) of Aᵀ (stride m), `b` at (0, j) of B (stride n), `c` at (i, j) of C
    /// (stride n).
    @inlinable @inline(__always)
    static func tail8x4(
        _ aT: UnsafePointer<Float>, m: Int, _ b: UnsafePointer<Float>, n: Int, k: Int,
        _ c: UnsafeMutablePointer<Float>, accumulate: Bool
    ) {
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
        if accumulate {
            for l in 0..<8 {
                let row = c + l * n
                s0[l] = row[0]; s1[l] = row[1]; s2[l] = row[2]; s3[l] = row[3]
            }
        }
        var ap = aT, bp = b
        for _ in 0..<k {
            let x = GEMM.load8(ap)
            s0 = s0 + x * SIMD8(repeating: bp[0])
            s1 = s1 + x * SIMD8(repeating: bp[1])
            s2 = s2 + x * SIMD8(repeating: bp[2])
            s3 = s3 + x * SIMD8(repeating: bp[3])
            ap += m
            bp += n
        }
        for l in 0..<8 {
            let row = c + l * n
            row[0] = s0[l]; row[1] = s1[l]; row[2] = s2[l]; row[3] = s3[l]
        }
    }

    /// C[0..<8, 0] (+)= A[0..<8, :] · B[:, 0] (as ``tail8x4(_:m:_:n:k:_:accumulate:)``, one column).
    @inlinable @inline(__always)
    static func tail8x1(
        _ aT: UnsafePointer<Float>, m: Int, _ b: UnsafePointer<Float>, n: Int, k: Int,
        _ c: UnsafeMutablePointer<Float>, accumulate: Bool
    ) {
        var s = SIMD8<Float>()
        if accumulate { for l in 0..<8 { s[l] = c[l * n] } }
        var ap = aT, bp = b
        for _ in 0..<k {
            s = s + GEMM.load8(ap) * SIMD8(repeating: bp[0])
            ap += m
            bp += n
        }
        for l in 0..<8 { c[l * n] = s[l] }
    }

    // MARK: C (+)= A·Bᵀ with the lane sums eight entries at a time

    /// Reference for ``dotRows(_:_:_:m:n:k:accumulate:)``, one entry at a time: eight partial
    /// sums from 0, partial `l` taking the fused products p = l, l+8, … below `k & ~7`; then
    /// −0 plus the partials in order 0…7 (`SIMD8.sum()`), plus the last `k % 8` products one
    /// by one (multiply, then add); then added to C (or stored). a (M,K), b (N,K) → c (M,N).
    public static func dotRowsNaiveOrder(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, accumulate: Bool
    ) {
        let k8 = k & ~7
        for i in 0..<m {
            for j in 0..<n {
                var partial = [Float](repeating: 0, count: 8)
                for p in 0..<k8 { partial[p % 8] = fusedMultiplyAdd(partial[p % 8], a[i * k + p], b[j * k + p]) }
                var r: Float = -0.0
                for l in 0..<8 { r = r + partial[l] }
                for p in k8..<k { r = r + a[i * k + p] * b[j * k + p] }
                c[i * n + j] = accumulate ? c[i * n + j] + r : r
            }
        }
    }

    /// ``GEMM/dotRows(_:_:_:m:n:k:accumulate:)`` (the same products into the same eight lanes,
    /// two rows of A against four rows of B per pass) with the eight accumulators' lane sums
    /// done together: an 8×8 transpose, then seven lane-wise adds in lane order (what each
    /// `sum()` did one entry at a time), and the last `k % 8` products added lane-wise.
    /// a (M,K), b (N,K) → c (M,N).
    @inlinable
    public static func dotRows(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, accumulate: Bool
    ) {
        let k8 = k & ~7
        var j = 0
        while j + 4 <= n {
            let b0 = b + j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k
            var i = 0
            while i + 2 <= m {
                let ar = a + i * k, a1 = ar + k
                var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
                var t0 = SIMD8<Float>(), t1 = SIMD8<Float>(), t2 = SIMD8<Float>(), t3 = SIMD8<Float>()
                var p = 0
                while p < k8 {
                    let x = GEMM.load8(ar + p), y = GEMM.load8(a1 + p)
                    let v0 = GEMM.load8(b0 + p), v1 = GEMM.load8(b1 + p)
                    let v2 = GEMM.load8(b2 + p), v3 = GEMM.load8(b3 + p)
                    s0 = madd(s0, x, v0); s1 = madd(s1, x, v1); s2 = madd(s2, x, v2); s3 = madd(s3, x, v3)
                    t0 = madd(t0, y, v0); t1 = madd(t1, y, v1); t2 = madd(t2, y, v2); t3 = madd(t3, y, v3)
                    p += 8
                }
                // Lanes: (i, j…j+3), then (i+1, j…j+3).
                var r = laneSums(s0, s1, s2, s3, t0, t1, t2, t3)
                while p < k {
                    let x = SIMD8(lowHalf: SIMD4(repeating: ar[p]), highHalf: SIMD4(repeating: a1[p]))
                    let v = SIMD4(b0[p], b1[p], b2[p], b3[p])
                    r = r + x * SIMD8(lowHalf: v, highHalf: v)
                    p += 1
                }
                let cr = c + i * n + j, cs = cr + n
                if accumulate {
                    store4(load4(cr) + r.lowHalf, cr)
                    store4(load4(cs) + r.highHalf, cs)
                } else {
                    store4(r.lowHalf, cr)
                    store4(r.highHalf, cs)
                }
                i += 2
            }
            if i < m { GEMM.dotRow1x4(a + i * k, b0, k: k, into: c + i * n + j, accumulate: accumulate) }
            j += 4
        }
        GEMM.dotRowsColumns(a, b, c, m: m, n: n, k: k, from: j, accumulate: accumulate)
    }

    /// Lane `o` of the result is `vₒ.sum()` (−0, then lanes 0…7 added in order) for the eight
    /// vectors v₀…v₇: they are transposed (three rounds of even/odd interleaves) and the eight
    /// transposed vectors added lane-wise in lane order, so every lane sums exactly as `sum()`.
    @inlinable @inline(__always)
    static func laneSums(
        _ v0: SIMD8<Float>, _ v1: SIMD8<Float>, _ v2: SIMD8<Float>, _ v3: SIMD8<Float>,
        _ v4: SIMD8<Float>, _ v5: SIMD8<Float>, _ v6: SIMD8<Float>, _ v7: SIMD8<Float>
    ) -> SIMD8<Float> {
        @inline(__always) func even(_ x: SIMD8<Float>, _ y: SIMD8<Float>) -> SIMD8<Float> {
            SIMD16(lowHalf: x, highHalf: y).evenHalf
        }
        @inline(__always) func odd(_ x: SIMD8<Float>, _ y: SIMD8<Float>) -> SIMD8<Float> {
            SIMD16(lowHalf: x, highHalf: y).oddHalf
        }
        // Round 1: lanes {0,2,4,6} and {1,3,5,7} of pairs.
        let e01 = even(v0, v1), o01 = odd(v0, v1), e23 = even(v2, v3), o23 = odd(v2, v3)
        let e45 = even(v4, v5), o45 = odd(v4, v5), e67 = even(v6, v7), o67 = odd(v6, v7)
        // Round 2: lanes {0,4}, {2,6}, {1,5}, {3,7} of four vectors.
        let l04a = even(e01, e23), l26a = odd(e01, e23), l15a = even(o01, o23), l37a = odd(o01, o23)
        let l04b = even(e45, e67), l26b = odd(e45, e67), l15b = even(o45, o67), l37b = odd(o45, o67)
        // Round 3: lane l of all eight vectors, in vector order.
        let lane0 = even(l04a, l04b), lane4 = odd(l04a, l04b)
        let lane2 = even(l26a, l26b), lane6 = odd(l26a, l26b)
        let lane1 = even(l15a, l15b), lane5 = odd(l15a, l15b)
        let lane3 = even(l37a, l37b), lane7 = odd(l37a, l37b)
        var r = SIMD8<Float>(repeating: -0.0)
        r = r + lane0
        r = r + lane1
        r = r + lane2
        r = r + lane3
        r = r + lane4
        r = r + lane5
        r = r + lane6
        r = r + lane7
        return r
    }

    @inlinable @inline(__always)
    static func load4(_ p: UnsafeMutablePointer<Float>) -> SIMD4<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
    }

    @inlinable @inline(__always)
    static func store4(_ v: SIMD4<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Float>.self)
    }
}
