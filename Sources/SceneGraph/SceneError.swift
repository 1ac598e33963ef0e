import DigitNet

/// Why a scene could not be built.
public enum SceneError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The trace has no activation for a stage of the network.
    case missingActivation(name: LayerID)
    /// An activation's shape does not match what the network says.
    case shapeMismatch(name: LayerID, expected: [Int], found: [Int])
    /// The layout for a layer cannot hold its maps or nodes.
    case layoutTooSmall(name: LayerID, needed: Int, available: Int)

    public var description: String {
        switch self {
        case let .missingActivation(name): return "trace has no activation named \(name)"
        case let .shapeMismatch(name, e, f): return "activation \(name) has shape \(f), network expects \(e)"
        case let .layoutTooSmall(name, needed, available):
            return "layout for \(name) has room for \(available) maps or nodes, needs \(needed)"
        }
    }
}
