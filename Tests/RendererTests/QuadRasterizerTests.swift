import Foundation
import Renderer
import Support
import Testing

/// A `width`×`height` ARGB32 buffer the rasterizers draw into.
private struct Canvas {
    let width: Int, height: Int
    var pixels: [UInt32]

    init(width: Int, height: Int, fill: (Int) -> UInt32 = { _ in 0 }) {
        self.width = width
        self.height = height
        pixels = (0..<(width * height)).map(fill)
    }

    mutating func draw(_ quad: TexturedQuad, reference: Bool) {
        let (w, h) = (width, height)
        pixels.withUnsafeMutableBytes { raw in
            let target = PixelTarget(
                base: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), stride: w * 4, width: w, height: h)
            if reference {
                ReferenceQuadRasterizer.draw(quad, into: target)
            } else {
                QuadRasterizer.draw(quad, into: target)
            }
        }
    }
}

/// A palette of `count` random premultiplied colours (the rest transparent), every fourth
/// translucent.
private func randomPalette(_ count: Int, _ rng: inout SplitMix64) -> [UInt32] {
    (0..<256).map { i in
        guard i < count else { return 0 }
        let a: UInt32 = i % 4 == 3 ? UInt32.random(in: 60...250, using: &rng) : 255
        func channel() -> UInt32 { UInt32.random(in: 0...255, using: &rng) * a / 255 }
        return a << 24 | channel() << 16 | channel() << 8 | channel()
    }
}

/// A rectangle of `size` turned by `yaw`/`pitch`/`roll` (radians) about its centre, placed at
/// depth `depth` and projected with focal length `focal` around screen point `center`.
private func projectedRectangle(
    center: SIMD2<Double>, size: SIMD2<Double>, yaw: Double, pitch: Double, roll: Double, depth: Double,
    focal: Double
) -> [SIMD2<Double>] {
    let local: [SIMD3<Double>] = [
        SIMD3(-size.x / 2, -size.y / 2, 0), SIMD3(size.x / 2, -size.y / 2, 0),
        SIMD3(size.x / 2, size.y / 2, 0), SIMD3(-size.x / 2, size.y / 2, 0),
    ]
    return local.map { p in
        var q = SIMD3(p.x * cos(roll) - p.y * sin(roll), p.x * sin(roll) + p.y * cos(roll), p.z)
        q = SIMD3(q.x * cos(yaw) + q.z * sin(yaw), q.y, -q.x * sin(yaw) + q.z * cos(yaw))
        q = SIMD3(q.x, q.y * cos(pitch) - q.z * sin(pitch), q.y * sin(pitch) + q.z * cos(pitch))
        let z = q.z + depth
        return SIMD2(center.x + focal * q.x / z, center.y + focal * q.y / z)
    }
}

private enum QuadKind: CaseIterable {
    case perspective, tiny, offSurface, nearEdgeOn, backFacing, translucent
}

private func randomQuad(_ kind: QuadKind, _ rng: inout SplitMix64) -> TexturedQuad {
    let w = Int.random(in: 1...9, using: &rng), h = Int.random(in: 1...9, using: &rng)
    let colours = Int.random(in: 1...40, using: &rng)
    let texels = (0..<(w * h)).map { _ in UInt8.random(in: 0..<UInt8(colours), using: &rng) }
    var size = SIMD2(Double.random(in: 8...60, using: &rng), Double.random(in: 8...60, using: &rng))
    var center = SIMD2(Double.random(in: 10...54, using: &rng), Double.random(in: 8...40, using: &rng))
    var pitch = Double.random(in: -1.1...1.1, using: &rng)
    switch kind {
    case .tiny: size = SIMD2(Double.random(in: 0.05...3, using: &rng), Double.random(in: 0.05...3, using: &rng))
    case .offSurface:
        center = SIMD2(Double.random(in: -40...104, using: &rng), Double.random(in: -40...88, using: &rng))
        size *= 1.5
    case .nearEdgeOn: pitch = (Bool.random(using: &rng) ? 1 : -1) * Double.random(in: 1.45...1.55, using: &rng)
    default: break
    }
    var corners = projectedRectangle(
        center: center, size: size, yaw: Double.random(in: -1.1...1.1, using: &rng), pitch: pitch,
        roll: Double.random(in: -3...3, using: &rng), depth: 100, focal: 100)
    if kind == .backFacing { corners.reverse() }
    return TexturedQuad(
        corners: corners, width: w, height: h, texels: texels, palette: randomPalette(colours, &rng),
        opacity: kind == .translucent ? Double.random(in: 0.2...0.9, using: &rng) : 1,
        outset: Bool.random(using: &rng) ? 0 : 0.35)
}

