/// How the camera's angle follows time during the orbit.
public enum Easing: String, Sendable, Equatable, CaseIterable {
    /// Constant angular speed.
    case linear
    /// Starts and ends gently (smootherstep), fastest in the middle.
    case easeInOut = "ease-in-out"
}
