/// The optional intro of an orbit video (`reveal:` in scene files, `--reveal` on the command line).
public enum OrbitIntro: String, Sendable, Equatable, CaseIterable {
    /// No intro: every layer is lit from the first frame.
    case none
    /// Layers light up one after another in data-flow order before the camera starts to move.
    case forwardPass = "forward-pass"
}
