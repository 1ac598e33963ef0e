/// Matrix multiplication kernels: a naive reference and a register-blocked SIMD version.
///
/// Both compute `C[M,N] = A[M,K] · B[K,N]` (or `C += …` when `accumulate`), all row-major
/// and contiguous. The blocked kernel is tested against the naive one on random shapes.
public enum GEMM {
    /// Reference triple loop. `a`: (M,K), `b`: (K,N), `c`: (M,N).
    public static func naive(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, accumulate: Bool
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = accumulate ? c[i * n + j] : 0
                for p in 0..<k { sum += a[i * k + p] * b[p * n + j] }
                c[i * n + j] = sum
            }
        }
    }

    /// Blocked kernel: 4 rows × 16 columns of C live in eight SIMD8 accumulators while the
    /// K loop streams a (K, 16) strip of B; tails fall back to 1-row and 8/1-column blocks.
    /// Column strips are the outer loop, so a strip stays in L1 while every row block of A
    /// passes over it (B is read from memory once, not once per four rows).
    ///
    /// Every entry is summed in the same order as ``blockedByRows(_:_:_:m:n:k:accumulate:)``
    /// (the start value, then one fused multiply-add per `p` for columns below `n & ~7`, a
    /// plain multiply and add per `p` for the last `n % 8` columns), so both give the same
    /// bits; only the order in which entries are visited differs.
    /// `a`: (M,K), `b`: (K,N), `c`: (M,N).
    @inlinable
    public static func blocked(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, accumulate: Bool
    ) {
        var j = 0
        while j + 16 <= n {
            var i = 0
            while i + 4 <= m {
                block4x16(a + i * k, b + j, c + i * n + j, n: n, k: k, accumulate: accumulate)
                i += 4
            }
            while i < m {
                block1x8(a + i * k, b + j, c + i * n + j, n: n, k: k, accumulate: accumulate)
                block1x8(a + i * k, b + j + 8, c + i * n + j + 8, n: n, k: k, accumulate: accumulate)
                i += 1
            }
            j += 16
        }
        if j + 8 <= n {
            for i in 0..<m { block1x8(a + i * k, b + j, c + i * n + j, n: n, k: k, accumulate: accumulate) }
            j += 8
        }
        if j < n { tailPanel(a, b, c, from: j, m: m, n: n, k: k, accumulate: accumulate) }
    }

    /// The last `n − j` (< 8) columns of C (+)= A · B with a plain multiply and add per `p`
    /// (no fused multiply-add), as the scalar tail of ``blockedByRows(_:_:_:m:n:k:accumulate:)``:
    /// each entry starts at its C value (or 0) and adds `a[i,p]·b[p,jj]` for p = 0, 1, …
    /// Visited with `p` outermost, so the M·(n − j) sums are independent chains the CPU runs
    /// side by side (one sum per entry at a time was a chain of K dependent adds).
    /// `a`: (M,K), `b`: (K,N), `c`: (M,N); columns `j..<n` only.
    @inlinable
    static func tailPanel(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        from j: Int, m: Int, n: Int, k: Int, accumulate: Bool
    ) {
        let width = n - j
        let four = width >= 4
        if k == 0 && !accumulate {
            for i in 0..<m { (c + i * n + j).update(repeating: 0, count: width) }
        }
        for p in 0..<k {
            let bp = b + p * n + j
            let b4 = four ? UnsafeRawPointer(bp).loadUnaligned(as: SIMD4<Float>.self) : SIMD4<Float>()
            // Each sum starts at C's value, or at 0 (the first product is added to 0, as before).
            let fromC = accumulate || p > 0
            for i in 0..<m {
                let x = a[i * k + p]
                let cr = c + i * n + j
                var jj = 0
                if four {
                    let s = fromC ? UnsafeRawPointer(cr).loadUnaligned(as: SIMD4<Float>.self) : SIMD4<Float>()
                    UnsafeMutableRawPointer(cr).storeBytes(of: s + SIMD4(repeating: x) * b4, as: SIMD4<Float>.self)
                    jj = 4
                }
                while jj < width {
                    cr[jj] = (fromC ? cr[jj] : 0) + x * bp[jj]
                    jj += 1
                }
            }
        }
    }

    /// C[0..<4, 0..<16] (+)= A[0..<4, :] · B[:, 0..<16]: `a` at row i of A (stride k), `b` at
    /// column j of B (stride n), `c` at (i, j) of C (stride n).
    @inlinable @inline(__always)
    static func block4x16(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        n: Int, k: Int, accumulate: Bool
    ) {
        let a0 = a, a1 = a + k, a2 = a + 2 * k, a3 = a + 3 * k
        let c0 = c, c1 = c + n, c2 = c + 2 * n, c3 = c + 3 * n
        var s00 = SIMD8<Float>(), s01 = SIMD8<Float>()
        var s10 = SIMD8<Float>(), s11 = SIMD8<Float>()
        var s20 = SIMD8<Float>(), s21 = SIMD8<Float>()
        var s30 = SIMD8<Float>(), s31 = SIMD8<Float>()
        if accumulate {
            s00 = load8(c0); s01 = load8(c0 + 8)
            s10 = load8(c1); s11 = load8(c1 + 8)
            s20 = load8(c2); s21 = load8(c2 + 8)
            s30 = load8(c3); s31 = load8(c3 + 8)
        }
        var bp = b
        for p in 0..<k {
            let b0 = load8(bp), b1 = load8(bp + 8)
            let x0 = SIMD8(repeating: a0[p]), x1 = SIMD8(repeating: a1[p])
            let x2 = SIMD8(repeating: a2[p]), x3 = SIMD8(repeating: a3[p])
            s00 = madd(s00, x0, b0); s01 = madd(s01, x0, b1)
            s10 = madd(s10, x1, b0); s11 = madd(s11, x1, b1)
            s20 = madd(s20, x2, b0); s21 = madd(s21, x2, b1)
            s30 = madd(s30, x3, b0); s31 = madd(s31, x3, b1)
            bp += n
        }
        store8(s00, c0); store8(s01, c0 + 8)
        store8(s10, c1); store8(s11, c1 + 8)
        store8(s20, c2); store8(s21, c2 + 8)
        store8(s30, c3); store8(s31, c3 + 8)
    }

    /// C[0, 0..<8] (+)= A[0, :] · B[:, 0..<8] (strides as in `block4x16`).
    @inlinable @inline(__always)
    static func block1x8(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        n: Int, k: Int, accumulate: Bool
    ) {
        var s = accumulate ? load8(c) : SIMD8<Float>()
        var bp = b
        for p in 0..<k {
            s = madd(s, SIMD8(repeating: a[p]), load8(bp))
            bp += n
        }
        store8(s, c)
    }

    /// The order reference for ``blocked(_:_:_:m:n:k:accumulate:)``: the same sums, visited
    /// four rows at a time with all of B streamed per row block (the trainer's kernel before
    /// the column strips; kept to prove the two give the same bits).
    /// `a`: (M,K), `b`: (K,N), `c`: (M,N).
    @inlinable
    public static func blockedByRows(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, accumulate: Bool
    ) {
        var i = 0
        while i + 4 <= m {
            rows4(a + i * k, b, c + i * n, n: n, k: k, accumulate: accumulate)
            i += 4
        }
        while i < m {
            rows1(a + i * k, b, c + i * n, n: n, k: k, accumulate: accumulate)
            i += 1
        }
    }

    /// One row of A against four rows of B (`b0` and the three rows after it), as
    /// ``dotRows(_:_:_:m:n:k:accumulate:)`` sums each entry: eight lanes of fused multiply-adds
    /// over `p < k & ~7`, the lanes' `sum()`, then the last `k % 8` products one by one; the
    /// four results go to (or are added to) `cr[0…3]`. Shared by both `dotRows` kernels for
    /// an odd last row of A. ar (K), b0 (4,K) → cr (4).
    @inlinable @inline(__always)
    static func dotRow1x4(
        _ ar: UnsafePointer<Float>, _ b0: UnsafePointer<Float>, k: Int, into cr: UnsafeMutablePointer<Float>,
        accumulate: Bool
    ) {
        let k8 = k & ~7
        let b1 = b0 + k, b2 = b1 + k, b3 = b2 + k
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
        var p = 0
        while p < k8 {
            let x = load8(ar + p)
            s0 = madd(s0, x, load8(b0 + p))
            s1 = madd(s1, x, load8(b1 + p))
            s2 = madd(s2, x, load8(b2 + p))
            s3 = madd(s3, x, load8(b3 + p))
            p += 8
        }
        var r0 = s0.sum(), r1 = s1.sum(), r2 = s2.sum(), r3 = s3.sum()
        while p < k {
            let x = ar[p]
            r0 += x * b0[p]; r1 += x * b1[p]; r2 += x * b2[p]; r3 += x * b3[p]
            p += 1
        }
        if accumulate {
            cr[0] += r0; cr[1] += r1; cr[2] += r2; cr[3] += r3
        } else {
            cr[0] = r0; cr[1] = r1; cr[2] = r2; cr[3] = r3
        }
    }

    /// Columns `j0…n-1` of `C[M,N] (+)= A[M,K] · B[N,K]ᵀ` (those left after blocks of four),
    /// one dot product per entry summed as ``dotRow1x4(_:_:k:into:accumulate:)`` sums each of its four.
    @inlinable @inline(__always)
    static func dotRowsColumns(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, from j0: Int, accumulate: Bool
    ) {
        let k8 = k & ~7
        for j in j0..<max(j0, n) {
            let br = b + j * k
            for i in 0..<m {
                let ar = a + i * k
                var s = SIMD8<Float>()
                var p = 0
                while p < k8 { s = madd(s, load8(ar + p), load8(br + p)); p += 8 }
                var r = s.sum()
                while p < k { r += ar[p] * br[p]; p += 1 }
                let cr = c + i * n
                cr[j] = accumulate ? cr[j] + r : r
            }
        }
    }

    @inlinable @inline(__always)
    static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inlinable @inline(__always)
    static func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }

    /// Four rows of C: `a` points at row i of A (stride k), `c` at row i of C (stride n).
    @inlinable @inline(__always)
    static func rows4(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        n: Int, k: Int, accumulate: Bool
    ) {
        let a0 = a, a1 = a + k, a2 = a + 2 * k, a3 = a + 3 * k
        let c0 = c, c1 = c + n, c2 = c + 2 * n, c3 = c + 3 * n
        var j = 0
        while j + 16 <= n {
            var s00 = SIMD8<Float>(), s01 = SIMD8<Float>()
            var s10 = SIMD8<Float>(), s11 = SIMD8<Float>()
            var s20 = SIMD8<Float>(), s21 = SIMD8<Float>()
            var s30 = SIMD8<Float>(), s31 = SIMD8<Float>()
            if accumulate {
                s00 = load8(c0 + j); s01 = load8(c0 + j + 8)
                s10 = load8(c1 + j); s11 = load8(c1 + j + 8)
                s20 = load8(c2 + j); s21 = load8(c2 + j + 8)
                s30 = load8(c3 + j); s31 = load8(c3 + j + 8)
            }
            var bp = b + j
            for p in 0..<k {
                let b0 = load8(bp), b1 = load8(bp + 8)
                let x0 = SIMD8(repeating: a0[p]), x1 = SIMD8(repeating: a1[p])
                let x2 = SIMD8(repeating: a2[p]), x3 = SIMD8(repeating: a3[p])
                s00 = madd(s00, x0, b0); s01 = madd(s01, x0, b1)
                s10 = madd(s10, x1, b0); s11 = madd(s11, x1, b1)
                s20 = madd(s20, x2, b0); s21 = madd(s21, x2, b1)
                s30 = madd(s30, x3, b0); s31 = madd(s31, x3, b1)
                bp += n
            }
            store8(s00, c0 + j); store8(s01, c0 + j + 8)
            store8(s10, c1 + j); store8(s11, c1 + j + 8)
            store8(s20, c2 + j); store8(s21, c2 + j + 8)
            store8(s30, c3 + j); store8(s31, c3 + j + 8)
            j += 16
        }
        while j + 8 <= n {
            var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
            if accumulate { s0 = load8(c0 + j); s1 = load8(c1 + j); s2 = load8(c2 + j); s3 = load8(c3 + j) }
            var bp = b + j
            for p in 0..<k {
                let bv = load8(bp)
                s0 = madd(s0, SIMD8(repeating: a0[p]), bv)
                s1 = madd(s1, SIMD8(repeating: a1[p]), bv)
                s2 = madd(s2, SIMD8(repeating: a2[p]), bv)
                s3 = madd(s3, SIMD8(repeating: a3[p]), bv)
                bp += n
            }
            store8(s0, c0 + j); store8(s1, c1 + j); store8(s2, c2 + j); store8(s3, c3 + j)
            j += 8
        }
        while j < n {
            var s0: Float = accumulate ? c0[j] : 0, s1: Float = accumulate ? c1[j] : 0
            var s2: Float = accumulate ? c2[j] : 0, s3: Float = accumulate ? c3[j] : 0
            for p in 0..<k {
                let bv = b[p * n + j]
                s0 += a0[p] * bv; s1 += a1[p] * bv; s2 += a2[p] * bv; s3 += a3[p] * bv
            }
            c0[j] = s0; c1[j] = s1; c2[j] = s2; c3[j] = s3
            j += 1
        }
    }

    /// One row of C.
    @inlinable @inline(__always)
    static func rows1(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        n: Int, k: Int, accumulate: Bool
    ) {
        var j = 0
        while j + 8 <= n {
            var s = accumulate ? load8(c + j) : SIMD8<Float>()
            var bp = b + j
            for p in 0..<k {
                s = madd(s, SIMD8(repeating: a[p]), load8(bp))
                bp += n
            }
            store8(s, c + j)
            j += 8
        }
        while j < n {
            var s: Float = accumulate ? c[j] : 0
            for p in 0..<k { s += a[p] * b[p * n + j] }
            c[j] = s
            j += 1
        }
    }

    /// Transposes `src` (rows, cols) into `dst` (cols, rows).
    @inlinable
    public static func transpose(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        for r in 0..<rows {
            for c in 0..<cols { dst[c * rows + r] = src[r * cols + c] }
        }
    }
}

