/// Why a network could not be built from a model description and its weights. Every case
/// names the model or the weights file.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Layer `index` (0-based, in the description's order) of `model` cannot follow what
    /// comes before it, or has a size out of range.
    case invalidLayer(model: String, index: Int, reason: String)
    /// The description as a whole does not hold together (e.g. labels vs. outputs).
    case invalidModel(model: String, reason: String)
    /// The weights are unreadable, corrupt or do not fit the architecture.
    case weights(WeightsError)

    public var description: String {
        switch self {
        case let .invalidLayer(model, index, reason): return "\(model): layer \(index + 1): \(reason)"
        case let .invalidModel(model, reason): return "\(model): \(reason)"
        case let .weights(error): return error.description
        }
    }
}
