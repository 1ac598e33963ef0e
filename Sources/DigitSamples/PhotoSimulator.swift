import CairoGraphics
import Foundation
import Preprocessing
import Support

/// The pen a simulated photo's digit was written with.
public enum PhotoPen: String, Sendable, CaseIterable {
    /// Light, grainy graphite.
    case pencil
    /// Thin, fairly dark ink (blue or black).
    case ballpoint
    /// Broad, dark, solid strokes.
    case felt
}

/// What is printed on the simulated page.
public enum PhotoRuling: String, Sendable, CaseIterable {
    case plain
    /// Horizontal ruled lines.
    case ruled
    /// A square graph grid.
    case graph
}

/// A soft shadow over part of the page: everything on one side of a line is darkened.
public struct PhotoShadow: Sendable, Equatable {
    /// Direction of the shadow edge's normal (radians); the shadow lies on its positive side.
    public var angle: Double
    /// Signed distance of the shadow edge from the canvas centre, in pixels.
    public var offset: Double
    /// Share of the light taken away in full shadow (0…1).
    public var depth: Double
    /// Width of the soft edge, in pixels.
    public var softness: Double

    public init(angle: Double, offset: Double, depth: Double, softness: Double) {
        self.angle = angle; self.offset = offset; self.depth = depth; self.softness = softness
    }
}

/// Where the page ends inside the frame (the desk shows beyond): margins in page pixels from
/// each canvas edge (0 = the page runs out of the frame on that side).
public struct PhotoDesk: Sendable, Equatable {
    public var left: Double, top: Double, right: Double, bottom: Double
    /// The desk's colour.
    public var colour: RGBA

    public init(left: Double, top: Double, right: Double, bottom: Double, colour: RGBA) {
        self.left = left; self.top = top; self.right = right; self.bottom = bottom; self.colour = colour
    }
}

/// A finger holding the page, coming into the frame from one edge (canvas pixels): a rounded
/// capsule from `base` (outside the frame) to `tip`, lit from above, with a soft shadow beside it.
public struct PhotoFinger: Sendable, Equatable {
    public var baseX: Double, baseY: Double
    public var tipX: Double, tipY: Double
    /// Width of the finger, pixels.
    public var width: Double
    /// Skin colour under full light.
    public var skin: RGBA
    /// Offset of its shadow on the page, pixels.
    public var shadowX: Double, shadowY: Double

    public init(baseX: Double, baseY: Double, tipX: Double, tipY: Double, width: Double, skin: RGBA, shadowX: Double, shadowY: Double) {
        self.baseX = baseX; self.baseY = baseY; self.tipX = tipX; self.tipY = tipY; self.width = width; self.skin = skin
        self.shadowX = shadowX; self.shadowY = shadowY
    }

    /// Distance from (x, y) to the finger's axis (the segment from base to tip).
    func distance(_ x: Double, _ y: Double) -> Double {
        let (dx, dy) = (tipX - baseX, tipY - baseY)
        let t = max(0, min(1, ((x - baseX) * dx + (y - baseY) * dy) / max(dx * dx + dy * dy, 1e-9)))
        let (px, py) = (baseX + t * dx - x, baseY + t * dy - y)
        return (px * px + py * py).squareRoot()
    }
}

