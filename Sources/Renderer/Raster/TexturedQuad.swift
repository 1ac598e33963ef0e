import CairoGraphics

/// A convex quad on screen carrying a palette-indexed texture, for `QuadRasterizer` and
/// `ReferenceQuadRasterizer`.
///
/// Corners are in device pixels (Cairo's device space: pixel `x` covers `x…x+1`, its centre
/// is `x+0.5`) and in texture order: `corners[0]` shows texture point (0, 0), `corners[1]`
/// (width, 0), `corners[2]` (width, height), `corners[3]` (0, height). Either winding works
/// (a back-facing quad is drawn the same). The texture is `width`×`height` texels, row-major,
/// each an index into `palette`: 256 premultiplied ARGB32 colours (native-endian `UInt32`,
/// `0xAARRGGBB`, the Cairo image surface's pixel). Indexing keeps a map's texture the
/// renderer's existing colour levels, so a frame allocates nothing per cell.
///
/// Coverage of a pixel is analytic: with `d_i` the signed distance (pixels, positive
/// inside) from the pixel centre to edge `i` grown by `outset`, `c_i = clamp(d_i + 0.5, 0, 1)`,
/// and coverage `= max(0, c_0 + c_2 − 1) · max(0, c_1 + c_3 − 1)` (opposite edges in
/// pairs, so a sliver thinner than a pixel gets its width, and an axis-aligned rectangle's
/// corner pixel its exact area), and zero outside `coverageBox`. Two quads sharing an edge get coverages summing to one
/// along it.
public struct TexturedQuad: Sendable {
    /// Corners in texture order (see the type's documentation).
    public var corners: [SIMD2<Double>]
    /// Texture width and height in texels.
    public var width: Int
    public var height: Int
    /// Palette index per texel, row-major, `width*height`.
    public var texels: [UInt8]
    /// 256 premultiplied ARGB32 colours.
    public var palette: [UInt32]
    /// Multiplies every texel's coverage, 0…1.
    public var opacity: Double = 1
    /// How far (pixels) the coverage outline lies outside the corners; the texture mapping
    /// is unchanged (pixels in the grown rim take the nearest edge texel).
    public var outset: Double = 0

    /// A quad showing `texels` (palette indices, row-major `width*height`) of `palette`
    /// between `corners` (see the type's documentation).
    public init(
        corners: [SIMD2<Double>], width: Int, height: Int, texels: [UInt8], palette: [UInt32], opacity: Double = 1,
        outset: Double = 0
    ) {
        self.corners = corners
        self.width = width
        self.height = height
        self.texels = texels
        self.palette = palette
        self.opacity = opacity
        self.outset = outset
    }

    /// A one-texel quad: `corners` (texture order, see the type's documentation) filled in
    /// `color`, whose alpha (clamped to 0…1) is the opacity. Not drawable when that alpha is 0.
    public static func solid(corners: [SIMD2<Double>], color: RGBA) -> TexturedQuad {
        var palette = [UInt32](repeating: 0, count: 256)
        palette[0] = pixel(color.withAlpha(1))
        return TexturedQuad(
            corners: corners, width: 1, height: 1, texels: [0], palette: palette, opacity: min(max(color.a, 0), 1))
    }

    /// Edges shorter than this (pixels) or an area below `minimumArea` draw nothing.
    public static let minimumEdge = 1e-6
    public static let minimumArea = 1e-6

    /// Whether the quad has four usable corners, a texture of the stated size, 256 colours,
    /// a non-degenerate outline, and is convex (all turns the same way).
    public var isDrawable: Bool {
        guard width > 0, height > 0, texels.count == width * height, palette.count == 256, opacity > 0 else { return false }
        return Self.isDrawableOutline(corners, outset: outset)
    }

