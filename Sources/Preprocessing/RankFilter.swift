/// Maximum and minimum over a (2r+1)×(2r+1) square window (clipped at the edges: each output
/// takes the extreme of the samples it has), in constant time per pixel whatever the radius
/// (van Herk / Gil–Werman: running extremes forward and backward inside blocks of 2r+1, two
/// of which cover any window). `reference` is the plain per-window loop it is tested against.
/// Generic over the sample type: Float planes, and UInt16 planes (the photo path's 3×3 sums,
/// half the memory traffic and twice the vector lanes of Float).
public enum RankFilter {
    /// Maximum over the square of side `2·radius + 1`. Shape: w×h → w×h.
    public static func max<T: RankElement>(_ p: Plane<T>, radius: Int) -> Plane<T> { filter(p, radius: radius, isMax: true) }

    /// Minimum over the square of side `2·radius + 1`. Shape: w×h → w×h.
    public static func min<T: RankElement>(_ p: Plane<T>, radius: Int) -> Plane<T> { filter(p, radius: radius, isMax: false) }

    /// The grey-level closing (maximum, then minimum): dark features narrower than the window
    /// are filled with the brightness around them; steps and ramps are kept exactly.
    public static func closing<T: RankElement>(_ p: Plane<T>, radius: Int) -> Plane<T> { sequence(p, radius: radius, maxFirst: true) }

    /// The grey-level opening (minimum, then maximum): bright features narrower than the window go.
    public static func opening<T: RankElement>(_ p: Plane<T>, radius: Int) -> Plane<T> { sequence(p, radius: radius, maxFirst: false) }

    /// One square filter then the other, with two transposes instead of four: the square's
    /// extreme is the extreme down the columns of the extreme along the rows (in either
    /// order), so the first filter runs down, (transpose) along, the second along, (transpose)
    /// down. Equal to `min(max(p))` (closing) or `max(min(p))` (opening).
    static func sequence<T: RankElement>(_ p: Plane<T>, radius: Int, maxFirst: Bool) -> Plane<T> {
        guard p.width > 0, p.height > 0, radius > 0 else { return p }
        // Written out per order so that each `vertical` is specialised for its `pick`.
        if maxFirst {
            let along = vertical(transposed(vertical(p, radius: radius, pick: Swift.max)), radius: radius, pick: Swift.max)
            return vertical(transposed(vertical(along, radius: radius, pick: Swift.min)), radius: radius, pick: Swift.min)
        }
        let along = vertical(transposed(vertical(p, radius: radius, pick: Swift.min)), radius: radius, pick: Swift.min)
        return vertical(transposed(vertical(along, radius: radius, pick: Swift.max)), radius: radius, pick: Swift.max)
    }

    /// Both axes: down the columns, then (through a transpose) along the rows.
    static func filter<T: RankElement>(_ p: Plane<T>, radius: Int, isMax: Bool) -> Plane<T> {
        guard p.width > 0, p.height > 0, radius > 0 else { return p }
        let down = isMax ? vertical(p, radius: radius, pick: Swift.max) : vertical(p, radius: radius, pick: Swift.min)
        let turned = transposed(down)
        let across = isMax ? vertical(turned, radius: radius, pick: Swift.max) : vertical(turned, radius: radius, pick: Swift.min)
        return transposed(across)
    }

