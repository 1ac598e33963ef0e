/// The resolution a photographed page is separated at: large photos are shrunk first (area
/// averaging) so the longer side is at most `side` pixels. Ink strokes, printed lines and the
/// light change over many pixels of a phone photo, so nothing a digit needs is lost, pencil
/// grain and sensor noise are averaged away, and every later step touches a fraction of the
/// pixels. Results go back to canvas pixels through `canvasRect` and `enlarge`.
public struct WorkingPlane: Sendable, Equatable {
    /// Size of the canvas (the photo as decoded).
    public var canvasWidth: Int
    public var canvasHeight: Int
    /// Size of the working plane (equal to the canvas when it was not shrunk).
    public var width: Int
    public var height: Int

    /// The working size for a `canvasWidth`×`canvasHeight` photo: the canvas itself when its
    /// longer side is at most `side`, else the aspect-kept size with the longer side `side`.
    public init(canvasWidth: Int, canvasHeight: Int, side: Int) {
        self.canvasWidth = canvasWidth
        self.canvasHeight = canvasHeight
        if max(canvasWidth, canvasHeight) <= max(1, side) {
            (width, height) = (canvasWidth, canvasHeight)
        } else {
            (width, height) = Resample.fittedSize(width: canvasWidth, height: canvasHeight, side: side)
        }
    }

    /// Whether the working plane is smaller than the canvas.
    public var isShrunk: Bool { width != canvasWidth || height != canvasHeight }

    /// Canvas pixels per working pixel, horizontally and vertically.
    public var scaleX: Double { Double(canvasWidth) / Double(width) }
    public var scaleY: Double { Double(canvasHeight) / Double(height) }

    /// `gray` area-averaged to the working size (returned as is when not shrunk): the source
    /// rows each output row covers are summed with their weights into one row (straight from
    /// the bytes, whole rows at a time), then that row is averaged across; `shrinkReference`
    /// (the general two-pass `Resample.resize`) is what it is tested against (within one grey
    /// level: the sums are taken in another order). Shape: canvasWidth×canvasHeight → width×height.
    public func shrink(_ gray: Plane<UInt8>) -> Plane<UInt8> {
        guard isShrunk else { return gray }
        let xt = Resample.PackedTaps(Resample.axisWeights(source: canvasWidth, target: width))
        let yt = Resample.PackedTaps(Resample.axisWeights(source: canvasHeight, target: height))
        let cw = canvasWidth, w = width
        var out = [UInt8](repeating: 0, count: width * height)
        var row = [Float](repeating: 0, count: cw)
        gray.pixels.withUnsafeBufferPointer { g in
            xt.index.withUnsafeBufferPointer { xi in
                xt.weight.withUnsafeBufferPointer { xw in
                    xt.start.withUnsafeBufferPointer { xs in
                        row.withUnsafeMutableBufferPointer { r in
                            out.withUnsafeMutableBufferPointer { o in
                                for oy in 0..<height {
                                    for x in 0..<cw { r[x] = 0 }
                                    for t in yt.start[oy]..<yt.start[oy + 1] {
                                        let base = yt.index[t] * cw, weight = yt.weight[t]
                                        for x in 0..<cw { r[x] += Float(g[base + x]) * weight }
                                    }
                                    for ox in 0..<w {
                                        var acc: Float = 0
                                        for t in xs[ox]..<xs[ox + 1] { acc += r[xi[t]] * xw[t] }
                                        o[oy * w + ox] = UInt8(max(0, min(255, acc)) + 0.5)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Plane(width: width, height: height, pixels: out)
    }

    /// The plain shrink `shrink` is tested against: `Resample.resize`, across then down.
    public func shrinkReference(_ gray: Plane<UInt8>) -> Plane<UInt8> {
        guard isShrunk else { return gray }
        let small = Resample.resize(width: gray.width, height: gray.height, targetWidth: width, targetHeight: height) { y, row in
            gray.pixels.withUnsafeBufferPointer { g in
                let base = y * gray.width
                for x in 0..<gray.width { row[x] = Float(g[base + x]) }
            }
        }
        return Plane(width: width, height: height, pixels: small.pixels.map { UInt8(max(0, min(255, $0)) + 0.5) })
    }

    /// The canvas pixels a working-plane rectangle covers.
    public func canvasRect(_ r: PixelRect) -> PixelRect {
        guard isShrunk else { return r }
        let x0 = Int((Double(r.x) * scaleX).rounded(.down)), y0 = Int((Double(r.y) * scaleY).rounded(.down))
        let x1 = min(canvasWidth, Int((Double(r.maxX) * scaleX).rounded(.up)))
        let y1 = min(canvasHeight, Int((Double(r.maxY) * scaleY).rounded(.up)))
        return PixelRect(x: x0, y: y0, width: max(1, x1 - x0), height: max(1, y1 - y0))
    }

    /// A working-plane mask at canvas size, each canvas pixel taking the value of the working
    /// pixel its centre falls in (nearest). Shape: width×height → canvasWidth×canvasHeight.
    public func enlarge(_ mask: Plane<UInt8>) -> Plane<UInt8> {
        guard isShrunk else { return mask }
        let w = width, h = height
        let xs = (0..<canvasWidth).map { min(w - 1, Int((Double($0) + 0.5) / scaleX)) }
        var out = [UInt8](repeating: 0, count: canvasWidth * canvasHeight)
        mask.pixels.withUnsafeBufferPointer { m in
            out.withUnsafeMutableBufferPointer { o in
                var previous = -1
                for y in 0..<canvasHeight {
                    let sy = min(h - 1, Int((Double(y) + 0.5) / scaleY))
                    let src = sy * w, dst = y * canvasWidth
                    if sy == previous {
                        // The same working row as the canvas row above: copy that row.
                        for x in 0..<canvasWidth { o[dst + x] = o[dst - canvasWidth + x] }
                        continue
                    }
                    previous = sy
                    for x in 0..<canvasWidth { o[dst + x] = m[src + xs[x]] }
                }
            }
        }
        return Plane(width: canvasWidth, height: canvasHeight, pixels: out)
    }

    /// A working-plane component in canvas pixels (bounds enlarged, area scaled).
    public func canvasComponent(_ c: InkComponent) -> InkComponent {
        guard isShrunk else { return c }
        var c = c
        c.bounds = canvasRect(c.bounds)
        c.area = Int((Double(c.area) * scaleX * scaleY).rounded())
        return c
    }
}
