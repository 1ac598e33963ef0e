/// How a shot's progress follows time.
public enum TourEasing: String, Sendable, Equatable, CaseIterable {
    /// Constant speed (the velocity jumps at the shot's ends; position stays continuous).
    case linear
    /// Starts gently, ends at full speed.
    case easeIn = "ease-in"
    /// Starts at full speed, ends gently.
    case easeOut = "ease-out"
    /// Starts and ends gently (smootherstep): zero speed and acceleration at both ends.
    case easeInOut = "ease-in-out"

    /// The eased progress for `t` in 0…1 (clamped).
    public func apply(_ t: Double) -> Double {
        let t = min(max(t, 0), 1)
        switch self {
        case .linear: return t
        case .easeIn: return t * t * t
        case .easeOut:
            let u = 1 - t
            return 1 - u * u * u
        case .easeInOut: return t * t * t * (t * (t * 6 - 15) + 10)
        }
    }

    /// The largest slope of `apply` over 0…1 (peak speed over average speed).
    public var peakSlope: Double {
        switch self {
        case .linear: 1
        case .easeIn, .easeOut: 3
        case .easeInOut: 1.875
        }
    }
}