/// How one simulated phone photo of a handwritten digit looks.
public struct PhotoStyle: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Paper colour under full light (a white balance tint).
    public var paper: RGBA
    public var pen: PhotoPen
    /// Ink colour at full strength.
    public var ink: RGBA
    /// How much of the light the ink takes away at its core (0…1; pencil is light).
    public var inkStrength: Double
    public var ruling: PhotoRuling
    /// Distance between printed lines, width and colour of the lines, in page pixels.
    public var lineSpacing: Double
    public var lineWidth: Double
    public var lineColour: RGBA
    /// Side of the 28×28 digit field on the page, in pixels (the digit itself is about 20/28 of it).
    public var digitField: Double
    /// Centre of the digit as shares of the canvas width and height.
    public var centreX: Double
    public var centreY: Double
    /// Rotation of the page in the frame, radians (positive = clockwise on screen).
    public var tilt: Double
    /// Light falling off across the frame: direction (radians) and share lost at the dark end.
    public var gradientAngle: Double
    public var gradientStrength: Double
    public var shadow: PhotoShadow?
    public var desk: PhotoDesk?
    /// A finger holding the page at the frame's edge (nil: none).
    public var finger: PhotoFinger? = nil
    /// Sensor noise, standard deviation in grey levels (per channel).
    public var noise: Double
    /// Lens blur, Gaussian sigma in pixels.
    public var blur: Double
    /// Seed of the noise, pencil grain and paper texture.
    public var seed: UInt64

    /// A short description of the conditions (for accuracy reports and file names).
    public var conditions: String {
        "\(pen.rawValue) \(ruling.rawValue)" + (shadow == nil ? "" : " shadow") + (desk == nil ? "" : " desk")
            + (finger == nil ? "" : " finger")
            + String(format: " tilt %.0f°", tilt * 180 / .pi)
    }
}

