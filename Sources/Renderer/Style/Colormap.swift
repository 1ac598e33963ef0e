import CairoGraphics

/// A colour map: 256 colours from low to high values.
public struct Colormap: Sendable, Equatable {
    /// Which map this is.
    public enum Name: String, Sendable, CaseIterable, Codable {
        /// Perceptually uniform dark blue → green → yellow (sequential, the default).
        case viridis
        /// Black → purple → orange → pale yellow (sequential).
        case magma
        /// Black → white (sequential; the input image).
        case grays
        /// Blue (negative) → white (zero) → red (positive): diverging, for signed values
        /// and weights; use it with a range symmetric about 0.
        case rdbu
    }

    public let name: Name
    /// 256 entries, index 0 for the low end.
    public let table: [RGBA]

    public init(_ name: Name) {
        self.name = name
        let stops = Colormap.stops(name)
        table = (0..<256).map { i in Colormap.interpolate(stops, Double(i) / 255) }
    }

    /// True for maps meant for signed data (centred on zero).
    public var isDiverging: Bool { name == .rdbu }

    /// The colour at `t` in 0…1 (clamped), nearest of 256 entries.
    public func color(at t: Double) -> RGBA { table[Colormap.level(t)] }

    /// Index 0…255 for `t` in 0…1 (clamped; NaN → 0).
    @inline(__always)
    public static func level(_ t: Double) -> Int {
        guard t == t else { return 0 }
        return Int((min(max(t, 0), 1) * 255).rounded())
    }

    static func interpolate(_ stops: [RGBA], _ t: Double) -> RGBA {
        let f = t * Double(stops.count - 1)
        let i = min(Int(f), stops.count - 2)
        let u = f - Double(i)
        let a = stops[i], b = stops[i + 1]
        return RGBA(a.r + (b.r - a.r) * u, a.g + (b.g - a.g) * u, a.b + (b.b - a.b) * u)
    }

    /// Evenly spaced control colours (sampled from matplotlib's maps).
    static func stops(_ name: Name) -> [RGBA] {
        let hex: [String]
        switch name {
        case .viridis:
            hex = [
                "#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c",
                "#22a884", "#44bf70", "#7ad151", "#bddf26", "#fde725",
            ]
        case .magma:
            hex = [
                "#000004", "#140e36", "#3b0f70", "#641a80", "#8c2981", "#b73779",
                "#de4968", "#f7705c", "#fe9f6d", "#fecf92", "#fcfdbf",
            ]
        case .grays:
            hex = ["#000000", "#ffffff"]
        case .rdbu:
            hex = [
                "#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7",
                "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f",
            ]
        }
        return hex.map { RGBA(hex: $0) ?? RGBA(0, 0, 0) }
    }
}