extension GEMM {
    /// Reference for `dotRows`: `C[M,N] (+)= A[M,K] · B[N,K]ᵀ`.
    public static func dotRowsNaive(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, accumulate: Bool
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = accumulate ? c[i * n + j] : 0
                for p in 0..<k { sum += a[i * k + p] * b[j * k + p] }
                c[i * n + j] = sum
            }
        }
    }

    /// `C[M,N] (+)= A[M,K] · B[N,K]ᵀ`: every entry is a dot product of two contiguous rows,
    /// computed 8 lanes at a time, two rows of A against four rows of B per pass (eight
    /// accumulators: six loads feed eight fused multiply-adds). Blocks of four rows of B are
    /// the outer loop, so they stay in L1 while every row of A passes over them.
    /// Used for dense layers (`X·Wᵀ`) and weight gradients (`dZ·colᵀ`).
    ///
    /// Every entry is summed exactly as in ``dotRowsByRow(_:_:_:m:n:k:accumulate:)``: eight
    /// lanes of fused multiply-adds over `p < k & ~7`, the lanes' `sum()`, the last `k % 8`
    /// products added one by one, then added to C (or stored); same bits.
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
                    let x = load8(ar + p), y = load8(a1 + p)
                    let v0 = load8(b0 + p), v1 = load8(b1 + p), v2 = load8(b2 + p), v3 = load8(b3 + p)
                    s0 = madd(s0, x, v0); s1 = madd(s1, x, v1); s2 = madd(s2, x, v2); s3 = madd(s3, x, v3)
                    t0 = madd(t0, y, v0); t1 = madd(t1, y, v1); t2 = madd(t2, y, v2); t3 = madd(t3, y, v3)
                    p += 8
                }
                var r0 = s0.sum(), r1 = s1.sum(), r2 = s2.sum(), r3 = s3.sum()
                var q0 = t0.sum(), q1 = t1.sum(), q2 = t2.sum(), q3 = t3.sum()
                while p < k {
                    let x = ar[p], y = a1[p]
                    r0 += x * b0[p]; r1 += x * b1[p]; r2 += x * b2[p]; r3 += x * b3[p]
                    q0 += y * b0[p]; q1 += y * b1[p]; q2 += y * b2[p]; q3 += y * b3[p]
                    p += 1
                }
                let cr = c + i * n + j, cs = cr + n
                if accumulate {
                    cr[0] += r0; cr[1] += r1; cr[2] += r2; cr[3] += r3
                    cs[0] += q0; cs[1] += q1; cs[2] += q2; cs[3] += q3
                } else {
                    cr[0] = r0; cr[1] = r1; cr[2] = r2; cr[3] = r3
                    cs[0] = q0; cs[1] = q1; cs[2] = q2; cs[3] = q3
                }
                i += 2
            }
            if i < m { GEMM.dotRow1x4(a + i * k, b0, k: k, into: c + i * n + j, accumulate: accumulate) }
            j += 4
        }
        GEMM.dotRowsColumns(a, b, c, m: m, n: n, k: k, from: j, accumulate: accumulate)
    }

    /// The order reference for ``dotRows(_:_:_:m:n:k:accumulate:)``: one row of A against
    /// four rows of B per pass, rows of A outermost (the trainer's kernel before the blocking;
    /// kept to prove the two give the same bits).
    @inlinable
    public static func dotRowsByRow(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, accumulate: Bool
    ) {
        for i in 0..<m {
            let ar = a + i * k, cr = c + i * n
            var j = 0
            while j + 4 <= n {
                dotRow1x4(ar, b + j * k, k: k, into: cr + j, accumulate: accumulate)
                j += 4
            }
            dotRowsColumns(ar, b, cr, m: 1, n: n, k: k, from: j, accumulate: accumulate)
        }
    }
}

/// `s + a·b` lane-wise: one fused multiply-add instruction where the build targets a CPU with
/// FMA (`CNNVIZ_FMA`, set by Package.swift), else a separate multiply and add. (Without
/// hardware FMA, `addingProduct` must still be exactly fused and lowers to a libm `fmaf`
/// call per lane, far slower than the two plain instructions.)
@inlinable @inline(__always)
func madd(_ s: SIMD8<Float>, _ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    #if CNNVIZ_FMA
        return s.addingProduct(a, b)
    #else
        return s + a * b
    #endif
}