/// Simulated phone photos of a handwritten digit on paper: the ink comes from a coverage
/// image (an MNIST digit, or a drawn one), the rest — paper tint, printed lines, uneven light,
/// shadow, desk, tilt, blur and sensor noise — is made here, deterministically from the style.
public enum PhotoSimulator {
    /// A random style in the range of users' photos: 640–1000 px canvases, off-white paper,
    /// light falling off across the page, a soft shadow on half, ruled or graph lines on two
    /// thirds, pencil, ballpoint or felt pen, noise, slight blur, a tilt of 10–20° on a third
    /// (a few degrees otherwise), the desk in frame on a third and a finger at the edge on a
    /// quarter.
    public static func randomStyle(seed: UInt64) -> PhotoStyle {
        var r = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 17)
        let w = 640 + r.int(361), h = 640 + r.int(361)
        let short = Double(min(w, h))
        let paper = RGBA(r.uniform(0.9, 1), r.uniform(0.88, 0.98), r.uniform(0.78, 0.95))
        let pen = PhotoPen.allCases[r.int(3)]
        let ink: RGBA, strength: Double
        switch pen {
        case .pencil: ink = RGBA(0.3, 0.3, 0.32); strength = r.uniform(0.5, 0.8)
        case .ballpoint:
            ink = r.int(2) == 0 ? RGBA(0.1, 0.18, 0.55) : RGBA(0.08, 0.08, 0.1); strength = r.uniform(0.75, 0.92)
        case .felt:
            let inks = [RGBA(0.05, 0.05, 0.05), RGBA(0.08, 0.15, 0.6), RGBA(0.7, 0.08, 0.12), RGBA(0.05, 0.35, 0.15)]
            ink = inks[r.int(inks.count)]; strength = r.uniform(0.85, 0.97)
        }
        let ruling = PhotoRuling.allCases[r.int(3)]
        let field = r.uniform(0.3, 0.55) * short
        let digitHeight = field * 20 / 28
        let lineSpacing = digitHeight * r.uniform(0.22, 0.5)
        let lineColours = [RGBA(0.55, 0.7, 0.92), RGBA(0.65, 0.75, 0.9), RGBA(0.62, 0.62, 0.62), RGBA(0.6, 0.8, 0.7)]
        let lineColour = lineColours[r.int(lineColours.count)]
        let lineWidth = r.uniform(1.2, 2.6)
        let spanX = max(0, 0.5 - 0.5 * field / Double(w) - 0.03), spanY = max(0, 0.5 - 0.5 * field / Double(h) - 0.03)
        let cx = 0.5 + r.uniform(-spanX, spanX) * 0.7, cy = 0.5 + r.uniform(-spanY, spanY) * 0.7
        let sign: Double = r.int(2) == 0 ? -1 : 1
        let tilt = r.int(3) == 0 ? sign * r.uniform(10, 20) * .pi / 180 : r.uniform(-4, 4) * .pi / 180
        let gradientAngle = r.uniform(0, 2 * .pi), gradientStrength = r.uniform(0.1, 0.45)
        var shadow: PhotoShadow?
        if r.int(2) == 0 {
            shadow = PhotoShadow(
                angle: r.uniform(0, 2 * .pi), offset: r.uniform(-0.25, 0.25) * short,
                depth: r.uniform(0.3, 0.6), softness: r.uniform(10, 120))
        }
        var desk: PhotoDesk?
        if r.int(3) == 0 {
            // The page edge on one or two sides, outside the digit.
            func margin(_ centre: Double, _ extent: Double, low: Bool) -> Double {
                let room = (low ? centre * extent - field * 0.6 : (1 - centre) * extent - field * 0.6)
                return room > 20 ? r.uniform(0.2, 0.8) * room : 0
            }
            let sides = r.int(4)
            let desks = [RGBA(0.35, 0.25, 0.18), RGBA(0.42, 0.42, 0.45), RGBA(0.6, 0.45, 0.3)]
            desk = PhotoDesk(
                left: sides == 0 ? margin(cx, Double(w), low: true) : 0,
                top: sides == 1 || sides == 3 ? margin(cy, Double(h), low: true) : 0,
                right: sides == 2 || sides == 3 ? margin(cx, Double(w), low: false) : 0,
                bottom: sides == 1 ? margin(cy, Double(h), low: false) : 0,
                colour: desks[r.int(desks.count)])
        }
        return PhotoStyle(
            width: w, height: h, paper: paper, pen: pen, ink: ink, inkStrength: strength,
            ruling: ruling, lineSpacing: lineSpacing, lineWidth: lineWidth, lineColour: lineColour,
            digitField: field, centreX: cx, centreY: cy, tilt: tilt,
            gradientAngle: gradientAngle, gradientStrength: gradientStrength, shadow: shadow, desk: desk,
            finger: randomFinger(seed: seed, width: w, height: h, digitX: cx * Double(w), digitY: cy * Double(h), field: field),
            noise: r.uniform(2, 7), blur: r.uniform(0.5, 1.3), seed: r.next())
    }

    /// A finger on a quarter of the photos, drawn from its own random stream (so a seed's other
    /// conditions stay what they were without fingers): it enters from one edge, 10–16 % of
    /// the shorter side wide, up to 30° off square to the edge, its tip and shadow kept clear
    /// of the digit (shortened, or another edge tried, until it is; nil when none fits).
    static func randomFinger(seed: UInt64, width w: Int, height h: Int, digitX: Double, digitY: Double, field: Double) -> PhotoFinger? {
        var r = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 0xF1)
        guard r.int(4) == 0 else { return nil }
        let short = Double(min(w, h))
        let width = r.uniform(0.1, 0.16) * short
        let skins = [RGBA(0.87, 0.68, 0.56), RGBA(0.76, 0.55, 0.42), RGBA(0.55, 0.38, 0.28), RGBA(0.93, 0.78, 0.68)]
        let skin = skins[r.int(skins.count)]
        let angle = r.uniform(-30, 30) * .pi / 180, along = r.uniform(0.15, 0.85), length = r.uniform(0.15, 0.35) * short
        let shadowAngle = r.uniform(0, 2 * .pi), shadowShift = r.uniform(0.15, 0.4) * width
        let clear = 0.55 * field + width / 2 + shadowShift + 0.05 * short
        let first = r.int(4)
        for k in 0..<4 {
            let (ex, ey, nx, ny): (Double, Double, Double, Double)
            switch (first + k) % 4 {
            case 0: (ex, ey, nx, ny) = (0, along * Double(h), 1, 0)
            case 1: (ex, ey, nx, ny) = (along * Double(w), 0, 0, 1)
            case 2: (ex, ey, nx, ny) = (Double(w), along * Double(h), -1, 0)
            default: (ex, ey, nx, ny) = (along * Double(w), Double(h), 0, -1)
            }
            let (dx, dy) = (nx * cos(angle) - ny * sin(angle), nx * sin(angle) + ny * cos(angle))
            var reach = length
            while reach >= width {
                let f = PhotoFinger(
                    baseX: ex - dx * width, baseY: ey - dy * width, tipX: ex + dx * reach, tipY: ey + dy * reach, width: width,
                    skin: skin, shadowX: shadowShift * cos(shadowAngle), shadowY: shadowShift * sin(shadowAngle))
                if f.distance(digitX, digitY) >= clear { return f }
                reach *= 0.85
            }
        }
        return nil
    }

    /// Renders a photo of the digit whose ink coverage is `coverage` (0 paper … 1 ink, e.g. a
    /// 28×28 MNIST image; it is spread over `style.digitField` pixels and upscaled smoothly).
    public static func render(coverage: Plane<Float>, style: PhotoStyle) -> Canvas {
        let w = style.width, h = style.height
        var planes = reflectance(coverage: coverage, style: style)
        light(&planes, style: style)
        if style.blur > 0 {
            for c in 0..<3 { planes[c] = gaussianBlur(planes[c], width: w, height: h, sigma: style.blur) }
        }
        return expose(planes, width: w, height: h, noise: style.noise, seed: style.seed)
    }

    /// The ink coverage of one of the bundled drawn digits (`DrawnDigits`), as a 112×112 plane
    /// whose digit fills about 20/28 of the height like MNIST's.
    public static func drawnCoverage(digit: Int, seed: UInt64) throws -> Plane<Float> {
        var style = DrawnDigits.randomStyle(seed: seed)
        style.canvasWidth = 112; style.canvasHeight = 112
        style.paper = nil; style.ink = RGBA(0, 0, 0); style.size = 20.0 / 28; style.centreX = 0.5; style.centreY = 0.5
        style.penWidth = min(max(style.penWidth, 0.08), 0.16); style.speck = nil
        let canvas = try DrawnDigits.canvas(digit: digit, style: style)
        return Plane(width: 112, height: 112, pixels: (0..<(112 * 112)).map { Float(canvas.bgra[4 * $0 + 3]) / 255 })
    }

    /// The photo as a phone stores it: turned so that `orientation` brings it back upright,
    /// compressed as a JPEG of `quality`, with an EXIF APP1 segment saying `orientation`.
    public static func phoneJPEG(_ canvas: Canvas, orientation: EXIFOrientation, quality: Int = 88) throws -> [UInt8] {
        // 6 and 8 undo each other; every other orientation is its own inverse.
        let inverse: EXIFOrientation = orientation == .right ? .left : orientation == .left ? .right : orientation
        let jpeg = try JPEGEncoder.encode(inverse.apply(to: canvas), quality: quality)
        // A big-endian TIFF block with one IFD0 entry: the orientation (0x0112, SHORT, 1 value).
        let tiff: [UInt8] = [
            0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, UInt8(orientation.rawValue), 0, 0, 0, 0, 0, 0,
        ]
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        return Array(jpeg[0..<2]) + [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + Array(jpeg[2...])
    }

    // MARK: - Stages

    /// Paper, printed lines, desk, finger and ink as reflectance per channel (R, G, B planes,
    /// 0…1), in canvas pixels; the page is rotated by the tilt (the finger is not: it lies in
    /// canvas pixels).
    static func reflectance(coverage: Plane<Float>, style: PhotoStyle) -> [[Float]] {
        let w = style.width, h = style.height
        var out = [[Float]](repeating: [Float](repeating: 0, count: w * h), count: 3)
        let (cosT, sinT) = (cos(style.tilt), sin(style.tilt))
        let cx = Double(w) / 2, cy = Double(h) / 2
        let digitU = style.centreX * Double(w), digitV = style.centreY * Double(h)
        let perPixel = Double(coverage.width) / style.digitField  // coverage samples per page pixel
        let lineOffset = Double(style.seed % 97) / 97 * style.lineSpacing
        let paper = [style.paper.r, style.paper.g, style.paper.b]
        let inkAbsorb = [1 - style.ink.r, 1 - style.ink.g, 1 - style.ink.b].map { $0 * style.inkStrength }
        let lineAbsorb = [1 - style.lineColour.r, 1 - style.lineColour.g, 1 - style.lineColour.b]
        let desk = style.desk
        for y in 0..<h {
            for x in 0..<w {
                // page coordinates: undo the tilt about the canvas centre
                let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
                let u = cx + dx * cosT + dy * sinT, v = cy - dx * sinT + dy * cosT
                let i = y * w + x
                var shade = 1.0
                if let finger = style.finger {
                    let half = finger.width / 2
                    let d = finger.distance(Double(x) + 0.5, Double(y) + 0.5)
                    if d < half {
                        // A rounded finger: brightest along its axis.
                        let lit = 0.72 + 0.28 * (1 - (d / half) * (d / half)).squareRoot()
                        out[0][i] = Float(finger.skin.r * lit); out[1][i] = Float(finger.skin.g * lit)
                        out[2][i] = Float(finger.skin.b * lit)
                        continue
                    }
                    let ds = finger.distance(Double(x) + 0.5 - finger.shadowX, Double(y) + 0.5 - finger.shadowY)
                    shade = 1 - 0.35 * (1 - smoothstep(half - 0.1 * finger.width, half + 0.3 * finger.width, ds))
                }
                if let desk, u < desk.left || v < desk.top || u > Double(w) - desk.right || v > Double(h) - desk.bottom {
                    let grain = shade * (0.9 + 0.2 * hash01(Int(u / 3), Int(v / 7), style.seed))
                    out[0][i] = Float(desk.colour.r * grain); out[1][i] = Float(desk.colour.g * grain);
                    out[2][i] = Float(desk.colour.b * grain)
                    continue
                }
                var line = 0.0
                if style.ruling != .plain { line = lineCoverage(v - lineOffset, spacing: style.lineSpacing, width: style.lineWidth) }
                if style.ruling == .graph {
                    line = max(line, lineCoverage(u - lineOffset, spacing: style.lineSpacing, width: style.lineWidth))
                }
                var inkCover = 0.0
                let su = (u - digitU) * perPixel + Double(coverage.width) / 2 - 0.5
                let sv = (v - digitV) * perPixel + Double(coverage.height) / 2 - 0.5
                if su > -2, sv > -2, su < Double(coverage.width + 1), sv < Double(coverage.height + 1) {
                    let c = bicubic(coverage, su, sv)
                    inkCover = penShape(c, pen: style.pen, u: u, v: v, seed: style.seed)
                }
                let fibre = shade * (1 - 0.015 * hash01(Int(u), Int(v), style.seed &+ 7))
                for c in 0..<3 {
                    var value = paper[c] * fibre * (1 - lineAbsorb[c] * line)
                    value *= 1 - inkAbsorb[c] * inkCover
                    out[c][i] = Float(value)
                }
            }
        }
        return out
    }

    /// Coverage of printed lines every `spacing` pixels, `width` wide, at position `t` (antialiased).
    static func lineCoverage(_ t: Double, spacing: Double, width: Double) -> Double {
        let k = (t / spacing).rounded()
        let d = abs(t - k * spacing)
        return min(1, max(0, width / 2 + 0.5 - d))
    }

    /// How much a pen covers where the digit's coverage is `c`: felt pens are broad and solid,
    /// ballpoints thinner, pencil thinner still and grainy.
    static func penShape(_ c: Double, pen: PhotoPen, u: Double, v: Double, seed: UInt64) -> Double {
        switch pen {
        case .felt: return smoothstep(0.12, 0.42, c)
        case .ballpoint: return smoothstep(0.45, 0.8, c)
        case .pencil:
            let grain = 0.4 + 0.6 * hash01(Int((u / 1.6).rounded(.down)), Int((v / 1.6).rounded(.down)), seed &+ 3)
            return smoothstep(0.35, 0.75, c) * grain
        }
    }

    /// Illumination: a linear fall-off across the frame and a soft shadow over part of it.
    static func light(_ planes: inout [[Float]], style: PhotoStyle) {
        let w = style.width, h = style.height
        let cx = Double(w) / 2, cy = Double(h) / 2
        let halfDiagonal = (cx * cx + cy * cy).squareRoot()
        let (gx, gy) = (cos(style.gradientAngle), sin(style.gradientAngle))
        var row = [Float](repeating: 0, count: w)
        for y in 0..<h {
            for x in 0..<w {
                let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
                let t = 0.5 + 0.5 * (dx * gx + dy * gy) / halfDiagonal
                var l = 1 - style.gradientStrength * t
                if let s = style.shadow {
                    let d = dx * cos(s.angle) + dy * sin(s.angle) - s.offset
                    l *= 1 - s.depth * smoothstep(-s.softness / 2, s.softness / 2, d)
                }
                row[x] = Float(l)
            }
            for c in 0..<3 { for x in 0..<w { planes[c][y * w + x] *= row[x] } }
        }
    }

    /// The sensor: 0…1 planes to 8-bit BGRA with Gaussian-like noise of `noise` grey levels.
    static func expose(_ planes: [[Float]], width w: Int, height h: Int, noise: Double, seed: UInt64) -> Canvas {
        var rng = SplitMix64(seed: seed &+ 0x51ED)
        var bgra = [UInt8](repeating: 255, count: w * h * 4)
        let sigma = Float(noise)
        for i in 0..<(w * h) {
            let bits = rng.next()
            for c in 0..<3 {
                // Irwin–Hall: the sum of four uniforms, shifted and scaled to unit variance.
                var sum: Float = 0
                for k in 0..<4 { sum += Float((bits >> UInt64(16 * k + 5 * c)) & 0x7FF) / 2048 }
                let n = (sum - 2) * 1.7320508 * sigma
                let value = planes[c][i] * 255 + n
                bgra[4 * i + (2 - c)] = UInt8(max(0, min(255, value.rounded())))
            }
        }
        return Canvas(width: w, height: h, bgra: bgra)
    }

    // MARK: - Helpers

    /// Separable Gaussian blur of a `width`×`height` plane (edges clamped).
    static func gaussianBlur(_ plane: [Float], width w: Int, height h: Int, sigma: Double) -> [Float] {
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-radius...radius).map { Float(exp(-Double($0 * $0) / (2 * sigma * sigma))) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        var tmp = [Float](repeating: 0, count: w * h)
        var out = [Float](repeating: 0, count: w * h)
        plane.withUnsafeBufferPointer { src in
            tmp.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    let base = y * w
                    for x in 0..<w {
                        var acc: Float = 0
                        for k in -radius...radius { acc += src[base + min(w - 1, max(0, x + k))] * kernel[k + radius] }
                        dst[base + x] = acc
                    }
                }
            }
        }
        tmp.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    for k in -radius...radius {
                        let sy = min(h - 1, max(0, y + k)), wk = kernel[k + radius]
                        for x in 0..<w { dst[y * w + x] += src[sy * w + x] * wk }
                    }
                }
            }
        }
        return out
    }

    /// Catmull–Rom bicubic sample of `plane` at (`x`, `y`) in pixel-centre coordinates (0 outside).
    static func bicubic(_ plane: Plane<Float>, _ x: Double, _ y: Double) -> Double {
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let fx = x - Double(x0), fy = y - Double(y0)
        func weights(_ t: Double) -> [Double] {
            let t2 = t * t, t3 = t2 * t
            return [(-t3 + 2 * t2 - t) / 2, (3 * t3 - 5 * t2 + 2) / 2, (-3 * t3 + 4 * t2 + t) / 2, (t3 - t2) / 2]
        }
        let wx = weights(fx), wy = weights(fy)
        var acc = 0.0
        for j in 0..<4 {
            let yy = y0 - 1 + j
            guard yy >= 0, yy < plane.height else { continue }
            var rowAcc = 0.0
            for i in 0..<4 {
                let xx = x0 - 1 + i
                guard xx >= 0, xx < plane.width else { continue }
                rowAcc += wx[i] * Double(plane.pixels[yy * plane.width + xx])
            }
            acc += wy[j] * rowAcc
        }
        return min(1, max(0, acc))
    }

    static func smoothstep(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let t = min(1, max(0, (x - a) / (b - a)))
        return t * t * (3 - 2 * t)
    }

    /// A deterministic value in 0…1 for an integer position.
    static func hash01(_ x: Int, _ y: Int, _ seed: UInt64) -> Double {
        var g = SplitMix64(
            seed: seed ^ (UInt64(bitPattern: Int64(x)) &* 0x9E37_79B9) ^ (UInt64(bitPattern: Int64(y)) &* 0xC2B2_AE3D_27D4_EB4F))
        return Double(g.next() >> 11) / Double(1 << 53)
    }
}
