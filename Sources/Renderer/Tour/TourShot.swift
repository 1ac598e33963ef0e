/// One shot of a tour, resolved against a network (layers and units are indexes).
///
/// A shot starts where the previous one ended (the camera never jumps) and moves to its own
/// end pose over `duration` seconds with `easing`.
public struct TourShot: Sendable, Equatable {
    /// What the shot does.
    public enum Kind: Sendable, Equatable {
        /// Circle the whole network: yaw turns by `yawTo − yawFrom` and elevation moves to
        /// `elevationTo` (the first shot of a tour starts at `yawFrom`/`elevationFrom`).
        case orbit(yawFrom: Double, yawTo: Double, elevationFrom: Double, elevationTo: Double)
        /// Frame a subject with a margin.
        case flyTo(TourSubject)
        /// Keep the camera still.
        case hold
        /// The forward pass: layers light up in data-flow order.
        case reveal
        /// A layer's maps fan out to face the camera, large enough to read each cell, then close.
        case open(layer: Int)
        /// One unit's receptive field traced back to the input and its arithmetic in a panel.
        case neuron(layer: Int, unit: Int)
    }

    public var kind: Kind
    /// Seconds; nil lets the planner choose (respecting the speed limit).
    public var duration: Double?
    public var easing: TourEasing
    /// Chapter title starting at this shot (also shown top-left).
    public var title: String?
    /// Caption text; nil uses the generated one for what the shot shows (a hold keeps the
    /// previous shot's).
    public var caption: String?
    /// Show no caption at all (`caption: none`).
    public var noCaption: Bool
    /// Viewing angles for `fly-to` and `neuron` (degrees); nil picks the default close-up angle.
    public var yaw: Double?
    public var elevation: Double?
    /// Show the prediction panel during this shot.
    public var prediction: Bool
    /// Seconds on the voice-over's clock (the video's) at which this shot starts; the shot
    /// before lasts until then. Nil: right after the shot before.
    public var at: Double?
    /// The shot lasts until the voice-over ends (the last shot only).
    public var untilAudioEnd: Bool

    public init(
        _ kind: Kind, duration: Double? = nil, easing: TourEasing = .easeInOut, title: String? = nil,
        caption: String? = nil, noCaption: Bool = false, yaw: Double? = nil, elevation: Double? = nil,
        prediction: Bool = false, at: Double? = nil, untilAudioEnd: Bool = false
    ) {
        self.kind = kind
        self.duration = duration
        self.easing = easing
        self.title = title
        self.caption = caption
        self.noCaption = noCaption
        self.yaw = yaw
        self.elevation = elevation
        self.prediction = prediction
        self.at = at
        self.untilAudioEnd = untilAudioEnd
    }

    /// The shot's keyword in scene files.
    public var keyword: String {
        switch kind {
        case .orbit: "orbit"
        case .flyTo: "fly-to"
        case .hold: "hold"
        case .reveal: "reveal"
        case .open: "open"
        case .neuron: "neuron"
        }
    }
}
