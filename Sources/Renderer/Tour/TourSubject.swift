/// What a `fly-to` shot frames: the whole network, one layer, one feature map of a layer
/// (`conv2[5]`), or one node of a dense layer (`fc1[37]`). Indexes are 0-based and refer to
/// the scene's layers in data-flow order (0 = input).
public enum TourSubject: Sendable, Equatable {
    case network
    case layer(Int)
    case map(layer: Int, map: Int)
    case node(layer: Int, node: Int)

    /// The layer involved, if any.
    public var layer: Int? {
        switch self {
        case .network: nil
        case .layer(let l), .map(let l, _), .node(let l, _): l
        }
    }
}
