/// One caption on screen from `start` to `end` (seconds from the start of the video): a
/// subtitle line in the SRT and VTT sidecars, and the text a job may burn into its frames.
public struct TimedCue: Sendable, Equatable, Codable {
    /// When the caption appears, in seconds.
    public var start: Double
    /// When it disappears, in seconds (after `start`).
    public var end: Double
    /// The caption; `\n` separates lines. Blank lines are dropped when written (they would
    /// end a cue early in SRT and VTT).
    public var text: String

    public init(start: Double, end: Double, text: String) {
        self.start = start
        self.end = end
        self.text = text
    }
}
