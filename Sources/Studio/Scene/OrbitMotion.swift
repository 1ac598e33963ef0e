/// How the camera moves once the forward-pass intro is over.
public enum OrbitMotion: String, Sendable, Equatable, CaseIterable {
    /// A swing to either side of the starting (three-quarter) view and back, starting and
    /// ending at rest: the network stays readable the whole time (no end-on pile-up, no
    /// view from behind). The default.
    case swing
    /// `turns` full circles around the network; needs a video of at least
    /// `OrbitMotion.minimumTurnSeconds` so the camera stays slow enough to read.
    case turn

    /// Shortest video that may use `turn`.
    public static let minimumTurnSeconds = 18.0
}
