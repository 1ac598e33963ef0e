import CairoGraphics

extension RGBA {
    /// Linear blend toward `o` by `t` (alpha of self kept).
    @inline(__always)
    func mixed(with o: RGBA, _ t: Double) -> RGBA {
        RGBA(r + (o.r - r) * t, g + (o.g - g) * t, b + (o.b - b) * t, a)
    }
}
