import Foundation

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
    /// An orbit shot's camera path (nil: a straight move from `from` to `to`).
    public var path: NetworkPath?
    /// The share of the shot the camera move takes (1: all of it; a neuron shot arrives
    /// first, then shows its panel).
    public var moveFraction: Double = 1

    /// End time.
    public var end: Double { start + duration }

    /// The camera at progress `e` (0…1, already eased). With a path, the path's pose, moved
    /// by what separates `from` from the path's start, that difference fading out as the shot
    /// goes on: the shot starts exactly where the previous one ended and ends on the path.
    public func pose(at e: Double) -> CameraPose {
        guard let path, let start = path.samples.first else { return CameraPose.between(from, to, e) }
        var pose = path.pose(at: e)
        let keep = 1 - min(max(e, 0), 1)
        pose.target = pose.target + (from.target - start.target) * keep
        if from.distance > 0, start.distance > 0 { pose.distance *= pow(from.distance / start.distance, keep) }
        pose.yaw += (from.yaw - start.yaw) * keep
        pose.elevation += (from.elevation - start.elevation) * keep
        return pose
    }
}
