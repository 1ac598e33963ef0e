import Foundation

/// How the camera's view follows the frame's shape: a network seen from the three-quarter
/// view is about three times wider than tall, so a landscape frame fits it by width and
/// height at once, while a square or portrait frame fits it by width alone and leaves most
/// of its height empty.
///
/// Frames narrower than 16:9 therefore look from higher and a little further toward the
/// input end: the layers then climb up the frame instead of running across it (at 9:16, from
/// 45° up at yaw −45°, the flow rises at about 35° instead of 13°). The swing narrows in
/// proportion (to half at 9:16), so the default one still turns back before −55°, where
/// neighbouring slabs start to cover each other (looked at: 9:16 frames at −66° were a pile).
/// Landscape frames keep the camera they are given.
public struct AspectView: Sendable, Equatable {
    /// Degrees added to every yaw (negative: toward the input end).
    public var yawShift: Double
    /// Degrees added to the elevation.
    public var elevationShift: Double
    /// Multiplies a swing's offsets from its start view.
    public var swingScale: Double

    /// The view for a `width`×`height` frame: no change from 16:9 up, the full change at
    /// 9:16 and below, in proportion between (4:3 gets about a third of it, 1:1 two thirds).
    public init(width: Int, height: Int) {
        let aspect = Double(max(width, 1)) / Double(max(height, 1))
        let t = min(max((Self.landscape - aspect) / (Self.landscape - Self.portrait), 0), 1)
        yawShift = -10 * t
        elevationShift = 25 * t
        swingScale = 1 - 0.5 * t
    }

    /// 16:9 and 9:16.
    static let landscape = 16.0 / 9, portrait = 9.0 / 16

    /// The yaw shown for a requested `yaw`, which swings around `start`.
    public func yaw(_ yaw: Double, start: Double) -> Double {
        start + yawShift + (yaw - start) * swingScale
    }

    /// The elevation shown for a requested `elevation` (raised no higher than 60°).
    public func elevation(_ elevation: Double) -> Double {
        elevationShift == 0 ? elevation : min(elevation + elevationShift, max(elevation, 60))
    }
}
