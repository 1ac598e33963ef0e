/// A tour video: shots (or the default lesson generated from the architecture), captions,
/// chapters and an optional voice-over.
public struct TourSpec: Sendable, Equatable {
    /// Destination `.mp4` (chapters and audio need MP4 or WebM).
    public var file: String = "Output/tour.mp4"
    public var size: FrameSize = FrameSize(width: 1280, height: 720)
    public var fps: Int = 30
    /// The shots; nil for the default lesson.
    public var shots: [ShotSpec]?
    /// A voice-over file (WAV, M4A, MP3), resolved against the scene's folder; nil for silence.
    public var audio: String?
    public var captions: CaptionMode = .burned

    /// Creates a spec with defaults for everything (the default lesson).
    public init() {}
}
