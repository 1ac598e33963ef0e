/// A shot placed on the tour's timeline: when it plays, where the camera goes and what the
/// frame shows.
public struct PlannedShot: Sendable, Equatable {
    public var shot: TourShot
    /// Start time and length in seconds.
    public var start: Double
    public var duration: Double
    /// Whether the planner chose the duration (such shots keep the speed limit).
    public var defaultDuration: Bool
    /// Camera at the start (the previous shot's end) and at the end.
    public var from: CameraPose
    public var to: CameraPose
    /// The caption shown (explicit or generated), nil for none.
    public var caption: String?
    /// The chapter this shot belongs to (the latest title so far) and when that chapter began.
    public var chapter: String?
    public var chapterStart: Double
    /// Forward-pass progress at the start and end (nil: every layer lit).
    public var revealFrom: Double?
    public var revealTo: Double?
    /// A neuron shot's arithmetic and receptive regions.
    public var neuron: NeuronArithmetic?
    public var regions: [ReceptiveRegion]

    /// End time.
    public var end: Double { start + duration }
}