    /// Whether `corners` are four finite points making a non-degenerate convex outline and
    /// `outset` is finite (the geometric half of `isDrawable`).
    public static func isDrawableOutline(_ corners: [SIMD2<Double>], outset: Double) -> Bool {
        guard corners.count == 4, corners.allSatisfy({ $0.x.isFinite && $0.y.isFinite }), outset.isFinite else {
            return false
        }
        let area = signedArea(corners)
        guard abs(area) >= Self.minimumArea else { return false }
        for i in 0..<4 {
            let a = corners[i], b = corners[(i + 1) % 4], c = corners[(i + 2) % 4]
            let e = b - a
            guard (e * e).sum().squareRoot() >= Self.minimumEdge else { return false }
            let turn = e.x * (c.y - b.y) - e.y * (c.x - b.x)
            if turn * area < 0 { return false }
        }
        return true
    }

    /// Coverage is zero outside this box: the corners' bounding box grown by `outset + 0.5`
    /// (pixel centres strictly inside count). It cuts off the spikes that edge distances
    /// alone would grow beyond sharp corners.
    public var coverageBox: (lo: SIMD2<Double>, hi: SIMD2<Double>) { Self.coverageBox(corners, outset: outset) }

    /// `coverageBox` of a quad with these `corners` and `outset`.
    public static func coverageBox(_ corners: [SIMD2<Double>], outset: Double) -> (lo: SIMD2<Double>, hi: SIMD2<Double>) {
        var lo = corners[0], hi = corners[0]
        for c in corners {
            lo = pointwiseMin(lo, c)
            hi = pointwiseMax(hi, c)
        }
        let grow = SIMD2(repeating: outset + 0.5)
        return (lo - grow, hi + grow)
    }

    /// Shoelace area; positive when the corners run clockwise on screen (y down).
    public var signedArea: Double { Self.signedArea(corners) }

    /// Shoelace area of four `corners`; positive when they run clockwise on screen (y down).
    public static func signedArea(_ corners: [SIMD2<Double>]) -> Double {
        var s = 0.0
        for i in 0..<4 {
            let a = corners[i], b = corners[(i + 1) % 4]
            s += a.x * b.y - b.x * a.y
        }
        return s / 2
    }

    /// Premultiplied ARGB32 of `color` as Cairo stores a solid colour (16-bit per channel,
    /// rounded, then the top byte), so the rasterizer's cells match Cairo's fills exactly.
    public static func pixel(_ color: RGBA) -> UInt32 {
        func byte(_ v: Double) -> UInt32 { UInt32(min(max(v, 0), 1) * 65535 + 0.5) >> 8 }
        let a = min(max(color.a, 0), 1)
        return byte(a) << 24 | byte(color.r * a) << 16 | byte(color.g * a) << 8 | byte(color.b * a)
    }
}

/// Where a rasterizer writes: rows of premultiplied ARGB32 pixels, `stride` bytes apart.
public struct PixelTarget {
    public let base: UnsafeMutablePointer<UInt8>
    public let stride: Int
    public let width: Int
    public let height: Int

    /// Pixels at `base`, `width`×`height`, rows `stride` bytes apart (at least `width*4`).
    public init(base: UnsafeMutablePointer<UInt8>, stride: Int, width: Int, height: Int) {
        precondition(width >= 0 && height >= 0 && stride >= width * 4, "pixel rows must hold width*4 bytes")
        self.base = base
        self.stride = stride
        self.width = width
        self.height = height
    }

    /// Pixel row `y` as 32-bit pixels.
    @inline(__always) public func row(_ y: Int) -> UnsafeMutablePointer<UInt32> {
        UnsafeMutableRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
    }
}

extension ImageSurface {
    /// Runs `body` with this surface's pixels as a `PixelTarget` (Cairo flushed before and
    /// told about the change after, by `withMutablePixels`).
    func withPixelTarget<R>(_ body: (PixelTarget) throws -> R) rethrows -> R {
        try withMutablePixels { base, stride in
            try body(PixelTarget(base: base, stride: stride, width: width, height: height))
        }
    }
}
