/// Stage 1–2: composite transparency over the canvas colour and reduce to one grey channel.
public enum Grayscale {
    /// The colour transparent pixels are composited over: white under dark ink, black under
    /// light ink (judged from the alpha-weighted mean luminance of the visible pixels), so that
    /// ink drawn on a transparent layer always contrasts with its canvas.
    public static func canvasColour(for canvas: Canvas) -> RGB8 {
        guard canvas.hasTransparency else { return .white }
        var lumaSum = 0, alphaSum = 0
        canvas.bgra.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                lumaSum += luma(r: Int(p[i + 2]), g: Int(p[i + 1]), b: Int(p[i]))
                alphaSum += Int(p[i + 3])
                i += 4
            }
        }
        guard alphaSum > 0 else { return .white }
        // premultiplied luma / alpha is the mean luma in 0…1: dark ink below one half.
        return lumaSum * 2 < alphaSum ? .white : .black
    }

    /// Rec. 709 luma in integer arithmetic (weights 54, 183, 19 out of 256).
    @inline(__always)
    static func luma(r: Int, g: Int, b: Int) -> Int { (54 * r + 183 * g + 19 * b) >> 8 }

    /// Composites premultiplied pixels over `background` and returns their luma, 0 black … 255 white.
    public static func gray(_ canvas: Canvas, over background: RGB8) -> Plane<UInt8> {
        let n = canvas.width * canvas.height
        var out = [UInt8](repeating: 0, count: n)
        // (255 − α)·background/255 for every α, per channel
        var under: [(r: Int, g: Int, b: Int)] = []
        for a in 0..<256 {
            let inverse = 255 - a
            let r = (inverse * Int(background.r) + 127) / 255
            let g = (inverse * Int(background.g) + 127) / 255
            let b = (inverse * Int(background.b) + 127) / 255
            under.append((r, g, b))
        }
        canvas.bgra.withUnsafeBufferPointer { p in
            under.withUnsafeBufferPointer { u in
                out.withUnsafeMutableBufferPointer { o in
                    for i in 0..<n {
                        let b = Int(p[4 * i]), g = Int(p[4 * i + 1]), r = Int(p[4 * i + 2]), a = Int(p[4 * i + 3])
                        if a == 255 {
                            o[i] = UInt8(truncatingIfNeeded: luma(r: r, g: g, b: b))
                        } else {
                            let c = u[a]
                            o[i] = UInt8(truncatingIfNeeded: min(255, luma(r: r + c.r, g: g + c.g, b: b + c.b)))
                        }
                    }
                }
            }
        }
        return Plane(width: canvas.width, height: canvas.height, pixels: out)
    }
}
