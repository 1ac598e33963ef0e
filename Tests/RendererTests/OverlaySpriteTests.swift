import CairoGraphics
import Foundation
import Geometry
import Renderer
import Support
import Testing

/// The overlay panels drawn once and composited (`OverlaySprite`, the renderer's overlay
/// cache): the compositing against its naive twin and against Cairo painting the same
/// pixels, and the cached frame against the frame that draws its panels with Cairo.
@Suite struct OverlaySpriteTests {
    /// A random premultiplied ARGB32 pixel (each colour channel at most its alpha); one in
    /// four fully transparent or opaque.
    static func premultiplied(_ rng: inout SplitMix64) -> UInt32 {
        let pick = rng.next() % 8
        let a: UInt32 = pick == 0 ? 0 : (pick == 1 ? 255 : UInt32(rng.next() % 256))
        var p = a << 24
        for shift: UInt32 in [0, 8, 16] { p |= UInt32(rng.next() % UInt64(a + 1)) << shift }
        return p
    }

    @Test("one pixel over another is its naive per-channel twin, bit for bit")
    func overPixelMatchesTheReference() {
        var rng = SplitMix64(seed: 0x0E7A)
        var mismatches = 0
        for _ in 0..<200_000 {
            let s = Self.premultiplied(&rng), d = Self.premultiplied(&rng)
            if OverlaySprite.overPixel(s, d) != OverlaySprite.referenceOverPixel(s, d) { mismatches += 1 }
        }
        #expect(mismatches == 0)
        // Every source alpha against a bright destination (the largest products).
        for a: UInt32 in 0...255 {
            let s = a << 24 | (a / 2) << 16 | a << 8 | (a / 3), d: UInt32 = 0xFFFF_FFFF
            #expect(OverlaySprite.overPixel(s, d) == OverlaySprite.referenceOverPixel(s, d), "alpha \(a)")
        }
    }

    @Test("a row composited eight pixels at a time is the naive twin pixel by pixel (any start, any length)")
    func rowOverMatchesTheReference() {
        var rng = SplitMix64(seed: 0x0E7B)
        for (start, count) in [(0, 64), (3, 37), (5, 7), (1, 8), (0, 1)] {
            let src = (0..<(start + count)).map { _ in Self.premultiplied(&rng) }
            let dst = (0..<(start + count)).map { _ in Self.premultiplied(&rng) }
            var out = dst
            src.withUnsafeBufferPointer { s in
                out.withUnsafeMutableBufferPointer { d in
                    OverlaySprite.over(s.baseAddress!, d.baseAddress!, start..<(start + count))
                }
            }
            let expected = dst.indices.map { k in k < start ? dst[k] : OverlaySprite.referenceOverPixel(src[k], dst[k]) }
            #expect(out == expected, "start \(start), \(count) pixels")
        }
    }

    /// Translucent text, a rounded panel and a line, as the overlay painters draw them.
    static func panel(_ c: Context) {
        c.newPath()
        c.roundedRectangle(30.5, 20.25, 150, 70, radius: 9)
        c.setColor(RGBA(0.09, 0.11, 0.13, 0.92))
        c.fillPreserve()
        c.setColor(RGBA(0.3, 0.35, 0.4, 1))
        c.setLineWidth(1)
        c.stroke()
        c.selectFont("DejaVu Sans", weight: .bold)
        c.setFontSize(17.5)
        c.setColor(RGBA(0.9, 0.95, 1, 0.8))
        c.drawText("PREDICTION 7 >99.99 %", x: 38.3, y: 50.6)
        c.setLineCap(.round)
        c.setColor(RGBA(0.35, 0.84, 1, 0.6))
        c.newPath()
        c.moveTo(40, 75); c.lineTo(170, 78)
        c.stroke()
    }

    /// A `width`×`height` frame with a gradient and some shapes, as a frame under its panels.
    static func backdrop(width: Int, height: Int) throws -> ImageSurface {
        let surface = try ImageSurface(width: width, height: height)
        let c = try Context(surface)
        c.setLinearGradient(
            x0: 0, y0: 0, x1: Double(width), y1: Double(height),
            stops: [(0, RGBA(0.05, 0.07, 0.09)), (1, RGBA(0.4, 0.2, 0.6))])
        c.paint()
        c.setColor(RGBA(0.2, 0.9, 0.5, 0.5))
        c.newPath()
        c.arc(Double(width) / 2, Double(height) / 2, radius: Double(height) / 3)
        c.fill()
        surface.flush()
        return surface
    }