    /// The 1-D filter down every column at once, whole rows at a time (so the inner loops run
    /// along contiguous memory): rows padded by `radius` neutral rows on both sides are cut
    /// into blocks of `2r+1`; `forward` holds running extremes from each block's first row,
    /// `backward` from its last; the window of output row y (padded rows y … y+2r) spans at
    /// most two blocks, so it is `pick(backward[y], forward[y + 2r])`. Shape: w×h → w×h.
    @inline(__always)
    static func vertical<T: RankElement>(_ p: Plane<T>, radius r: Int, pick: (T, T) -> T) -> Plane<T> {
        let w = p.width, h = p.height, k = 2 * r + 1
        let used = ((h + 2 * r + k - 1) / k) * k
        let neutral = pick(T.lowest, T.highest) == T.highest ? T.lowest : T.highest
        var forward = [T](repeating: neutral, count: used * w)
        var backward = [T](repeating: neutral, count: used * w)
        var out = [T](repeating: neutral, count: w * h)
        p.pixels.withUnsafeBufferPointer { src in
            forward.withUnsafeMutableBufferPointer { f in
                backward.withUnsafeMutableBufferPointer { b in
                    // Padded row i is source row i − r (neutral outside 0..<h, as the arrays start).
                    for i in 0..<used {
                        let y = i - r
                        let row = i * w
                        if i % k == 0 {
                            if y >= 0 && y < h { for x in 0..<w { f[row + x] = src[y * w + x] } }
                        } else if y >= 0 && y < h {
                            for x in 0..<w { f[row + x] = pick(f[row - w + x], src[y * w + x]) }
                        } else {
                            for x in 0..<w { f[row + x] = f[row - w + x] }
                        }
                    }
                    for i in Swift.stride(from: used - 1, through: 0, by: -1) {
                        let y = i - r
                        let row = i * w
                        if i % k == k - 1 {
                            if y >= 0 && y < h { for x in 0..<w { b[row + x] = src[y * w + x] } }
                        } else if y >= 0 && y < h {
                            for x in 0..<w { b[row + x] = pick(b[row + w + x], src[y * w + x]) }
                        } else {
                            for x in 0..<w { b[row + x] = b[row + w + x] }
                        }
                    }
                    out.withUnsafeMutableBufferPointer { o in
                        for y in 0..<h {
                            let top = y * w, bottom = (y + 2 * r) * w
                            for x in 0..<w { o[y * w + x] = pick(b[top + x], f[bottom + x]) }
                        }
                    }
                }
            }
        }
        return Plane(width: w, height: h, pixels: out)
    }

    /// The plane with rows and columns swapped, in 32×32 tiles. Shape: w×h → h×w.
    static func transposed<T: RankElement>(_ p: Plane<T>) -> Plane<T> {
        let w = p.width, h = p.height, tile = 32
        var out = [T](repeating: T.lowest, count: w * h)
        p.pixels.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { o in
                for y0 in Swift.stride(from: 0, to: h, by: tile) {
                    for x0 in Swift.stride(from: 0, to: w, by: tile) {
                        for y in y0..<Swift.min(h, y0 + tile) {
                            for x in x0..<Swift.min(w, x0 + tile) { o[x * h + y] = s[y * w + x] }
                        }
                    }
                }
            }
        }
        return Plane(width: h, height: w, pixels: out)
    }

    /// The plain version: each output scans its clipped window, rows then columns.
    public static func reference<T: RankElement>(_ p: Plane<T>, radius r: Int, isMax: Bool) -> Plane<T> {
        let w = p.width, h = p.height
        guard w > 0, h > 0, r > 0 else { return p }
        let pick: (T, T) -> T = isMax ? { Swift.max($0, $1) } : { Swift.min($0, $1) }
        var a = p.pixels, b = p.pixels
        for y in 0..<h {
            for x in 0..<w {
                var v = a[y * w + x]
                for k in Swift.max(0, x - r)...Swift.min(w - 1, x + r) { v = pick(v, a[y * w + k]) }
                b[y * w + x] = v
            }
        }
        for y in 0..<h {
            for x in 0..<w {
                var v = b[y * w + x]
                for k in Swift.max(0, y - r)...Swift.min(h - 1, y + r) { v = pick(v, b[k * w + x]) }
                a[y * w + x] = v
            }
        }
        return Plane(width: w, height: h, pixels: a)
    }
}

/// A sample type the rank filters run on: ordered, with the extremes that pad a window.
public protocol RankElement: Comparable, Sendable {
    static var lowest: Self { get }
    static var highest: Self { get }
}

extension Float: RankElement {
    public static var lowest: Float { -.infinity }
    public static var highest: Float { .infinity }
}

extension UInt16: RankElement {
    public static var lowest: UInt16 { .min }
    public static var highest: UInt16 { .max }
}
