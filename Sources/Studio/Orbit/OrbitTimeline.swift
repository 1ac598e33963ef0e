import Foundation

/// Where the camera is and how much of the network is lit at one frame of an orbit.
public struct OrbitPose: Sendable, Equatable {
    /// Camera yaw around the network's vertical axis, in degrees.
    public var yaw: Double
    /// Camera elevation above the network's horizontal plane, in degrees.
    public var elevation: Double
    /// Camera distance as a multiple of the distance that frames the whole network.
    public var distance: Double
    /// Forward-pass progress: 0 shows only the input, 1 shows every layer lit.
    public var reveal: Double
}

/// Maps frame indices of an orbit video to camera poses. A pure function of the spec, so any
/// process (or shard) computes the same pose for the same frame.
///
/// The video is an optional forward-pass intro (camera still, layers lighting up in data-flow
/// order, then a short hold) followed by the orbit (the yaw sweeps `turns` full circles with
/// the chosen easing).
public struct OrbitTimeline: Sendable, Equatable {
    /// The spec this timeline follows.
    public let spec: OrbitSpec

    /// Creates the timeline of `spec`.
    public init(_ spec: OrbitSpec) { self.spec = spec }

    /// Number of frames in the whole video.
    public var frameCount: Int { spec.frameCount }

    /// Seconds of forward-pass intro (0 without a reveal).
    public var introSeconds: Double {
        guard spec.reveal == .forwardPass else { return 0 }
        if let seconds = spec.revealSeconds { return min(seconds, spec.seconds) }
        return min(4, spec.seconds / 4)
    }

    /// Fraction of the intro spent lighting layers; the rest is a hold on the lit network.
    static let revealShare = 0.85

    /// The pose at frame `index` (clamped into the video).
    public func pose(at index: Int) -> OrbitPose {
        let frame = min(max(index, 0), frameCount - 1)
        let time = Double(frame) / Double(spec.fps)
        let intro = introSeconds
        var pose = OrbitPose(yaw: spec.yaw, elevation: spec.elevation, distance: spec.distance, reveal: 1)
        if time < intro {
            pose.reveal = min(1, time / (intro * Self.revealShare))
            return pose
        }
        let orbitSeconds = spec.seconds - intro
        let progress = orbitSeconds > 0 ? min(1, (time - intro) / orbitSeconds) : 0
        pose.yaw = spec.yaw + 360 * spec.turns * Self.ease(progress, spec.easing)
        return pose
    }

    /// Applies `easing` to `t` in 0...1.
    public static func ease(_ t: Double, _ easing: Easing) -> Double {
        let t = min(max(t, 0), 1)
        switch easing {
        case .linear: return t
        case .easeInOut: return t * t * t * (t * (t * 6 - 15) + 10)  // smootherstep
        }
    }
}
