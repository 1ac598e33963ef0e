/// An orbit video: the camera circles the network's centre at a fixed elevation.
public struct OrbitSpec: Sendable, Equatable {
    /// Destination: `.mp4`, `.gif`, `.webm`, or a folder (no extension) of numbered PNGs.
    public var file: String = "Output/orbit.mp4"
    /// Frame size in pixels.
    public var size: FrameSize = FrameSize(width: 1280, height: 720)
    /// Frames per second.
    public var fps: Int = 30
    /// Length of the whole video in seconds, reveal included.
    public var seconds: Double = 12
    /// Camera elevation above the network's horizontal plane, in degrees (`SceneRules.elevation`).
    public var elevation: Double = 20
    /// Camera yaw at the first frame, in degrees (0 looks straight at the input's face).
    public var yaw: Double = -35
    /// How the camera moves after the intro: a swing around `yaw` (default) or full turns.
    public var motion: OrbitMotion = .swing
    /// Size of the swing in degrees: it reaches about 1.26× this toward the side view and
    /// 0.74× toward the input end (see `OrbitTimeline.swingOffset`).
    public var swing: Double = 25
    /// Number of full turns during the orbit part (`motion: turn` only).
    public var turns: Double = 1
    /// Camera distance as a multiple of the distance that just frames the network (≥ 0.5).
    public var distance: Double = 1
    /// How the angle follows time.
    public var easing: Easing = .easeInOut
    /// Optional forward-pass intro before the orbit.
    public var reveal: OrbitIntro = .forwardPass
    /// Seconds of the intro when `reveal` is `forward-pass`; nil picks a quarter of the video (at most 4 s).
    public var revealSeconds: Double? = nil

    /// Creates a spec with defaults for everything.
    public init() {}

    /// Total number of frames: `round(seconds × fps)`, at least one.
    public var frameCount: Int { max(1, Int((seconds * Double(fps)).rounded())) }
}