    @Test(
        "a sprite composited over a frame is Cairo painting the sprite's pixels there, bit for bit (also cut by the frame's edges)",
        arguments: [(13, 7), (-40, 9), (120, -30), (150, 95)])
    func compositeIsCairoPaint(x: Int, y: Int) throws {
        let (w, h) = (260, 150)
        let sprite = try #require(
            try OverlaySprite.draw(x: x, y: y, width: 210, height: 110) { c in
                c.translate(Double(x), Double(y))
                Self.panel(c)
            })
        let ours = try Self.backdrop(width: w, height: h)
        sprite.composite(over: ours)
        let cairo = try Self.backdrop(width: w, height: h)
        let bytes = sprite.pixels.withUnsafeBytes { Array($0) }
        let image = try ImageSurface(width: sprite.width, height: sprite.height, bgra: bytes)
        let c = try Context(cairo)
        c.setSource(image, x: Double(x), y: Double(y), filter: .nearest)
        c.paint()
        cairo.flush()
        let a = ours.bgraBytes(), b = cairo.bgraBytes()
        #expect(a == b)
        // The sprite really landed: the frame is not the bare backdrop.
        #expect(a != (try Self.backdrop(width: w, height: h)).bgraBytes())
    }

    @Test("a sprite whose drawing reaches the scratch surface's edge is refused (it may be clipped)")
    func clippedDrawingIsRefused() throws {
        let inside = try OverlaySprite.draw(x: 0, y: 0, width: 320, height: 120) { Self.panel($0) }
        #expect(inside != nil)
        let cut = try OverlaySprite.draw(x: 0, y: 0, width: 120, height: 120) { Self.panel($0) }
        #expect(cut == nil)
    }

    /// Largest channel difference between two frames and the pixels that differ.
    static func differences(_ a: [UInt8], _ b: [UInt8], width: Int) -> (worst: Int, pixels: [(x: Int, y: Int)]) {
        var worst = 0
        var pixels: [(Int, Int)] = []
        for i in stride(from: 0, to: a.count, by: 4) {
            var d = 0
            for k in 0..<4 { d = max(d, abs(Int(a[i + k]) - Int(b[i + k]))) }
            if d > 0 { pixels.append(((i / 4) % width, (i / 4) / width)) }
            worst = max(worst, d)
        }
        return (worst, pixels)
    }

    @Test(
        "a frame with cached panels is the frame that draws them with Cairo, within 1 level, only inside the panels",
        arguments: [(1280, 720, nil), (1280, 720, 0.0), (960, 540, 0.55), (1920, 1080, nil)] as [(Int, Int, Double?)])
    func cachedPanelsMatchCairo(width: Int, height: Int, reveal: Double?) throws {
        let renderer = try FixedScene.renderer()
        let camera = renderer.fittedCamera(width: width, height: height, yaw: -35, elevation: 20)
        let direct = try renderer.render(
            camera: camera, width: width, height: height, reveal: reveal, cachedOverlays: false
        ).bgraBytes()
        let first = try renderer.render(camera: camera, width: width, height: height, reveal: reveal).bgraBytes()
        let again = try renderer.render(camera: camera, width: width, height: height, reveal: reveal).bgraBytes()
        // The frame that made the sprites and the frames that reuse them are the same picture.
        #expect(first == again)
        let (worst, pixels) = Self.differences(first, direct, width: width)
        #expect(worst <= 1)
        let layout = FrameLayout(width: width, height: height, style: renderer.style)
        let panels = [layout.title, layout.legend, layout.prediction].compactMap { $0?.outset(by: 16 * layout.scale + 2) }
        let outside = pixels.filter { p in
            !panels.contains { p.x >= Int($0.x) && p.y >= Int($0.y) && Double(p.x) < $0.maxX && Double(p.y) < $0.maxY }
        }
        #expect(outside.isEmpty)
        // Most panel pixels are exactly the same; the rest are rounding where shapes overlap.
        let panelArea = panels.map { $0.width * $0.height }.reduce(0, +)
        #expect(Double(pixels.count) < 0.05 * panelArea)
        print("cached panels \(width)x\(height) reveal \(reveal.map { "\($0)" } ?? "nil"): \(pixels.count) pixels differ, worst \(worst)")
    }
}
