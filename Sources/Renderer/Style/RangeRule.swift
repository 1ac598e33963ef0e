/// Which values share one colour scale.
public enum RangeRule: String, Sendable, CaseIterable, Codable {
    /// Every feature map is scaled to its own maximum.
    case perMap
    /// All maps of a layer share 0 → the layer's maximum (the default).
    case perLayer
    /// One scale over every hidden layer of the network.
    case global

    /// How the legend describes the rule.
    public var legendText: String {
        switch self {
        case .perMap: return "normalised per map"
        case .perLayer: return "normalised per layer"
        case .global: return "one scale for all layers"
        }
    }
}