/// Whether the reference maps pixel (x, y) within `margin` texels of a texel boundary (where
/// the two homography solutions may round to different texels).
private func nearTexelBoundary(_ q: TexturedQuad, _ x: Int, _ y: Int, margin: Double = 1e-6) -> Bool {
    guard let hm = ReferenceQuadRasterizer.textureHomography(q) else { return true }
    let (u, v) = ReferenceQuadRasterizer.apply(hm, Double(x) + 0.5, Double(y) + 0.5)
    func near(_ t: Double, _ n: Int) -> Bool {
        guard t > 0, t < Double(n) else { return false }  // clamped: the same texel either way
        return abs(t - t.rounded()) < margin
    }
    return !u.isFinite || !v.isFinite || near(u, q.width) || near(v, q.height)
}

/// Bound for pixels the quad only partly covers: the two compute coverage through different
/// float paths (each rounding to 1/255) and composite in fixed point vs `Double`.
private let edgeBound = 2

@Test(arguments: QuadKind.allCases)
private func fastRasterizerMatchesTheReference(_ kind: QuadKind) {
    var rng = SplitMix64(seed: 0xC0FFEE &+ UInt64(QuadKind.allCases.firstIndex(of: kind)!))
    var compared = (interior: 0, edge: 0, drawn: 0)
    for _ in 0..<60 {
        let quad = randomQuad(kind, &rng)
        let background = Canvas(width: 64, height: 48) { i in
            i % 7 == 0 ? 0 : 0xFF00_0000 | UInt32(truncatingIfNeeded: (i &* 2_654_435_761) >> 8) & 0xFF_FFFF
        }
        var fast = background, reference = background
        fast.draw(quad, reference: false)
        reference.draw(quad, reference: true)
        if fast.pixels != background.pixels { compared.drawn += 1 }
        for y in 0..<48 {
            for x in 0..<64 {
                let i = y * 64 + x
                let cover = ReferenceQuadRasterizer.coverage(quad, Double(x) + 0.5, Double(y) + 0.5)
                if cover <= 0 || !quad.isDrawable {
                    #expect(fast.pixels[i] == background.pixels[i], "\(kind) pixel (\(x), \(y)) outside the quad changed")
                    continue
                }
                if nearTexelBoundary(quad, x, y) { continue }
                let difference = SolidRasterTests.channelDifference(fast.pixels[i], reference.pixels[i])
                if cover >= 1 && quad.opacity >= 1 {
                    compared.interior += 1
                    #expect(difference == 0, "\(kind) interior pixel (\(x), \(y)) differs by \(difference)")
                } else {
                    compared.edge += 1
                    #expect(difference <= edgeBound, "\(kind) edge pixel (\(x), \(y)) differs by \(difference)")
                }
            }
        }
    }
    // The comparison must have looked at something of each kind.
    #expect(compared.drawn > 10)
    #expect(compared.edge > 50)
    if kind != .tiny && kind != .translucent { #expect(compared.interior > 500) }
}

@Test func degenerateQuadsDrawNothing() {
    var rng = SplitMix64(seed: 7)
    let palette = randomPalette(4, &rng)
    let cases: [[SIMD2<Double>]] = [
        [SIMD2(5, 5), SIMD2(30, 5), SIMD2(55, 5), SIMD2(20, 5)],  // collinear
        [SIMD2(5, 5), SIMD2(5, 5), SIMD2(30, 30), SIMD2(5, 30)],  // two corners coincide
        [SIMD2(5, 5), SIMD2(40, 40), SIMD2(40, 5), SIMD2(5, 40)],  // bow tie, not convex
        [SIMD2(5, 5), SIMD2(.nan, 5), SIMD2(40, 40), SIMD2(5, 40)],
    ]
    for corners in cases {
        let quad = TexturedQuad(corners: corners, width: 2, height: 2, texels: [0, 1, 2, 3], palette: palette)
        #expect(!quad.isDrawable)
        for reference in [false, true] {
            var canvas = Canvas(width: 64, height: 48)
            canvas.draw(quad, reference: reference)
            #expect(canvas.pixels.allSatisfy { $0 == 0 })
        }
    }
}

@Test func everyTexelStaysACrispCell() {
    // Axis-aligned, 8 pixels per texel on the pixel grid: every 8×8 block is exactly its texel.
    let palette: [UInt32] = (0..<256).map { (i: Int) -> UInt32 in
        guard i < 16 else { return 0 }
        let red = UInt32(i * 16), blue = UInt32(255 - i * 16)
        return 0xFF00_0000 | red << 16 | blue
    }
    let quad = TexturedQuad(
        corners: [SIMD2(8, 8), SIMD2(40, 8), SIMD2(40, 40), SIMD2(8, 40)], width: 4, height: 4,
        texels: (0..<16).map(UInt8.init), palette: palette)
    var canvas = Canvas(width: 48, height: 48)
    canvas.draw(quad, reference: false)
    for y in 8..<40 {
        for x in 8..<40 {
            #expect(canvas.pixels[y * 48 + x] == palette[(y - 8) / 8 * 4 + (x - 8) / 8], "pixel (\(x), \(y))")
        }
    }
    // In perspective: every fully covered pixel is exactly the texel under its centre, never a blend.
    let tilted = TexturedQuad(
        corners: projectedRectangle(
            center: SIMD2(24, 24), size: SIMD2(40, 40), yaw: 0.7, pitch: -0.5, roll: 0.3, depth: 100, focal: 100),
        width: 4, height: 4, texels: (0..<16).map(UInt8.init), palette: palette)
    var tiltedCanvas = Canvas(width: 48, height: 48)
    tiltedCanvas.draw(tilted, reference: false)
    let hm = ReferenceQuadRasterizer.textureHomography(tilted)!
    var seen = Set<UInt32>()
    for y in 0..<48 {
        for x in 0..<48 where ReferenceQuadRasterizer.coverage(tilted, Double(x) + 0.5, Double(y) + 0.5) >= 1 {
            let (u, v) = ReferenceQuadRasterizer.apply(hm, Double(x) + 0.5, Double(y) + 0.5)
            let expected = palette[min(Int(v), 3) * 4 + min(Int(u), 3)]
            #expect(tiltedCanvas.pixels[y * 48 + x] == expected, "pixel (\(x), \(y))")
            seen.insert(tiltedCanvas.pixels[y * 48 + x])
        }
    }
    #expect(seen.count == 16)
}

/// A quad split in two along a shared edge: the halves' coverages sum to the whole's at
/// every pixel within `tolerance` (each alpha rounds to 1/255, so 1 each, plus one).
@Test(arguments: [0.0, 0.35])
func halvesSumToTheWhole(outset: Double) {
    let white = [0xFFFF_FFFF] + [UInt32](repeating: 0, count: 255)
    let tolerance = 2
    let c = projectedRectangle(
        center: SIMD2(32, 24), size: SIMD2(44, 34), yaw: 0.5, pitch: 0.4, roll: 0.2, depth: 100, focal: 100)
    // Split at a line from a point on edge 0→1 to a point on edge 3→2 (not the middle).
    let top = c[0] + (c[1] - c[0]) * 0.37, bottom = c[3] + (c[2] - c[3]) * 0.61
    func alphas(_ corners: [SIMD2<Double>]) -> [Int] {
        var canvas = Canvas(width: 64, height: 48)
        // The shared edge gets no outset (that would overlap); the outline keeps it.
        canvas.draw(
            TexturedQuad(corners: corners, width: 1, height: 1, texels: [0], palette: white, outset: outset),
            reference: false)
        return canvas.pixels.map { Int($0 >> 24) }
    }
    let whole = alphas(c)
    let left = alphas([c[0], top, bottom, c[3]]), right = alphas([top, c[1], c[2], bottom])
    var seamPixels = 0
    for i in whole.indices {
        if outset == 0 {
            #expect(abs(left[i] + right[i] - whole[i]) <= tolerance, "pixel \(i % 64), \(i / 64)")
        }
        if left[i] > 0 && right[i] > 0 { seamPixels += 1 }
    }
    #expect(seamPixels > 20)
    if outset > 0 {
        // Grown halves overlap along the seam: together they cover it fully, as Cairo's
        // grown cells did.
        for i in whole.indices where whole[i] == 255 {
            #expect(left[i] + right[i] >= 255, "pixel \(i % 64), \(i / 64)")
        }
    }
}

@Test func fixedPointScaleRoundsExactly() {
    var wrong = 0
    for m in UInt32(0)...255 {
        for c in UInt32(0)...255 {
            let p = c << 24 | c << 16 | (255 - c) << 8 | c / 2
            func exact(_ v: UInt32) -> UInt32 { UInt32((Double(v * m) / 255).rounded()) }
            if QuadRasterizer.scale(p, m) != exact(c) << 24 | exact(c) << 16 | exact(255 - c) << 8 | exact(c / 2) {
                wrong += 1
            }
        }
    }
    #expect(wrong == 0)
}

/// The interior loop maps four pixels at once through the homography (SIMD lanes); every
/// index must be the one the one-pixel `texel` gives (the same operations per lane), over
/// whole rows of every kind of quad, rim pixels outside the texture included.
@Test(arguments: QuadKind.allCases)
private func fourLaneTexelsAreTheScalarTexels(_ kind: QuadKind) throws {
    var rng = SplitMix64(seed: 0x5EED &+ UInt64(QuadKind.allCases.firstIndex(of: kind)!))
    var compared = 0
    for _ in 0..<40 {
        let quad = randomQuad(kind, &rng)
        for y in -2..<50 {
            let start = Int.random(in: -3...3, using: &rng)
            guard let lanes = QuadRasterizer.texelIndices(quad, row: y, columns: start..<(start + 67), lanes: true),
                let scalar = QuadRasterizer.texelIndices(quad, row: y, columns: start..<(start + 67), lanes: false)
            else { continue }
            #expect(lanes == scalar, "\(kind) row \(y)")
            compared += lanes.count
        }
    }
    #expect(compared > 10_000)
}
