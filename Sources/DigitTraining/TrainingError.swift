/// Errors about networks the trainer cannot handle.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedNetwork(String)
    case emptyData(String)
    /// A training option outside its range (the reason names it).
    case invalidOption(String)

    public var description: String {
        switch self {
        case let .unsupportedNetwork(r): return "cannot train this network: \(r)"
        case let .emptyData(r): return "no training data: \(r)"
        case let .invalidOption(r): return "invalid training option: \(r)"
        }
    }
}
