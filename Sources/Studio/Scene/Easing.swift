/// How the camera's angle follows time during the orbit.
public enum Easing: String, Sendable, Equatable, CaseIterable {
    /// Constant angular speed.
    case linear
    /// Speeds up and slows down gently over the first and last fifth, constant between.
    case easeInOut = "ease-in-out"
}
