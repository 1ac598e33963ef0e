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
/// order, then a short hold) followed by the camera's motion: by default a swing to one side
/// of the starting view, across it to the other side and back (`swingShape`), or with
/// `motion: turn` the yaw sweeps `turns` full circles with the chosen easing.
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
        switch spec.motion {
        case .swing: pose.yaw = spec.yaw + Self.swingOffset(progress, swing: spec.swing)
        case .turn: pose.yaw = spec.yaw + 360 * spec.turns * Self.ease(progress, spec.easing)
        }
        return pose
    }

    /// The yaws the camera passes through, lowest first.
    public var yawRange: ClosedRange<Double> {
        switch spec.motion {
        case .swing:
            // The swing's extremes, found on a fine grid of its parameter (a few thousandths of a degree).
            let offsets = (0...2000).map { Self.swingOffset(Double($0) / 2000, swing: spec.swing) }
            return (spec.yaw + (offsets.min() ?? 0))...(spec.yaw + (offsets.max() ?? 0))
        case .turn:
            let sweep = max(-360, min(360, 360 * spec.turns))
            return min(spec.yaw, spec.yaw + sweep)...max(spec.yaw, spec.yaw + sweep)
        }
    }

    /// How far the swing leans toward positive yaw, as a share of `swing` (negative: toward
    /// negative yaw). With slabs turned 35° off the flow axis they are face-on near yaw −55°,
    /// where neighbours start to cover each other (the gaps foreshorten while the slabs do
    /// not), and edge-on only at +35°, so the default swing leans toward the side view: about
    /// `1.26 × swing` that way and `0.74 × swing` toward the input end (−3.5° … −53.5° around
    /// −35° for a 25° swing; frames at both extremes looked at: maps still 60 % of their width
    /// at −3.5°, the input just clear of conv1 at −53.5°).
    static let swingLean = 0.4

    /// The swing's yaw offset from the start view at `t` in 0...1 for a swing of `swing`
    /// degrees: `swing · (swingShape(t) + swingLean · (1 − cos 2πt)/2)`. Starts and ends at
    /// rest on the start view.
    public static func swingOffset(_ t: Double, swing: Double) -> Double {
        let t = min(max(t, 0), 1)
        return swing * (swingShape(t) + swingLean * (1 - cos(2 * Double.pi * t)) / 2)
    }

    /// `yaw` moved by whole turns into `yawRange` (the same view), for framing lookups.
    public func framingYaw(_ yaw: Double) -> Double {
        let range = yawRange
        guard spec.motion == .turn, !range.contains(yaw) else { return yaw }
        let wrapped = (yaw - range.lowerBound).truncatingRemainder(dividingBy: 360)
        return min(range.lowerBound + (wrapped < 0 ? wrapped + 360 : wrapped), range.upperBound)
    }

    /// The swing's yaw offset (in units of the swing angle) at `t` in 0...1:
    /// `sin(2πt)·sin(πt)` scaled to peak at ±1. It starts and ends at rest on the starting
    /// view, reaches +1 at t ≈ 0.30 and −1 at t ≈ 0.70, and is fastest (2π/0.7698 per unit
    /// of t) as it crosses the starting view in the middle.
    public static func swingShape(_ t: Double) -> Double {
        let t = min(max(t, 0), 1)
        return sin(2 * Double.pi * t) * sin(Double.pi * t) / swingPeak
    }

    /// Peak of `sin(2πt)·sin(πt)`: `2·(2/3)·(1/√3)`.
    static let swingPeak = 4 / (3 * 3.0.squareRoot())

    /// Applies `easing` to `t` in 0...1.
    public static func ease(_ t: Double, _ easing: Easing) -> Double {
        let t = min(max(t, 0), 1)
        switch easing {
        case .linear: return t
        case .easeInOut: return easeInOut(t)
        }
    }

    /// Share of the motion spent speeding up (and again slowing down) in `easeInOut`.
    static let rampShare = 0.2

    /// Gentle start and stop with a low top speed: the speed rises along a smoothstep over
    /// the first `rampShare` of the time, stays constant, and falls the same way at the end,
    /// so the peak is only 1/(1 − rampShare) = 1.25× the average (a smootherstep peaks at 1.875×).
    static func easeInOut(_ t: Double) -> Double {
        let r = rampShare, top = 1 / (1 - r)
        // ∫ smoothstep from 0 to u: u³ − u⁴/2.
        func ramp(_ u: Double) -> Double { u * u * u - u * u * u * u / 2 }
        if t < r { return top * r * ramp(t / r) }
        if t > 1 - r { return 1 - top * r * ramp((1 - t) / r) }
        return top * (r / 2 + (t - r))
    }
}
