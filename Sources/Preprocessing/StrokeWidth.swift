/// Measuring and changing stroke width.
public enum StrokeWidth {
    /// Estimates stroke width as 2·area / perimeter, with the perimeter from the count of
    /// ink/background pixel edges × π/4 (the mean projection factor of a curve onto the axes).
    public static func estimate(area: Int, edges: Int) -> Double {
        guard edges > 0 else { return 0 }
        return 2 * Double(area) / (Double(edges) * Double.pi / 4)
    }

    /// Area and 4-neighbour edge count of `mask` (edges against the plane border count too).
    public static func areaAndEdges(_ mask: Plane<Bool>) -> (area: Int, edges: Int) {
        let w = mask.width, h = mask.height
        var area = 0, edges = 0
        mask.pixels.withUnsafeBufferPointer { m in
            for y in 0..<h {
                let base = y * w
                for x in 0..<w where m[base + x] {
                    area += 1
                    if x == 0 || !m[base + x - 1] { edges += 1 }
                    if x == w - 1 || !m[base + x + 1] { edges += 1 }
                    if y == 0 || !m[base - w + x] { edges += 1 }
                    if y == h - 1 || !m[base + w + x] { edges += 1 }
                }
            }
        }
        return (area, edges)
    }

    /// Exact squared Euclidean distance from each pixel to the nearest pixel where `seed` is
    /// true (Felzenszwalb–Huttenlocher, two separable passes).
    public static func squaredDistance(to seed: Plane<Bool>) -> Plane<Float> {
        let w = seed.width, h = seed.height
        let inf: Float = 1e12
        var d = seed.pixels.map { $0 ? Float(0) : inf }
        var column = [Float](repeating: 0, count: max(w, h))
        var result = [Float](repeating: 0, count: max(w, h))
        for x in 0..<w {
            for y in 0..<h { column[y] = d[y * w + x] }
            transform1D(column, count: h, into: &result)
            for y in 0..<h { d[y * w + x] = result[y] }
        }
        for y in 0..<h {
            for x in 0..<w { column[x] = d[y * w + x] }
            transform1D(column, count: w, into: &result)
            for x in 0..<w { d[y * w + x] = result[x] }
        }
        return Plane(width: w, height: h, pixels: d)
    }

    /// Lower envelope of parabolas for one row: `out[q] = min_p (q−p)² + f[p]`.
    static func transform1D(_ f: [Float], count n: Int, into out: inout [Float]) {
        var v = [Int](repeating: 0, count: n)
        var z = [Float](repeating: 0, count: n + 1)
        var k = 0
        z[0] = -.infinity; z[1] = .infinity
        for q in 1..<max(n, 1) {
            var s: Float
            repeat {
                let p = v[k]
                s = ((f[q] + Float(q * q)) - (f[p] + Float(p * p))) / Float(2 * q - 2 * p)
                if s <= z[k] { k -= 1 } else { break }
            } while k >= 0
            k += 1
            v[k] = q; z[k] = s; z[k + 1] = .infinity
        }
        k = 0
        for q in 0..<n {
            while z[k + 1] < Float(q) { k += 1 }
            let p = v[k]
            out[q] = Float((q - p) * (q - p)) + f[p]
        }
    }

    /// Grows (radius > 0) or shrinks (radius < 0) the ink of a binary mask by `radius` pixels.
    public static func morph(_ mask: Plane<Bool>, radius: Double) -> Plane<Bool> {
        if radius > 0 {
            let d = squaredDistance(to: mask)
            let r2 = Float(radius * radius)
            return Plane(width: mask.width, height: mask.height, pixels: d.pixels.map { $0 <= r2 })
        } else if radius < 0 {
            let background = Plane(width: mask.width, height: mask.height, pixels: mask.pixels.map { !$0 })
            let d = squaredDistance(to: background)
            let r2 = Float(radius * radius)
            return Plane(width: mask.width, height: mask.height, pixels: d.pixels.map { $0 > r2 })
        }
        return mask
    }
}
