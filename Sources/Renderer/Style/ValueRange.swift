/// A value range mapped onto a colour map.
public struct ValueRange: Sendable, Equatable {
    public var low: Float
    public var high: Float
    public init(low: Float, high: Float) {
        self.low = low; self.high = high
    }

    /// Maps `v` to 0…1 (clamped); a flat range maps everything to 0.
    @inline(__always)
    public func normalize(_ v: Float) -> Double {
        let span = high - low
        guard span > 0 else { return 0 }
        return Double(min(max((v - low) / span, 0), 1))
    }

    /// The range for values `lo…hi` under a map: sequential maps start at 0 (or the minimum
    /// when negative), diverging maps are symmetric about 0.
    public static func covering(low lo: Float, high hi: Float, diverging: Bool) -> ValueRange {
        if diverging {
            let m = max(abs(lo), abs(hi))
            return ValueRange(low: -m, high: m)
        }
        return ValueRange(low: min(0, lo), high: max(hi, min(0, lo)))
    }
}
