import Foundation

/// How the camera's view follows the frame's shape: a network seen from the three-quarter
/// view is about three times wider than tall, so a landscape frame fits it by width and
/// height at once, while a square or portrait frame fits it by width alone and leaves most
/// of its height empty.
///
/// Frames narrower than 16:9 therefore look from a little further toward the input end and a
/// little higher: the layers then climb up the frame instead of running across it (at 9:16
/// the flow runs at about 45° instead of 13°), and the slabs face the camera more squarely.
/// A swing is narrowed in the same proportion so its far extreme stays short of the end-on
/// view. Landscape frames keep the camera they are given.
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
        yawShift = -20 * t
        elevationShift = 16 * t
        swingScale = 1 - 0.4 * t
    }

    /// 16:9 and 9:16.
    static let landscape = 16.0 / 9, portrait = 9.0 / 16

    /// The yaw shown for a requested `yaw`, which swings around `start`.
    public func yaw(_ yaw: Double, start: Double) -> Double {
        start + yawShift + (yaw - start) * swingScale
    }

    /// The elevation shown for a requested `elevation` (kept under 60°).
    public func elevation(_ elevation: Double) -> Double {
        elevationShift == 0 ? elevation : min(elevation + elevationShift, max(elevation, 60))
    }
}
