import Foundation
import Geometry

/// An orbit shot's camera path: poses of the whole network evenly spaced in the shot's
/// (eased) progress, each framed on its own (see `TourFramer.networkPath`). Between samples
/// the target moves linearly and the distance geometrically, like `CameraPose.between`.
public struct NetworkPath: Sendable, Equatable {
    /// At least two poses; the first at progress 0, the last at progress 1.
    public var samples: [CameraPose]

    public init(samples: [CameraPose]) {
        self.samples = samples
    }

    /// The pose at progress `e` (clamped to 0…1).
    public func pose(at e: Double) -> CameraPose {
        guard samples.count > 1 else { return samples.first ?? TourFramer.fallback }
        let position = min(max(e, 0), 1) * Double(samples.count - 1)
        let i = min(Int(position.rounded(.down)), samples.count - 2)
        return CameraPose.between(samples[i], samples[i + 1], position - Double(i))
    }
}
