import DigitNet
import Geometry

/// A contribution line between two cells of consecutive layers.
public struct ContributionEdge: Sendable, Equatable {
    /// Layer index of the source (earlier) layer; the target is `fromLayer + 1`.
    public var fromLayer: Int
    /// Source cell centre (earlier layer) and target cell centre (later layer).
    public var from: Vec3
    public var to: Vec3
    /// Relative strength in 0…1 (1 = the strongest edge into that layer).
    public var strength: Double
    /// The traced share of the prediction carried by this edge (unnormalised).
    public var weight: Double

    /// The traced links (see `Network.contributionPaths`) placed between the cells of
    /// `layers`, each with its strength relative to the strongest link into the same layer.
    static func placed(_ links: [ContributionLink], on layers: [LayerNode]) -> [ContributionEdge] {
        var strongest: [Int: Double] = [:]
        for link in links { strongest[link.fromLayer] = max(strongest[link.fromLayer] ?? link.share, link.share) }
        return links.map { link in
            let maxShare = strongest[link.fromLayer] ?? 1
            return ContributionEdge(
                fromLayer: link.fromLayer, from: layers[link.fromLayer].cellCenter(link.from),
                to: layers[link.fromLayer + 1].cellCenter(link.to),
                strength: maxShare > 0 ? link.share / maxShare : 0, weight: link.share)
        }
    }
}
