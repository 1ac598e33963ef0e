/// How the camera behaves during a replay.
public enum ReplayCamera: String, Sendable, Equatable, CaseIterable {
    /// Still, at the three-quarter view (yaw and elevation of the spec).
    case fixed
    /// A slow drift of 20° of yaw over the whole video, ending at the spec's yaw.
    case drift
}

/// A `replay` output: a video of the network reading a digit while it is drawn.
public struct ReplaySpec: Sendable, Equatable {
    /// Output: .mp4, .webm, .gif, or a folder of PNG frames.
    public var file: String = "Output/replay.mp4"
    /// The strokes file (JSON or SVG) to replay, or nil for the scene's input (a strokes
    /// file, or `sample:N` for the bundled digit's strokes).
    public var strokes: String? = nil
    public var size: FrameSize = FrameSize(width: 1280, height: 720)
    public var fps: Int = 30
    /// Seconds on the finished digit after the last stroke.
    public var hold: Double = 2
    /// Seconds of empty canvas before the first stroke.
    public var leadIn: Double = 0.5
    public var camera: ReplayCamera = .fixed
    /// Camera yaw and elevation in degrees (the three-quarter view by default).
    public var yaw: Double = -35
    public var elevation: Double = 20

    public init() {}
}
